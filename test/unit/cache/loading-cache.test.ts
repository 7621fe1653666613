import { LoadingCache, perContext } from '../../../layers/core/cache/loading-cache';

/** A load that resolves when told to, counting its calls. */
function deferredLoads() {
  const pending: ((value: string) => void)[] = [];
  let calls = 0;
  return {
    load: () =>
      new Promise<string>((resolve) => {
        calls++;
        pending.push(resolve);
      }),
    resolve: (value: string) => pending.shift()!(value),
    calls: () => calls,
  };
}

describe('LoadingCache', () => {
  it('loads a key once for concurrent gets', async () => {
    const cache = new LoadingCache<string, string>();
    const loads = deferredLoads();
    const first = cache.get('k', 0, loads.load);
    const second = cache.get('k', 0, loads.load);
    loads.resolve('v');
    expect(await Promise.all([first, second])).toEqual(['v', 'v']);
    expect(await cache.get('k', 1, loads.load)).toBe('v');
    expect(loads.calls()).toBe(1);
  });

  it('forgets a failed load, so the next get tries again', async () => {
    const cache = new LoadingCache<string, string>();
    await expect(cache.get('k', 0, () => Promise.reject(new Error('S3 down')))).rejects.toThrow(
      'S3 down',
    );
    expect(await cache.get('k', 0, async () => 'v')).toBe('v');
  });

  it('evicts the least recently used beyond its weight, keeping the newest', async () => {
    const cache = new LoadingCache<string, string>({ maxWeight: 10, weigh: (v) => v.length });
    await cache.get('a', 0, async () => 'aaaa');
    await cache.get('b', 0, async () => 'bbbb');
    await cache.get('a', 0, async () => 'reloaded'); // a is now the most recent
    await cache.get('c', 0, async () => 'cccc'); // 12 > 10: b goes
    expect(await cache.get('b', 0, async () => 'b again')).toBe('b again');
    await cache.get('huge', 0, async () => 'x'.repeat(50)); // alone over the bound, yet kept
    expect(await cache.get('huge', 0, async () => 'reloaded')).toBe('x'.repeat(50));
  });

  it('reloads a stale value before answering', async () => {
    const cache = new LoadingCache<string, string>({ ttlMs: 100 });
    await cache.get('k', 0, async () => 'old');
    expect(await cache.get('k', 99, async () => 'new')).toBe('old');
    expect(await cache.get('k', 100, async () => 'new')).toBe('new');
  });

  it('with serveStale, answers with the stale value while one refresh runs', async () => {
    const cache = new LoadingCache<string, string>({ ttlMs: 100, serveStale: true });
    await cache.get('k', 0, async () => 'old');
    const loads = deferredLoads();
    expect(await cache.get('k', 200, loads.load)).toBe('old');
    expect(await cache.get('k', 201, loads.load)).toBe('old');
    expect(loads.calls()).toBe(1);
    loads.resolve('new');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.get('k', 202, loads.load)).toBe('new');
  });

  it('with serveStale, keeps the stale value when a refresh fails', async () => {
    const cache = new LoadingCache<string, string>({ ttlMs: 100, serveStale: true });
    await cache.get('k', 0, async () => 'old');
    expect(await cache.get('k', 200, () => Promise.reject(new Error('gone')))).toBe('old');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.get('k', 201, async () => 'new')).toBe('old');
  });
});

describe('LoadingCache peek and set', () => {
  it('keeps a value set by the caller until its TTL, and answers gets with it', async () => {
    const cache = new LoadingCache<string, string>({ ttlMs: 100 });
    cache.set('k', 'mine', 0);
    expect(cache.peek('k', 99)).toBe('mine');
    expect(await cache.get('k', 50, async () => 'loaded')).toBe('mine');
    expect(cache.peek('k', 100)).toBeUndefined();
    expect(cache.peek('other', 0)).toBeUndefined();
  });

  it('never loads on peek, and peeks no value still loading', async () => {
    const cache = new LoadingCache<string, string>();
    const loads = deferredLoads();
    const loading = cache.get('k', 0, loads.load);
    expect(cache.peek('k', 0)).toBeUndefined();
    loads.resolve('v');
    await loading;
    expect(cache.peek('k', 0)).toBe('v');
    expect(loads.calls()).toBe(1);
  });

  it('counts set values against maxWeight, evicting the least recently used', () => {
    const cache = new LoadingCache<string, string>({ maxWeight: 2 });
    cache.set('a', '1', 0);
    cache.set('b', '2', 0);
    cache.set('c', '3', 0);
    expect([cache.peek('a', 0), cache.peek('b', 0), cache.peek('c', 0)]).toEqual([
      undefined,
      '2',
      '3',
    ]);
  });

  it('replaces a load in progress with a value set meanwhile', async () => {
    const cache = new LoadingCache<string, string>();
    const loads = deferredLoads();
    const loading = cache.get('k', 0, loads.load);
    cache.set('k', 'newer', 0);
    loads.resolve('older');
    expect(await loading).toBe('older');
    expect(cache.peek('k', 0)).toBe('newer');
  });
});

describe('perContext', () => {
  it('gives a request’s context, the service’s with its caller, the service’s caches', () => {
    // Prepare
    const caches = perContext<{ metadata: object }, string, string>({});
    const service = { metadata: {} };
    const request = { ...service, caller: { id: 'TKIAEXAMPLE' } };

    // Act, Assess
    expect(caches(request)).toBe(caches(service));
    expect(caches({ metadata: {} })).not.toBe(caches(service));
  });
});
