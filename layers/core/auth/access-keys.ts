/** Issuing, listing and revoking Tailor's access keys, and finding a key's secret to verify a signature. */
import { randomBytes, randomInt } from 'node:crypto';
import type { AccessKey, AccessKeyStore, AccessKeySummary } from '../store/access-key-ports';
import type { KeyPolicy } from '../domain/callers';

/** Like AWS's AKIA (long-term IAM user keys) and ASIA (temporary): T for Tailor. */
export const ACCESS_KEY_PREFIX = 'TKIA';
/** AWS's key-ID alphabet: upper-case letters and the digits 2 to 7. */
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ID_LENGTH = 20;

export interface NewKeyOptions {
  description?: string;
  /** The roles the key may pass to jobs (keyCaller). */
  roleArns?: string[];
  /** What the key may do (key-policy.ts); everything without one. */
  policy?: KeyPolicy;
}

export function newAccessKey(now: number, options: NewKeyOptions = {}): AccessKey {
  let accessKeyId = ACCESS_KEY_PREFIX;
  while (accessKeyId.length < ID_LENGTH) accessKeyId += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return {
    accessKeyId,
    // 30 random bytes are 40 base64 characters, the length and alphabet of an AWS secret key.
    secretAccessKey: randomBytes(30).toString('base64'),
    status: 'Active',
    createdAt: now,
    ...(options.description ? { description: options.description } : {}),
    ...(options.roleArns?.length ? { roleArns: options.roleArns } : {}),
    ...(options.policy ? { policy: options.policy } : {}),
  };
}

/** The new key, secret included: the only time the secret is shown. */
export async function issueAccessKey(
  store: AccessKeyStore,
  options: NewKeyOptions & { now?: number } = {},
): Promise<AccessKey> {
  const key = newAccessKey(options.now ?? Date.now(), options);
  await store.create(key);
  return key;
}

export async function listAccessKeys(store: AccessKeyStore): Promise<AccessKeySummary[]> {
  const keys = await store.list();
  return keys.sort((a, b) => a.createdAt - b.createdAt);
}

/** One key, without its secret. */
export async function showAccessKey(
  store: AccessKeyStore,
  accessKeyId: string,
): Promise<AccessKeySummary> {
  const key = await store.describe(accessKeyId);
  if (!key) throw noSuchKey(accessKeyId);
  return key;
}

/** Kept as Inactive rather than deleted, so `list` still accounts for it. */
export async function revokeAccessKey(store: AccessKeyStore, accessKeyId: string): Promise<void> {
  if (!(await store.setStatus(accessKeyId, 'Inactive'))) throw noSuchKey(accessKeyId);
}

/**
 * Replaces what the key may do; undefined gives it full access again. Callers whose key is cached
 * (keyLookup's ttlMs) keep the old policy until the entry expires.
 */
export async function setAccessKeyPolicy(
  store: AccessKeyStore,
  accessKeyId: string,
  policy: KeyPolicy | undefined,
): Promise<void> {
  if (!(await store.setPolicy(accessKeyId, policy))) throw noSuchKey(accessKeyId);
}

const noSuchKey = (accessKeyId: string) => new Error(`There is no access key ${accessKeyId}.`);

export interface KeyLookupOptions {
  /**
   * How long a found key is reused without reading the store: a revocation takes at most
   * this long to take effect. Unknown keys are never cached, so a new key works at once.
   * @default 0 - the store is read for every request
   */
  ttlMs?: number;
  /** @default Date.now */
  now?: () => number;
}

/** The `keyOf` of a verifier: an active key, undefined for unknown or revoked. */
export function keyLookup(
  store: AccessKeyStore,
  options: KeyLookupOptions = {},
): (accessKeyId: string) => Promise<AccessKey | undefined> {
  const ttlMs = options.ttlMs ?? 0;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { key: AccessKey; until: number }>();
  return async (accessKeyId) => {
    const cached = cache.get(accessKeyId);
    if (cached && cached.until > now()) return cached.key;
    cache.delete(accessKeyId);
    const key = await store.get(accessKeyId);
    if (!key || key.status !== 'Active') return undefined;
    if (ttlMs > 0) cache.set(accessKeyId, { key, until: now() + ttlMs });
    return key;
  };
}
