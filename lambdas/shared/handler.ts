/** The one shape of every Tailor API Lambda: API Gateway proxy events served by createApi over some operations. */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import {
  createApi,
  iamCaller,
  iamPassRolePolicy,
  jobLauncherFromEnv,
  type Caller,
  type HttpRequest,
  type Operation,
} from '@tailor/core';
import { containerContext } from './context';
import { allowConsoleOrigin } from './cors';
import { fromProxyEvent } from './http';
import { observability, type Observability } from './observability';
import { sigv4AuthFromEnv, verifiedCaller } from './sigv4';

/** `service` names the API in logs, traces and metrics: control, events or runtime. */
export function apiHandler(service: string, operations: readonly Operation[]) {
  // Once per container, shared by its invocations: clients, and the runtime's model cache.
  const context = containerContext(process.env, jobLauncherFromEnv(process.env));
  let api: ReturnType<typeof createApi> | undefined;
  const serve = async (request: HttpRequest) =>
    (api ??= createApi(operations, await context()))(request);
  const tools = observability(service, process.env);
  // Signatures checked against Tailor-issued keys instead of IAM at API Gateway (docs/auth.md).
  const sigv4 = process.env.TAILOR_AUTH === 'sigv4';
  const callerOf = sigv4 ? verifiedCaller : iamCallerOf(process.env);
  // No error middleware: createApi already turns every failure into a wire response.
  const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(tools.middlewares)
    .use(responseMetrics(tools))
    .use(sigv4 ? [sigv4AuthFromEnv(process.env)] : [])
    .handler((event) => serve({ ...fromProxyEvent(event), caller: callerOf(event) }));
  return allowConsoleOrigin(handler, process.env);
}

/**
 * IAM authorization: API Gateway names the signer, whose own IAM policies decide which roles they
 * may pass to jobs, as they would with Personalize.
 */
function iamCallerOf(env: NodeJS.ProcessEnv): (event: APIGatewayProxyEvent) => Caller {
  const policy = iamPassRolePolicy(env.TAILOR_ACCOUNT ?? '');
  return (event) => iamCaller(event.requestContext?.identity?.userArn ?? 'unknown', policy);
}

/**
 * Counts answers by class, so a dashboard shows client errors (4xx, the caller's
 * fault) apart from faults (5xx, ours), and logs every fault.
 */
function responseMetrics({
  logger,
  metrics,
}: Observability): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  const after: middy.MiddlewareFn<APIGatewayProxyEvent, APIGatewayProxyResult> = (request) => {
    const status = request.response?.statusCode ?? 500;
    metrics.addMetric('ClientErrors', MetricUnit.Count, status >= 400 && status < 500 ? 1 : 0);
    metrics.addMetric('Faults', MetricUnit.Count, status >= 500 ? 1 : 0);
    if (status >= 500) {
      logger.error('Answered with a fault', { statusCode: status, path: request.event.path });
    }
  };
  return { after };
}
