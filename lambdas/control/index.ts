/** The control-plane API (AmazonPersonalize.*) behind API Gateway: a thin front over createApi. */
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { createApi } from '../../layers/core/api/http';
import { CONTROL_OPERATIONS } from '../../layers/core/operations';
import { contextFromEnv } from '../../layers/core/store/aws-environment';
import { fromProxyEvent } from '../shared/http';
import { NO_JOB_RUNNER } from '../shared/jobs';

// Once per container, shared by its invocations; it holds no per-request state.
const api = createApi(CONTROL_OPERATIONS, contextFromEnv(process.env, NO_JOB_RUNNER));

// No error middleware: createApi already turns every failure into a wire response.
export const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>().handler((event) =>
  api(fromProxyEvent(event)),
);
