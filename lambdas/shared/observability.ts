/**
 * Structured logs, metrics and traces for every Tailor Lambda, with Powertools.
 * The same handlers run outside Lambda (tests, scripts): there the tracer
 * switches itself off and metrics are not flushed, so nothing needs AWS.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type middy from '@middy/core';

/** The CloudWatch namespace of Tailor's own metrics, unless POWERTOOLS_METRICS_NAMESPACE says otherwise. */
export const METRICS_NAMESPACE = 'Tailor';

export interface Observability {
  logger: Logger;
  metrics: Metrics;
  tracer: Tracer;
  /** Context in every log line, traced handler, metrics flushed after each invocation. */
  middlewares: middy.MiddlewareObj[];
}

/**
 * One set per function, built with its handler. `service` names the function's part
 * (control, events, runtime, jobs) unless POWERTOOLS_SERVICE_NAME says otherwise.
 */
export function observability(service: string, env: NodeJS.ProcessEnv): Observability {
  const logger = new Logger({ serviceName: service });
  const metrics = new Metrics({ serviceName: service, namespace: METRICS_NAMESPACE });
  const tracer = new Tracer({ serviceName: service });
  // Lambda sets AWS_LAMBDA_FUNCTION_NAME; elsewhere there is no log agent to read EMF lines.
  const inLambda = Boolean(env.AWS_LAMBDA_FUNCTION_NAME);
  const middlewares = [
    injectLambdaContext(logger),
    captureLambdaHandler(tracer),
    ...(inLambda ? [logMetrics(metrics, { captureColdStartMetric: true })] : []),
  ] as middy.MiddlewareObj[];
  return { logger, metrics, tracer, middlewares };
}
