/** API Gateway REST proxy events as the core's transport-neutral HttpRequest. */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { HttpRequest, SignedRequest } from '@tailor/core';

export function fromProxyEvent(event: APIGatewayProxyEvent): HttpRequest {
  const headers: HttpRequest['headers'] = {};
  // Console test events without headers carry null, not {}.
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    headers[name.toLowerCase()] = value;
  }
  const body = event.body ?? '';
  return {
    method: event.httpMethod,
    // Without the stage (`POST /prod/` arrives as `/`); a custom domain's base path stays,
    // which createApi accepts.
    path: event.path,
    headers,
    body: event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body,
  };
}

/**
 * The request as the client signed it: the path with the stage (`/prod/`) that `event.path`
 * leaves out, and the query parameters, which createApi never reads.
 */
export function signedRequestOf(event: APIGatewayProxyEvent): SignedRequest {
  return {
    ...fromProxyEvent(event),
    path: event.requestContext?.path ?? event.path,
    query: Object.entries(event.multiValueQueryStringParameters ?? {}).flatMap(([name, values]) =>
      (values ?? []).map((value) => [name, value] as const),
    ),
  };
}
