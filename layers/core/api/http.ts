/**
 * The wire protocol, independent of transport: the local server and the
 * Lambda handlers both turn their request into an HttpRequest, call the
 * handler this returns, and write back its HttpResponse.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from './context';
import {
  RequestEntityTooLargeException,
  SerializationException,
  ServiceError,
  UnknownOperationException,
} from './errors';
import type { Operation } from './operation';
import { parseInput } from './validation';

export interface HttpRequest {
  method: string;
  /** The path without the query string; a base path (`/v1/`) is allowed before the route. */
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  body: string;
}

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** Far above any valid request (a schema is at most 10,000 characters), far below a memory risk. */
export const MAX_BODY_BYTES = 1024 * 1024;

const CONTROL_TARGET_PREFIX = 'AmazonPersonalize.';
const AWS_JSON = 'application/x-amz-json-1.1';

export type Logger = (message: string, error: unknown) => void;

export function createApi(
  operations: readonly Operation[],
  ctx: Context,
  log: Logger = (message, error) => console.error(message, error),
) {
  const registry = new Map(operations.map((op) => [op.name, op]));

  const invoke = async (request: HttpRequest): Promise<unknown> => {
    if (Buffer.byteLength(request.body) > MAX_BODY_BYTES) {
      throw new RequestEntityTooLargeException(
        `The request body is larger than the limit of ${MAX_BODY_BYTES} bytes.`,
      );
    }
    const target = request.headers['x-amz-target'];
    if (request.method !== 'POST' || !request.path.endsWith('/') || !target) {
      throw new UnknownOperationException(
        `No operation at ${request.method} ${request.path}${target ? '' : ' without an X-Amz-Target header'}.`,
      );
    }
    const operation = target.startsWith(CONTROL_TARGET_PREFIX)
      ? registry.get(target.slice(CONTROL_TARGET_PREFIX.length))
      : undefined;
    if (!operation) throw new UnknownOperationException(`Unknown operation ${target}.`);
    return operation.run(parseInput(operation.input, parseBody(request.body)), ctx);
  };

  return async (request: HttpRequest): Promise<HttpResponse> => {
    const requestId = randomUUID();
    try {
      const result = await invoke(request);
      return respond(200, requestId, result);
    } catch (error) {
      if (error instanceof ServiceError) {
        return respond(
          error.statusCode,
          requestId,
          { __type: error.name, message: error.message },
          error.name,
        );
      }
      log(`request ${requestId} failed`, error);
      return respond(
        500,
        requestId,
        {
          __type: 'InternalFailure',
          message: 'The request processing has failed because of an unknown error.',
        },
        'InternalFailure',
      );
    }
  };
}

function parseBody(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new SerializationException(
      `The request body is not valid JSON: ${(error as Error).message}`,
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new SerializationException('The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

function respond(
  statusCode: number,
  requestId: string,
  body: unknown,
  errorType?: string,
): HttpResponse {
  return {
    statusCode,
    headers: {
      'content-type': AWS_JSON,
      'x-amzn-requestid': requestId,
      ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
    },
    body: JSON.stringify(body ?? {}),
  };
}
