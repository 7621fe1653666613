/**
 * Middy middleware: refuses requests not signed (SigV4, service `personalize`) with an active
 * Tailor-issued key, before the handler runs. apiHandler uses it when TAILOR_AUTH=sigv4.
 */
import { cleanupMiddlewares } from '@aws-lambda-powertools/commons';
import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import {
  type AccessKeyStore,
  accessKeyStoreFromEnv,
  type Caller,
  createSignatureGuard,
  createSigV4Verifier,
  keyLookup,
  regionOf,
} from '@tailor/core';
import { signedRequestOf } from './http';

export interface SigV4AuthOptions {
  /** The region requests must be signed for. */
  region: string;
  keys: AccessKeyStore;
  /**
   * How long a container reuses a key it has read: a revoked key keeps working this long.
   * @default 60000 - one minute, one table read per key per minute per container
   */
  cacheTtlMs?: number;
}

const defaults = { cacheTtlMs: 60_000 } satisfies Partial<SigV4AuthOptions>;

/** Who signed each event let through, for the handler (apiHandler) to hand to the operations. */
const callers = new WeakMap<APIGatewayProxyEvent, Caller>();

/** The caller the middleware found for an event; throws for an event it never let through. */
export function verifiedCaller(event: APIGatewayProxyEvent): Caller {
  const caller = callers.get(event);
  if (!caller) throw new Error('The request reached the handler without a signature check.');
  return caller;
}

export function sigv4Auth(
  options: SigV4AuthOptions,
): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  const { region, keys, cacheTtlMs } = { ...defaults, ...options };
  const guard = createSignatureGuard(
    createSigV4Verifier({ region, keyOf: keyLookup(keys, { ttlMs: cacheTtlMs }) }),
  );
  const sigv4AuthBefore = async (request: Request<APIGatewayProxyEvent, APIGatewayProxyResult>) => {
    const checked = await guard(signedRequestOf(request.event));
    if ('caller' in checked) {
      callers.set(request.event, checked.caller);
      return undefined;
    }
    // A response returned from `before` ends the chain, so no `after` runs: Powertools' own
    // middlewares (trace segment, metrics flush) are closed here instead.
    await cleanupMiddlewares(request);
    return checked.refusal;
  };
  return { before: sigv4AuthBefore };
}

/** The middleware as a deployment configures it: its AccessKeys table, sealed with its KMS key. */
export function sigv4AuthFromEnv(env: NodeJS.ProcessEnv) {
  // Throws unless the table, the key and a region are set, so the region below is known.
  const keys = accessKeyStoreFromEnv(env);
  return sigv4Auth({ region: regionOf(env)!, keys });
}
