/**
 * AWS Signature Version 4, checked as AWS's front door checks it, so that unmodified SDKs and the
 * AWS CLI can call Tailor with Tailor-issued keys. The steps and their names follow
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  IncompleteSignatureException,
  InvalidSignatureException,
  MissingAuthenticationTokenException,
  UnrecognizedClientException,
} from '../api/errors';
import type { HttpRequest } from '../api/http';
import { ALGORITHM, parseAuthorization, type Authorization } from './authorization';
import { keyCaller, type Caller } from './callers';
import { canonicalRequest, sha256Hex } from './canonical';

export interface SignedRequest extends HttpRequest {
  /** Here the path as the client sent it (still percent-encoded), with any stage or base path. */
  path: string;
  /** Query parameters, decoded, in any order. */
  query: ReadonlyArray<readonly [string, string]>;
}

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

/** What a signature is checked with, and what the signer may do. */
export interface VerifiableKey {
  accessKeyId: string;
  secretAccessKey: string;
  /** The roles the key's holder may pass to jobs (keyCaller). */
  roleArns?: readonly string[];
}

/** Resolves with who signed the request; throws the ServiceError AWS would return. */
export type Verifier = (request: SignedRequest) => Promise<Caller>;

const TERMINATOR = 'aws4_request';
/** How far the request's time may be from ours, either way, as at AWS. */
const MAX_SKEW_MS = 5 * 60 * 1000;

export function createSigV4Verifier(config: VerifierConfig): Verifier {
  const service = config.service ?? 'personalize';
  const now = config.now ?? Date.now;

  return async (request) => {
    const header = request.headers.authorization;
    if (!header) throw new MissingAuthenticationTokenException('Missing Authentication Token');
    const auth = parseAuthorization(header, requestTime(request.headers));
    checkScope(auth, { region: config.region, service, amzDate: auth.amzDate });
    checkTime(parseBasicDate(auth.amzDate), now());

    const key = await config.keyOf(auth.accessKeyId);
    if (key === undefined) {
      throw new UnrecognizedClientException(
        'The security token included in the request is invalid.',
      );
    }
    const expected = signature(key.secretAccessKey, auth, request);
    if (!sameHex(expected, auth.signature)) {
      throw new InvalidSignatureException(
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      );
    }
    return keyCaller(key.accessKeyId, key.roleArns ?? []);
  };
}

/** X-Amz-Date as the SDKs send it, else the HTTP Date header turned into the same ISO 8601 basic form. */
function requestTime(headers: HttpRequest['headers']): string | undefined {
  const amzDate = headers['x-amz-date'];
  if (amzDate) return amzDate;
  const date = headers.date ? new Date(headers.date) : undefined;
  if (!date || Number.isNaN(date.getTime())) return headers.date;
  return date.toISOString().replace(/[-:]|\.\d{3}/g, '');
}

function checkScope(
  auth: Authorization,
  expected: { region: string; service: string; amzDate: string },
): void {
  const { date, region, service, terminator } = auth.scope;
  if (date !== expected.amzDate.slice(0, 8)) {
    throw new InvalidSignatureException(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${date}' != '${expected.amzDate.slice(0, 8)}', from '${expected.amzDate}'.`,
    );
  }
  if (terminator !== TERMINATOR) {
    throw new InvalidSignatureException(
      `Credential should be scoped with a valid terminator: '${TERMINATOR}', not '${terminator}'.`,
    );
  }
  if (service !== expected.service) {
    throw new InvalidSignatureException(
      `Credential should be scoped to correct service: '${expected.service}'. `,
    );
  }
  if (region !== expected.region) {
    throw new InvalidSignatureException(
      `Credential should be scoped to a valid region, not '${region}'. `,
    );
  }
}

/** A captured request can be replayed only within the skew window: AWS's replay bound. */
function checkTime(signedAt: number, now: number): void {
  if (signedAt < now - MAX_SKEW_MS) {
    throw new InvalidSignatureException(
      `Signature expired: ${basicDate(signedAt)} is now earlier than ${basicDate(now - MAX_SKEW_MS)} (${basicDate(now)} - 5 min.)`,
    );
  }
  if (signedAt > now + MAX_SKEW_MS) {
    throw new InvalidSignatureException(
      `Signature not yet current: ${basicDate(signedAt)} is still later than ${basicDate(now + MAX_SKEW_MS)} (${basicDate(now)} + 5 min.)`,
    );
  }
}

/** ISO 8601 basic format, as SigV4 uses it: 20150830T123600Z. */
function parseBasicDate(value: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  const time = match
    ? Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!, +match[4]!, +match[5]!, +match[6]!)
    : NaN;
  if (Number.isNaN(time)) {
    throw new IncompleteSignatureException(
      `Date must be in ISO-8601 'basic format'. Got '${value}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  return time;
}

const basicDate = (time: number): string =>
  new Date(time).toISOString().replace(/[-:]|\.\d{3}/g, '');

/** The signature the client should have computed: HMAC of the string to sign under the derived key. */
function signature(secret: string, auth: Authorization, request: SignedRequest): string {
  const { date, region, service, terminator } = auth.scope;
  const scope = `${date}/${region}/${service}/${terminator}`;
  const stringToSign = [
    ALGORITHM,
    auth.amzDate,
    scope,
    sha256Hex(canonicalRequest(request, auth.signedHeaders)),
  ].join('\n');
  let key: Buffer = Buffer.from(`AWS4${secret}`, 'utf8');
  for (const part of [date, region, service, terminator]) key = hmac(key, part);
  return hmac(key, stringToSign).toString('hex');
}

const hmac = (key: Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** Constant time, so the comparison does not reveal how much of a forged signature was right. */
function sameHex(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
