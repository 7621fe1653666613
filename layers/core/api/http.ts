/**
 * The wire protocol, independent of transport: the local server and the
 * Lambda handlers both turn their request into an HttpRequest, call the
 * handler this returns, and write back its HttpResponse.
 */
import { randomUUID } from 'node:crypto';
import type { Caller } from '../domain/callers';
import { enforceKeyPolicy } from '../auth/key-policy-enforcement';
import type { Context } from './context';
import {
  RequestEntityTooLargeException,
  SerializationException,
  ServiceError,
  UnknownOperationException,
} from './errors';
import { MODEL_ERRORS } from './model-errors';
import type { Operation } from './operation';
import { excerpt, parseInput } from './validation';

export interface HttpRequest {
  method: string;
  /** The path without the query string; a base path (`/v1/`) is allowed before the route. */
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  body: string;
  /** Who signed it, where a front checked the signature. */
  caller?: Caller;
}

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** Far above any valid request (a schema is at most 20,000 characters), far below a memory risk. */
export const MAX_BODY_BYTES = 1024 * 1024;

const CONTROL_TARGET_PREFIX = 'AmazonPersonalize.';
const AWS_JSON = 'application/x-amz-json-1.1';

/** How a protocol puts a result or an error on the wire. */
interface Protocol {
  contentType: string;
  status(error: ServiceError): number;
  errorBody(error: ServiceError): unknown;
  body(result: unknown): string;
}

/** The control plane: every client error is a 400 whose body names the exception. */
const AWS_JSON_1_1: Protocol = {
  contentType: AWS_JSON,
  status: (error) => error.statusCode,
  errorBody: (error) => ({ __type: error.name, message: error.message }),
  body: (result) => JSON.stringify(result ?? {}),
};

/**
 * The statuses the events and runtime models give their exceptions (their httpError traits); an
 * exception neither declares keeps its own.
 */
const REST_STATUS: Readonly<Record<string, number>> = {
  ...MODEL_ERRORS['personalize-events'],
  ...MODEL_ERRORS['personalize-runtime'],
};

/**
 * Events and runtime: restJson1 clients take the exception from the
 * `x-amzn-errortype` header and the message from the body.
 */
const REST_JSON_1: Protocol = {
  contentType: 'application/json',
  status: (error) => REST_STATUS[error.name] ?? error.statusCode,
  errorBody: (error) => ({ message: error.message }),
  // PutEvents, PutUsers and PutItems answer 200 with an empty body.
  body: (result) => (result === undefined ? '' : JSON.stringify(result)),
};

/** Anything not a ServiceError: the client learns nothing of the internals. */
const INTERNAL_FAILURE = new ServiceError(
  'InternalFailure',
  'The request processing has failed because of an unknown error.',
  500,
);

interface Route {
  operation: Operation;
  protocol: Protocol;
}

export type Logger = (message: string, error: unknown) => void;

const logToConsole: Logger = (message, error) => console.error(message, error);

/**
 * Serves control-plane operations by X-Amz-Target and restJson1 operations by
 * their `route`, so one endpoint (or one Lambda per API) takes any mix of them.
 */
export function createApi(
  operations: readonly Operation[],
  ctx: Context,
  log: Logger = logToConsole,
) {
  const targets = new Map(operations.filter((op) => !op.route).map((op) => [op.name, op]));
  const routes = new Map(operations.flatMap((op) => (op.route ? [[op.route, op] as const] : [])));

  const route = (request: HttpRequest): Route => {
    const target = request.headers['x-amz-target'];
    if (request.method === 'POST' && request.path.endsWith('/') && target) {
      const operation = target.startsWith(CONTROL_TARGET_PREFIX)
        ? targets.get(target.slice(CONTROL_TARGET_PREFIX.length))
        : undefined;
      if (!operation) throw new UnknownOperationException(`Unknown operation ${excerpt(target)}.`);
      return { operation, protocol: AWS_JSON_1_1 };
    }
    // A base path may come first: `/v1/events` is the `/events` route.
    const operation =
      request.method === 'POST'
        ? routes.get(request.path.slice(request.path.lastIndexOf('/')) as `/${string}`)
        : undefined;
    if (operation) return { operation, protocol: REST_JSON_1 };
    throw new UnknownOperationException(
      `No operation at ${excerpt(request.method)} ${excerpt(request.path)}${target ? '' : ' without an X-Amz-Target header'}.`,
    );
  };

  return async (request: HttpRequest): Promise<HttpResponse> => {
    const requestId = randomUUID();
    // Before routing the protocol is unknown; AWS JSON's error names the exception in the body too.
    let protocol = AWS_JSON_1_1;
    try {
      const { operation, protocol: routed } = route(request);
      protocol = routed;
      if (Buffer.byteLength(request.body) > MAX_BODY_BYTES) {
        throw new RequestEntityTooLargeException(
          `The request body is larger than the limit of ${MAX_BODY_BYTES} bytes.`,
        );
      }
      const input = parseInput(operation.input, parseBody(request.body));
      const served = request.caller ? { ...ctx, caller: request.caller } : ctx;
      await enforceKeyPolicy(served, operation, input);
      const result = await operation.run(input, served);
      return respond(protocol, 200, requestId, protocol.body(result));
    } catch (error) {
      return fail(protocol, requestId, error, log);
    }
  };
}

/**
 * A failure met before createApi's handler runs (the signature check), on the wire as createApi
 * puts its own: the control plane's requests carry X-Amz-Target, restJson1's never do.
 */
export function failureResponse(
  request: HttpRequest,
  error: unknown,
  log: Logger = logToConsole,
): HttpResponse {
  const protocol = request.headers['x-amz-target'] ? AWS_JSON_1_1 : REST_JSON_1;
  return fail(protocol, randomUUID(), error, log);
}

function fail(protocol: Protocol, requestId: string, error: unknown, log: Logger): HttpResponse {
  const known = error instanceof ServiceError;
  if (!known) log(`request ${requestId} failed`, error);
  const failure = known ? error : INTERNAL_FAILURE;
  return respond(
    protocol,
    protocol.status(failure),
    requestId,
    JSON.stringify(protocol.errorBody(failure)),
    failure.name,
  );
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
  protocol: Protocol,
  statusCode: number,
  requestId: string,
  body: string,
  errorType?: string,
): HttpResponse {
  return {
    statusCode,
    headers: {
      'content-type': protocol.contentType,
      'x-amzn-requestid': requestId,
      ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
    },
    body,
  };
}
