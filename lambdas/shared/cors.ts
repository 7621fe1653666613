/**
 * CORS for the console's site (TailorProps.console, docs/deploy.md#the-console): the browser
 * calls the API from the site's origin with the AWS SDK's browser clients. Shared by the stack,
 * which answers preflights and API Gateway's own errors, and by the handlers, which answer the
 * rest.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

/** The site's origin (`https://<distribution domain>`); unset without the console. */
export const CONSOLE_ORIGIN_VARIABLE = 'TAILOR_CONSOLE_ORIGIN';

/**
 * What the SDK's browser clients set on every Personalize request, found by capturing their
 * requests: `host` and `content-length`, which it sets too, are the browser's own.
 */
export const SDK_REQUEST_HEADERS = [
  'amz-sdk-invocation-id',
  'amz-sdk-request',
  'authorization',
  'content-type',
  'x-amz-content-sha256',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-target',
  'x-amz-user-agent',
] as const;

/**
 * What the SDK reads from a response beyond the headers every origin may read: the exception's
 * name, the request id, and `date`, which corrects a clock that is off before it signs again.
 */
export const SDK_RESPONSE_HEADERS = ['date', 'x-amzn-errortype', 'x-amzn-requestid'] as const;

/** The headers that let the console's origin, and no other, read an answer. */
export const corsHeaders = (origin: string): Record<string, string> => ({
  'access-control-allow-origin': origin,
  'access-control-expose-headers': SDK_RESPONSE_HEADERS.join(','),
  vary: 'Origin',
});

type ApiHandler<C> = (event: APIGatewayProxyEvent, context: C) => Promise<APIGatewayProxyResult>;

/**
 * Every answer of `handler` with the CORS headers, where the stack set the console's origin.
 * Around the whole middy chain, so that answers its middlewares return early (a refused
 * signature) carry them too.
 */
export function allowConsoleOrigin<C>(
  handler: ApiHandler<C>,
  env: NodeJS.ProcessEnv,
): ApiHandler<C> {
  const origin = env[CONSOLE_ORIGIN_VARIABLE];
  if (!origin) return handler;
  const headers = corsHeaders(origin);
  return async (event, context) => {
    const response = await handler(event, context);
    return { ...response, headers: { ...response.headers, ...headers } };
  };
}
