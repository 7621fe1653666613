import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidNextTokenException } from './errors';
import type { PageKey } from '../domain/records';

/**
 * nextTokens are a store position sealed with an HMAC over the listing they
 * came from, so a forged or edited token, or one from another listing, is
 * rejected instead of silently restarting or leaking another scope.
 */
const mac = (key: string, scope: string, payload: string): Buffer =>
  createHmac('sha256', key).update(scope).update('\0').update(payload).digest();

export function sealToken(key: string, scope: string, position: PageKey): string {
  const payload = Buffer.from(JSON.stringify(position)).toString('base64url');
  return `${payload}.${mac(key, scope, payload).toString('base64url')}`;
}

export function openToken(key: string, scope: string, token: string): PageKey {
  const [payload, signature, extra] = token.split('.');
  const given = Buffer.from(signature ?? '', 'base64url');
  const expected = mac(key, scope, payload ?? '');
  if (
    extra !== undefined ||
    given.length !== expected.length ||
    !timingSafeEqual(given, expected)
  ) {
    throw new InvalidNextTokenException('The nextToken is not valid for this request.');
  }
  return JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as PageKey;
}

export const DEFAULT_PAGE_SIZE = 100;
