/**
 * The wire protocols, independent of transport: AWS JSON 1.1 for the control plane, restJson1 for
 * events and runtime. The local server and the Lambda handlers both turn their request into an
 * HttpRequest, and write back the HttpResponse that operations/dispatch.ts's handler answers.
 */
import { randomUUID } from 'node:crypto';
import type { Caller } from '../domain/callers';
import { SerializationException, ServiceError } from './errors';
import { MODEL_ERRORS } from './model-errors';

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

export const CONTROL_TARGET_PREFIX = 'AmazonPersonalize.';
const AWS_JSON = 'application/x-amz-json-1.1';

/** How a protocol puts a result or an error on the wire. */
export interface Protocol {
  contentType: string;
  status(error: ServiceError): number;
  errorBody(error: ServiceError): unknown;
  body(result: unknown): string;
}

/** The control plane: every client error is a 400 whose body names the exception. */
export const AWS_JSON_1_1: Protocol = {
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
export const REST_JSON_1: Protocol = {
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

export type Logger = (message: string, error: unknown) => void;

export const logToConsole: Logger = (message, error) => console.error(message, error);

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

export function fail(
  protocol: Protocol,
  requestId: string,
  error: unknown,
  log: Logger,
): HttpResponse {
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

export function parseBody(body: string): Record<string, unknown> {
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

export function respond(
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
