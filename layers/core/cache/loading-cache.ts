/**
 * The service's caches: values loaded once per key and shared by every request of a process (a
 * Lambda container, or the local service), so the per-request path does no loading of its own.
 * Concurrent requests for a key that is loading wait for the same load; a failed load is
 * forgotten, so the next request tries again.
 */

export interface LoadingCacheOptions<V> {
  /**
   * Evicts the least recently used entries once the loaded values weigh more than this; the
   * newest entry always stays, whatever it weighs.
   * @default Infinity - nothing is evicted for weight
   */
  maxWeight?: number;
  /** @default every value weighs 1 */
  weigh?: (value: V) => number;
  /**
   * How long a loaded value is fresh, in milliseconds; a function gives each value its own.
   * @default Infinity - values never go stale
   */
  ttlMs?: number | ((value: V) => number);
  /**
   * Whether a stale value is still served while a load replaces it in the background, so a
   * refresh never delays a request. Otherwise the request waits for the fresh value.
   * @default false
   */
  serveStale?: boolean;
}

interface Entry<V> {
  /** The value's load; it resolves before `value` is set. */
  loading: Promise<V>;
  value?: { current: V; loadedAt: number; weight: number };
  refreshing?: Promise<V>;
}

export class LoadingCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  private weight = 0;

  constructor(private readonly options: LoadingCacheOptions<V> = {}) {}

  /** The value of `key`, loaded by `load` when missing (or stale) and kept for later calls. */
  get(key: K, now: number, load: () => Promise<V>): Promise<V> {
    const entry = this.entries.get(key);
    if (!entry) return this.start(key, now, load).loading;
    this.touch(key, entry);
    const { value } = entry;
    if (!value) return entry.loading;
    if (this.isFresh(value, now)) return Promise.resolve(value.current);
    if (!this.options.serveStale) return this.start(key, now, load).loading;
    if (!entry.refreshing) {
      entry.refreshing = this.load(key, entry, now, load);
      // A failed refresh keeps the stale value; the next request past the TTL tries again.
      entry.refreshing.catch(() => undefined).finally(() => delete entry.refreshing);
    }
    return Promise.resolve(value.current);
  }

  /** The value of `key` while it is fresh, without loading it. */
  peek(key: K, now: number): V | undefined {
    const value = this.entries.get(key)?.value;
    return value && this.isFresh(value, now) ? value.current : undefined;
  }

  /** Keeps a value this process made itself, as if it had been loaded now. */
  set(key: K, value: V, now: number): void {
    this.delete(key);
    const entry: Entry<V> = { loading: Promise.resolve(value) };
    this.entries.set(key, entry);
    this.keep(key, entry, value, now);
  }

  delete(key: K): void {
    const entry = this.entries.get(key);
    if (entry?.value) this.weight -= entry.value.weight;
    this.entries.delete(key);
  }

  private start(key: K, now: number, load: () => Promise<V>): Entry<V> {
    this.delete(key);
    const entry = {} as Entry<V>;
    entry.loading = this.load(key, entry, now, load);
    this.entries.set(key, entry);
    // The caller awaits `loading`; a failure also removes the entry, so nothing is cached.
    entry.loading.catch(() => {
      if (this.entries.get(key) === entry && !entry.value) this.entries.delete(key);
    });
    return entry;
  }

  private async load(key: K, entry: Entry<V>, now: number, load: () => Promise<V>): Promise<V> {
    const current = await load();
    // Deleted or replaced meanwhile: the caller gets its value, the cache keeps the newer entry.
    if (this.entries.get(key) === entry) this.keep(key, entry, current, now);
    return current;
  }

  private keep(key: K, entry: Entry<V>, current: V, now: number): void {
    if (entry.value) this.weight -= entry.value.weight;
    const weight = this.options.weigh?.(current) ?? 1;
    entry.value = { current, loadedAt: now, weight };
    this.weight += weight;
    this.evict(key);
  }

  private isFresh(value: { current: V; loadedAt: number }, now: number): boolean {
    const { ttlMs = Infinity } = this.options;
    return now - value.loadedAt < (typeof ttlMs === 'number' ? ttlMs : ttlMs(value.current));
  }

  /** Maps iterate in insertion order: re-inserting on use keeps the least recent first. */
  private touch(key: K, entry: Entry<V>): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  private evict(keep: K): void {
    const max = this.options.maxWeight ?? Infinity;
    for (const [key, entry] of this.entries) {
      if (this.weight <= max) return;
      if (key !== keep && entry.value) this.delete(key);
    }
  }
}

/**
 * One cache per service: a service's context lives as long as its process (or Lambda container),
 * and two local services in one process (as in tests) share nothing. Keyed by the context's
 * metadata store, which each request's context (the service's with its caller, api/http.ts)
 * shares: keyed by the context itself, every signed request would start with empty caches.
 */
export function perContext<C extends { metadata: object }, K, V>(
  options: LoadingCacheOptions<V>,
): (ctx: C) => LoadingCache<K, V> {
  const caches = new WeakMap<object, LoadingCache<K, V>>();
  return (ctx) => {
    let cache = caches.get(ctx.metadata);
    if (!cache) caches.set(ctx.metadata, (cache = new LoadingCache<K, V>(options)));
    return cache;
  };
}
