/** The one shape of every Tailor Lambda: API Gateway proxy events served by createApi over some operations. */
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { createApi } from '../../layers/core/api/http';
import type { Operation } from '../../layers/core/api/operation';
import { contextFromEnv } from '../../layers/core/store/aws-environment';
import { fromProxyEvent } from './http';
import { NO_JOB_RUNNER } from './jobs';

export function apiHandler(operations: readonly Operation[]) {
  // Once per container, shared by its invocations: clients, and the runtime's model cache.
  const api = createApi(operations, contextFromEnv(process.env, NO_JOB_RUNNER));
  // No error middleware: createApi already turns every failure into a wire response.
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>().handler((event) =>
    api(fromProxyEvent(event)),
  );
}
