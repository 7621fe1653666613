/**
 * The signature check of Tailor's API (the local server and the Lambda middleware), as the
 * front door of an AWS JSON or REST JSON service checks it: the one check of signature-check.ts,
 * for the service `personalize`, with the body's own hash and the exceptions AWS returns.
 */
import {
  IncompleteSignatureException,
  InvalidSignatureException,
  MissingAuthenticationTokenException,
  UnrecognizedClientException,
} from '../api/errors';
import type { HttpRequest } from '../api/http';
import { keyCaller } from './callers';
import { type Caller } from '../domain/callers';
import type { KeyPolicy } from '../domain/callers';
import {
  basicDate,
  createSignatureCheck,
  MAX_SKEW_MS,
  sha256Hex,
  type Refusals,
  type RequestHead,
  type SigningKey,
} from './signature-check';

export interface SignedRequest extends HttpRequest, RequestHead {
  path: string;
}

/** What a signature is checked with, and what the signer may do. */
export interface VerifiableKey extends SigningKey {
  /** The roles the key's holder may pass to jobs (keyCaller). */
  roleArns?: readonly string[];
  /** What the key may do (keyCaller); everything when absent. */
  policy?: KeyPolicy;
}

/**
 * The refusals of AWS's JSON services (Personalize, DynamoDB): exceptions named and worded as
 * their front door words them, so that clients react as they do to AWS.
 */
export const JSON_SERVICE_REFUSALS: Refusals = {
  missing: () => new MissingAuthenticationTokenException('Missing Authentication Token'),
  malformed: (message) => new IncompleteSignatureException(message),
  // A header left out of the signature could be changed in flight: an unsigned X-Amz-Target
  // would let a captured DescribeDatasetGroup be replayed as DeleteDatasetGroup.
  unsigned: (headers) =>
    new IncompleteSignatureException(
      headers
        .map((name) => `'${name}' must be a 'SignedHeader' in the AWS Authorization.`)
        .join(' '),
    ),
  wrongScope: ({ part, given, expected, amzDate }) =>
    new InvalidSignatureException(
      {
        date: `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${given}' != '${expected}', from '${amzDate}'.`,
        terminator: `Credential should be scoped with a valid terminator: '${expected}', not '${given}'.`,
        service: `Credential should be scoped to correct service: '${expected}'. `,
        region: `Credential should be scoped to a valid region, not '${given}'. `,
      }[part],
    ),
  outOfTime: ({ kind, signedAt, now }) =>
    new InvalidSignatureException(
      kind === 'early'
        ? `Signature not yet current: ${basicDate(signedAt)} is still later than ${basicDate(now + MAX_SKEW_MS)} (${basicDate(now)} + 5 min.)`
        : `Signature expired: ${basicDate(signedAt)} is now earlier than ${basicDate(now - MAX_SKEW_MS)} (${basicDate(now)} - 5 min.)`,
    ),
  unknownKey: () =>
    new UnrecognizedClientException('The security token included in the request is invalid.'),
  mismatch: () =>
    new InvalidSignatureException(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    ),
};

export interface VerifierConfig {
  /** The one region requests may be scoped to: the region in Tailor's ARNs. */
  region: string;
  /** An active key; undefined for an unknown or revoked one. */
  keyOf(accessKeyId: string): Promise<VerifiableKey | undefined>;
  /** @default 'personalize', the signing name of all three Personalize APIs */
  service?: string;
  /** @default Date.now */
  now?: () => number;
}

/** Resolves with who signed the request; throws the ServiceError AWS would return. */
export type Verifier = (request: SignedRequest) => Promise<Caller>;

/** The check of an AWS JSON or REST JSON service, whose body the front has read whole. */
export function createSigV4Verifier(config: VerifierConfig): Verifier {
  const check = createSignatureCheck<SignedRequest, VerifiableKey>({
    ...config,
    service: config.service ?? 'personalize',
    refusals: JSON_SERVICE_REFUSALS,
    // Hashed here, never taken from X-Amz-Content-Sha256: a client-supplied hash would let an
    // altered body pass under the original signature.
    payloadHash: (request) => sha256Hex(request.body),
  });
  return async (request) => {
    const { key } = await check(withContentLength(request));
    return keyCaller(key.accessKeyId, key.roleArns ?? [], key.policy);
  };
}

/**
 * A proxy may drop Content-Length (API Gateway's proxy events may lack it); the body's own
 * length is what the client signed.
 */
const withContentLength = (request: SignedRequest): SignedRequest =>
  request.headers['content-length'] === undefined
    ? {
        ...request,
        headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
      }
    : request;
