/**
 * AWS Signature Version 4, checked as AWS's front doors check it, so that unmodified SDKs and the
 * AWS CLI can call Tailor with Tailor-issued keys. The steps and their names follow
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 *
 * One check serves every port (docs/auth.md#what-each-port-checks): the Personalize API
 * (sigv4.ts), and the local S3 and DynamoDB, each with its own service name, payload rule and
 * errors. The expected signature is computed by the SDK's own signer (@smithy/signature-v4), so
 * the check cannot drift from the clients that sign.
 */
import { Sha256 } from '@smithy/core/checksum';
import { getCanonicalHeaders, SignatureV4 } from '@smithy/signature-v4';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { HttpRequest } from '../api/http';
import { ALGORITHM, parseAuthorization, parsePresigned, type Authorization } from './authorization';

/** A request before its body is read: what the signature covers besides the payload hash. */
export interface RequestHead {
  method: string;
  /** Here the path as the client sent it (still percent-encoded), with any stage or base path. */
  path: string;
  /** Query parameters, decoded, in any order. */
  query: ReadonlyArray<readonly [string, string]>;
  /** Header names in lower case. */
  headers: HttpRequest['headers'];
}

/** What a signature is checked with. */
export interface SigningKey {
  accessKeyId: string;
  secretAccessKey: string;
}

/** Which part of the credential scope is wrong, for the service to word its error. */
export interface ScopeProblem {
  part: 'date' | 'terminator' | 'service' | 'region';
  given: string;
  expected: string;
  /** The request's time, ISO 8601 basic. */
  amzDate: string;
}

/** A request signed outside its window: too old, too far ahead, or a presigned URL expired. */
export interface TimeProblem {
  kind: 'expired' | 'early' | 'presign-expired';
  signedAt: number;
  now: number;
}

/** The errors a service's clients expect for each way a signature fails. */
export interface Refusals {
  /** No signature at all. */
  missing(): Error;
  /** An Authorization (or presigned query) that cannot be read. */
  malformed(message: string): Error;
  /** Headers present that the signature must cover and does not: every x-amz-* header. */
  unsigned(headers: string[]): Error;
  wrongScope(problem: ScopeProblem): Error;
  outOfTime(problem: TimeProblem): Error;
  /** Unknown or revoked. */
  unknownKey(accessKeyId: string): Error;
  mismatch(): Error;
}

export interface SignatureCheckConfig<
  R extends RequestHead = RequestHead,
  K extends SigningKey = SigningKey,
> {
  /**
   * The one region requests may be scoped to: the region in Tailor's ARNs.
   * @default - any, for a store that has no regions (dynalite)
   */
  region?: string;
  /** The signing name: `personalize`, `s3`, `dynamodb`. */
  service: string;
  /** An active key; undefined for an unknown or revoked one. */
  keyOf(accessKeyId: string): Promise<K | undefined>;
  refusals: Refusals;
  /**
   * The payload hash the canonical request ends with, given the signature's parts: the body's
   * own hash, or what S3 clients declare in X-Amz-Content-Sha256.
   */
  payloadHash(request: R, auth: Authorization): string;
  /** Whether a presigned URL may carry the signature. @default false - the header only */
  presigned?: boolean;
  /** S3 signs the path as sent; every other service encodes it once more. @default true */
  uriEscapePath?: boolean;
  /** @default Date.now */
  now?: () => number;
}

export interface VerifiedSignature<K extends SigningKey = SigningKey> {
  key: K;
  auth: Authorization;
  /** HMAC-SHA256 under the request's signing key, in hex: S3's chunk and trailer signatures. */
  sign(stringToSign: string): Promise<string>;
}

/** Resolves with the checked signature; throws the service's refusal. */
export type SignatureCheck<
  R extends RequestHead = RequestHead,
  K extends SigningKey = SigningKey,
> = (request: R) => Promise<VerifiedSignature<K>>;

const TERMINATOR = 'aws4_request';
/** How far the request's time may be from ours, either way, as at AWS. */
export const MAX_SKEW_MS = 5 * 60 * 1000;

export function createSignatureCheck<R extends RequestHead, K extends SigningKey = SigningKey>(
  config: SignatureCheckConfig<R, K>,
): SignatureCheck<R, K> {
  const { refusals } = config;
  const now = config.now ?? Date.now;

  return async (request) => {
    const auth = authorizationOf(request, config);
    const unsigned = Object.keys(request.headers).filter(
      (name) => name.startsWith('x-amz-') && !auth.signedHeaders.includes(name),
    );
    if (unsigned.length > 0) throw refusals.unsigned(unsigned);
    const absent = auth.signedHeaders.find((name) => request.headers[name] === undefined);
    if (absent !== undefined) {
      throw refusals.malformed(
        `'${absent}' is named as a SignedHeader, but it does not exist in the HTTP request.`,
      );
    }
    const signedAt = parseBasicDate(auth.amzDate, refusals);
    checkScope(auth, config);
    checkTime(auth, signedAt, now(), refusals);

    const key = await config.keyOf(auth.accessKeyId);
    if (key === undefined) throw refusals.unknownKey(auth.accessKeyId);
    const signer = new ExpectedSignature(key, config);
    const expected = await signer.of(request, auth, config.payloadHash(request, auth), signedAt);
    if (!sameHex(expected, auth.signature)) throw refusals.mismatch();
    return { key, auth, sign: (stringToSign) => signer.hmac(stringToSign, auth, signedAt) };
  };
}

/** The signature from the Authorization header, else (where allowed) from a presigned URL. */
function authorizationOf<R extends RequestHead>(
  request: R,
  config: Pick<SignatureCheckConfig<R>, 'refusals' | 'presigned'>,
): Authorization {
  const malformed = (message: string) => config.refusals.malformed(message);
  const header = request.headers.authorization;
  if (header) return parseAuthorization(header, requestTime(request.headers), malformed);
  const presigned = config.presigned ? parsePresigned(request.query, malformed) : undefined;
  if (!presigned) throw config.refusals.missing();
  return presigned;
}

/**
 * The SDK's signer, asked for the parts it signs with: the canonical request (its path, query
 * and header rules) over exactly the headers the client named, its string to sign and its
 * derived signing key.
 */
class ExpectedSignature extends SignatureV4 {
  constructor(
    key: SigningKey,
    config: Pick<SignatureCheckConfig, 'region' | 'service' | 'uriEscapePath'>,
  ) {
    super({
      credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
      // Only the key's derivation uses it, with the region the request was scoped to.
      region: config.region ?? '',
      service: config.service,
      sha256: Sha256,
      uriEscapePath: config.uriEscapePath ?? true,
    });
  }

  async of(
    request: RequestHead,
    auth: Authorization,
    payloadHash: string,
    signedAt: number,
  ): Promise<string> {
    const signed = {
      method: request.method,
      protocol: 'https:',
      hostname: request.headers.host ?? '',
      path: request.path,
      query: queryOf(request.query),
      headers: Object.fromEntries(
        auth.signedHeaders.map((name) => [name, request.headers[name] ?? '']),
      ),
    };
    // Named as signable, no header the client signed is left out by the signer's own exclusions.
    const headers = getCanonicalHeaders(signed, undefined, new Set(auth.signedHeaders));
    const canonical = this.createCanonicalRequest(signed, headers, payloadHash);
    const { date, region, service, terminator } = auth.scope;
    const scope = `${date}/${region}/${service}/${terminator}`;
    return this.hmac(
      await this.createStringToSign(auth.amzDate, scope, canonical, ALGORITHM),
      auth,
      signedAt,
    );
  }

  hmac(stringToSign: string, auth: Authorization, signedAt: number): Promise<string> {
    return this.sign(stringToSign, {
      signingDate: new Date(signedAt),
      signingRegion: auth.scope.region,
      signingService: auth.scope.service,
    });
  }
}

/** As the signer takes it: repeated names as arrays. */
function queryOf(pairs: RequestHead['query']): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of pairs) {
    const seen = query[name];
    query[name] = seen === undefined ? value : [seen, value].flat();
  }
  return query;
}

/** X-Amz-Date as the SDKs send it, else the HTTP Date header turned into the same ISO 8601 basic form. */
function requestTime(headers: HttpRequest['headers']): string | undefined {
  const amzDate = headers['x-amz-date'];
  if (amzDate) return amzDate;
  const date = headers.date ? new Date(headers.date) : undefined;
  if (!date || Number.isNaN(date.getTime())) return headers.date;
  return basicDate(date.getTime());
}

function checkScope(
  auth: Authorization,
  config: Pick<SignatureCheckConfig, 'region' | 'service' | 'refusals'>,
): void {
  const { date, region, service, terminator } = auth.scope;
  const expected = [
    ['date', date, auth.amzDate.slice(0, 8)],
    ['terminator', terminator, TERMINATOR],
    ['service', service, config.service],
    ['region', region, config.region ?? region],
  ] as const;
  for (const [part, given, wanted] of expected) {
    if (given !== wanted) {
      throw config.refusals.wrongScope({ part, given, expected: wanted, amzDate: auth.amzDate });
    }
  }
}

/**
 * A captured request can be replayed only within the skew window (AWS's replay bound), or a
 * presigned URL until it expires.
 */
function checkTime(auth: Authorization, signedAt: number, now: number, refusals: Refusals): void {
  if (signedAt > now + MAX_SKEW_MS) throw refusals.outOfTime({ kind: 'early', signedAt, now });
  if (auth.expiresIn !== undefined) {
    if (now > signedAt + auth.expiresIn * 1000) {
      throw refusals.outOfTime({ kind: 'presign-expired', signedAt, now });
    }
  } else if (signedAt < now - MAX_SKEW_MS) {
    throw refusals.outOfTime({ kind: 'expired', signedAt, now });
  }
}

/** ISO 8601 basic format, as SigV4 uses it: 20150830T123600Z. */
function parseBasicDate(value: string, refusals: Refusals): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  const time = match
    ? Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!, +match[4]!, +match[5]!, +match[6]!)
    : NaN;
  if (Number.isNaN(time)) {
    throw refusals.malformed(
      `Date must be in ISO-8601 'basic format'. Got '${value}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  return time;
}

export const basicDate = (time: number): string =>
  new Date(time).toISOString().replace(/[-:]|\.\d{3}/g, '');

/** Constant time, so the comparison does not reveal how much of a forged signature was right. */
function sameHex(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export const sha256Hex = (data: string | Uint8Array): string =>
  createHash('sha256').update(data).digest('hex');
