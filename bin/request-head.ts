/** A Node request as the signature check reads it (layers/core/auth/signature-check.ts). */
import type { IncomingMessage } from 'node:http';
import { parseQuery } from '../layers/core/auth/query';
import type { RequestHead } from '../layers/core/auth/signature-check';

/** The path and query as sent, header names in lower case, repeated headers joined by commas. */
export function requestHeadOf(req: IncomingMessage): RequestHead {
  const url = req.url ?? '/';
  const queryStart = url.includes('?') ? url.indexOf('?') : url.length;
  return {
    method: req.method ?? 'GET',
    path: url.slice(0, queryStart),
    query: parseQuery(url.slice(queryStart + 1)),
    headers: Object.fromEntries(
      Object.entries(req.headers).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.join(',') : value,
      ]),
    ),
  };
}
