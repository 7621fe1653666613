/**
 * The signature check as a front door, for the two fronts (the local server and the Lambda
 * middleware): a refusal goes on the wire exactly as createApi's own errors do.
 */
import { failureResponse, type HttpResponse, type Logger } from '../api/http';
import type { Caller } from '../domain/callers';
import type { SignedRequest, Verifier } from './sigv4';

/** Resolves with who signed the request, to let it through, or with the response that refuses it. */
export type SignatureGuard = (
  request: SignedRequest,
) => Promise<{ caller: Caller } | { refusal: HttpResponse }>;

export function createSignatureGuard(verify: Verifier, log?: Logger): SignatureGuard {
  return async (request) => {
    try {
      return { caller: await verify(request) };
    } catch (error) {
      // Unknown errors (the key store unreachable) become a bare 500 there, and are logged.
      return { refusal: failureResponse(request, error, log) };
    }
  };
}
