/**
 * What the in-memory stores share with DynamoDB's way of keeping values: a stored value is a
 * copy, with undefined members left out (as the DynamoDB adapters write with
 * removeUndefinedValues), and keys sort by their UTF-8 bytes, as DynamoDB sorts string keys.
 */

/**
 * A copy of a value as a store keeps it, and as a reader gets it back: later changes to either
 * side never reach the other. Undefined members and functions are left out of objects and
 * arrays; any other object becomes a plain object of its own enumerable members, as the DynamoDB
 * adapter (numbers.ts) turns it into a map. Bytes stay bytes.
 */
export function storedCopy<T>(value: T): T {
  return copy(value) as T;
}

function copy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'bigint' ? Number(value) : value;
  }
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (Array.isArray(value)) return value.filter(kept).map(copy);
  // Object.fromEntries defines members, so a key `__proto__` or `constructor` stays a member.
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, inner]) => kept(inner))
      .map(([key, inner]) => [key, copy(inner)]),
  );
}

const kept = (value: unknown): boolean => value !== undefined && typeof value !== 'function';

/**
 * Orders strings as DynamoDB orders string keys, by their UTF-8 bytes: that is code point
 * order, which differs from JavaScript's `<` (UTF-16 code units) once a character lies beyond
 * U+FFFF.
 */
export function compareKeys(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(j)!;
    if (x !== y) return x < y ? -1 : 1;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  // One is a prefix of the other: the shorter sorts first.
  return Math.sign(a.length - i - (b.length - j));
}

/** Epoch milliseconds, fixed width, so that string order is time order (the adapters' `pad`). */
export const padTime = (ms: number): string => String(ms).padStart(15, '0');

/**
 * Refuses a batch that names one key twice, as DynamoDB's BatchWriteItem does: a caller that
 * passes here passes there.
 */
export function requireDistinctKeys<T>(items: readonly T[], keyOf: (item: T) => string): void {
  const seen = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    if (seen.has(key)) {
      throw new Error(`One batch names the key ${JSON.stringify(key)} twice.`);
    }
    seen.add(key);
  }
}
