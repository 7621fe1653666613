/** A bounded map whose entries expire: for lookups PutEvents repeats on every call. */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  get(key: K, now: number): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires > now) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: K, value: V, now: number): void {
    this.entries.delete(key);
    // Maps iterate in insertion order, so the first key is the one set longest ago.
    if (this.entries.size >= this.maxEntries)
      this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expires: now + this.ttlMs });
  }

  delete(key: K): void {
    this.entries.delete(key);
  }
}

/**
 * One cache per service, keyed by its metadata store, which each request's context shares with
 * the service's (as serving/cache.ts's perContext, for the same reason).
 */
export function perContext<C extends { metadata: object }, K, V>(
  ttlMs: number,
  maxEntries: number,
): (ctx: C) => TtlCache<K, V> {
  const caches = new WeakMap<object, TtlCache<K, V>>();
  return (ctx) => {
    let cache = caches.get(ctx.metadata);
    if (!cache) caches.set(ctx.metadata, (cache = new TtlCache<K, V>(ttlMs, maxEntries)));
    return cache;
  };
}
