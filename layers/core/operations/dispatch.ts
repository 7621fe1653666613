import { randomUUID } from 'node:crypto';
import { RequestEntityTooLargeException, UnknownOperationException } from '../api/errors';
import {
  AWS_JSON_1_1,
  CONTROL_TARGET_PREFIX,
  fail,
  logToConsole,
  MAX_BODY_BYTES,
  parseBody,
  respond,
  REST_JSON_1,
  type HttpRequest,
  type HttpResponse,
  type Logger,
  type Protocol,
} from '../api/http';
import { excerpt, parseInput } from '../api/validation';
import { enforceKeyPolicy } from '../auth/key-policy-enforcement';
import type { Context } from '../context/context';
import type { Operation } from './operation';

interface Route {
  operation: Operation;
  protocol: Protocol;
}

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
      await enforceKeyPolicy(served, operation.name, () => operation.touches(input, served.place));
      const result = await operation.run(input, served);
      return respond(protocol, 200, requestId, protocol.body(result));
    } catch (error) {
      return fail(protocol, requestId, error, log);
    }
  };
}
