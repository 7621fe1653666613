/**
 * The SigV4 canonical request, rebuilt from what arrived on the wire. The encoding rules are
 * those of every service but S3, as @smithy/signature-v4 and botocore apply them.
 */
import { createHash } from 'node:crypto';
import type { SignedRequest } from './sigv4';

export function canonicalRequest(request: SignedRequest, signedHeaders: string[]): string {
  return [
    request.method,
    canonicalUri(request.path),
    canonicalQuery(request.query),
    ...signedHeaders.map((name) => `${name}:${headerValue(request, name)}`),
    '',
    signedHeaders.join(';'),
    // Hashed here, never taken from X-Amz-Content-Sha256: a client-supplied hash would let an
    // altered body pass under the original signature.
    sha256Hex(Buffer.from(request.body, 'utf8')),
  ].join('\n');
}

/**
 * Dot segments and empty segments removed, then each segment URI-encoded once more: the wire
 * path is already encoded, and the signers encode their (encoded) path again, so `%20` signs
 * as `%2520`.
 */
export function canonicalUri(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return `/${segments.map(uriEncode).join('/')}${trailing}`;
}

/** Encoded pairs sorted by name, then value. */
export function canonicalQuery(query: SignedRequest['query']): string {
  return query
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([n1, v1], [n2, v2]) => compare(n1, n2) || compare(v1, v2))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/** Parses a raw query string (`a=1&b=x%20y`) into decoded pairs; a bad escape is kept as sent. */
export function parseQuery(raw: string): Array<[string, string]> {
  return raw
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const equals = pair.indexOf('=');
      const [name, value] =
        equals < 0 ? [pair, ''] : [pair.slice(0, equals), pair.slice(equals + 1)];
      return [decode(name), decode(value)];
    });
}

/** RFC 3986: everything but unreserved characters percent-encoded, in upper-case hex. */
export const uriEncode = (value: string): string =>
  encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

export const sha256Hex = (data: string | Buffer): string =>
  createHash('sha256').update(data).digest('hex');

/** Trimmed, inner runs of spaces folded to one. */
function headerValue(request: SignedRequest, name: string): string {
  const value =
    request.headers[name] ??
    // A proxy may drop Content-Length (API Gateway's proxy events may lack it); the body's own
    // length is what the client signed.
    (name === 'content-length' ? String(Buffer.byteLength(request.body)) : '');
  return value.trim().replace(/\s+/g, ' ');
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
