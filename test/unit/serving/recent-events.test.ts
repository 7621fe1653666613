import type { EventStore, RecordedEvent } from '../../../layers/core/store/event-ports';
import { withRecentEvents } from '../../../layers/core/serving/recent-events';

const GROUP = 'arn:aws:personalize:us-east-1:000000000000:dataset-group/g';

const event = (eventId: string, userId: string | undefined, timestamp: number): RecordedEvent => ({
  datasetGroupArn: GROUP,
  eventId,
  eventType: 'click',
  sessionId: `session-${userId ?? 'anonymous'}`,
  ...(userId !== undefined ? { userId } : {}),
  itemId: `item-${eventId}`,
  timestamp,
  recordedAt: timestamp,
  properties: {},
});

/** The port kept in an array, counting reads; `gate` holds reads back until released. */
function arrayStore() {
  const events: RecordedEvent[] = [];
  let gate: Promise<void> = Promise.resolve();
  const store = {
    reads: 0,
    scans: 0,
    hold() {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return release;
    },
    async record(added: readonly RecordedEvent[]) {
      events.push(...added);
    },
    async linkSession(_group: string, sessionId: string, userId: string) {
      for (const e of events) if (e.sessionId === sessionId) e.userId = userId;
    },
    async latest(
      _group: string,
      subject: { userId: string } | { sessionId: string },
      limit: number,
    ) {
      store.reads++;
      const snapshot = events.filter((e) =>
        'userId' in subject ? e.userId === subject.userId : e.sessionId === subject.sessionId,
      );
      await gate;
      return snapshot.sort((a, b) => b.timestamp - a.timestamp).slice(0, limit);
    },
    async *recordedUntil() {
      store.scans++;
      yield* [...events];
    },
    async recordedAfter(_group: string, after: number) {
      return events.some((e) => e.recordedAt > after);
    },
    async deleteUserEvents(_group: string, userIds: readonly string[]) {
      for (let k = events.length - 1; k >= 0; k--) {
        if (userIds.includes(events[k]!.userId!)) events.splice(k, 1);
      }
      return [...userIds];
    },
    async deleteGroupEvents(_group: string, limit: number) {
      return events.splice(0, limit).length;
    },
  };
  return store;
}

const OPTIONS = { ttlMs: 60_000, maxEvents: 1_000, depth: 10 };
const ids = (events: RecordedEvent[]) => events.map((e) => e.eventId);

/** Lets the background scan of a group finish. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('withRecentEvents', () => {
  it('answers subjects without events from one scan of the group, reading none of them', async () => {
    const store = arrayStore();
    const cached = withRecentEvents(store, OPTIONS);
    await store.record([event('1', 'u', 1), event('2', undefined, 2)]);
    // The group's first read starts its scan and is answered by the store meanwhile.
    expect(await cached.latest(GROUP, { userId: 'nobody' }, 5)).toEqual([]);
    await settle();
    const reads = store.reads;
    for (const userId of ['nobody', 'somebody', 'anybody']) {
      expect(await cached.latest(GROUP, { userId }, 5)).toEqual([]);
    }
    expect(store.reads).toBe(reads);
    expect(store.scans).toBe(1);
    // Subjects with events are read: a user, and an anonymous session.
    expect(ids(await cached.latest(GROUP, { userId: 'u' }, 5))).toEqual(['1']);
    expect(ids(await cached.latest(GROUP, { sessionId: 'session-anonymous' }, 5))).toEqual(['2']);
    // One recorded through it after the scan is read too, at once.
    await cached.record([event('3', 'somebody', 3)]);
    expect(ids(await cached.latest(GROUP, { userId: 'somebody' }, 5))).toEqual(['3']);
  });

  it('reads every subject of a group with more events than it keeps', async () => {
    const store = arrayStore();
    const cached = withRecentEvents(store, { ...OPTIONS, maxEvents: 1 });
    await store.record([event('1', 'u', 1), event('2', 'v', 2)]);
    await cached.latest(GROUP, { userId: 'nobody' }, 5);
    await settle();
    const reads = store.reads;
    await cached.latest(GROUP, { userId: 'somebody' }, 5);
    expect(store.reads).toBe(reads + 1);
  });

  it('reads a subject once, then answers from memory, any limit up to its depth', async () => {
    const store = arrayStore();
    const cached: EventStore = withRecentEvents(store, OPTIONS);
    await store.record([event('1', 'u', 1), event('2', 'u', 2)]);
    expect(ids(await cached.latest(GROUP, { userId: 'u' }, 10))).toEqual(['2', '1']);
    expect(ids(await cached.latest(GROUP, { userId: 'u' }, 1))).toEqual(['2']);
    expect(store.reads).toBe(1);
    // Deeper than the cache reads: the store answers.
    await cached.latest(GROUP, { userId: 'u' }, 11);
    expect(store.reads).toBe(2);
  });

  it('shows an event recorded through it in the very next read', async () => {
    const store = arrayStore();
    const cached = withRecentEvents(store, OPTIONS);
    await cached.latest(GROUP, { userId: 'u' }, 5);
    await cached.record([event('3', 'u', 3)]);
    expect(ids(await cached.latest(GROUP, { userId: 'u' }, 5))).toEqual(['3']);
    await cached.record([event('4', undefined, 4)]);
    expect(ids(await cached.latest(GROUP, { sessionId: 'session-anonymous' }, 5))).toEqual(['4']);
    await cached.linkSession(GROUP, 'session-anonymous', 'u', 5);
    expect(ids(await cached.latest(GROUP, { userId: 'u' }, 5))).toEqual(['4', '3']);
    await cached.deleteUserEvents(GROUP, ['u']);
    expect(await cached.latest(GROUP, { userId: 'u' }, 5)).toEqual([]);
  });

  it('never keeps what a read saw before a write that ended first', async () => {
    const store = arrayStore();
    const cached = withRecentEvents(store, OPTIONS);
    const release = store.hold();
    const stale = cached.latest(GROUP, { userId: 'u' }, 5);
    await cached.record([event('5', 'u', 5)]);
    release();
    expect(await stale).toEqual([]);
    expect(ids(await cached.latest(GROUP, { userId: 'u' }, 5))).toEqual(['5']);
  });

  it('reads events again after ttlMs, for deleting jobs elsewhere, but keeps knowing none', async () => {
    const store = arrayStore();
    const cached = withRecentEvents(store, { ...OPTIONS, ttlMs: 0 });
    await store.record([event('6', 'u', 6)]);
    expect(ids(await cached.latest(GROUP, { userId: 'u' }, 5))).toEqual(['6']);
    await store.deleteUserEvents(GROUP, ['u']);
    expect(await cached.latest(GROUP, { userId: 'u' }, 5)).toEqual([]);
    const reads = store.reads;
    expect(await cached.latest(GROUP, { userId: 'u' }, 5)).toEqual([]);
    expect(store.reads).toBe(reads);
  });

  it("forgets a group's events once they are deleted through it, and learns the group again", async () => {
    const store = arrayStore();
    const cached = withRecentEvents(store, OPTIONS);
    await cached.record([event('7', 'u', 7), event('8', undefined, 8)]);
    await settle();
    expect(ids(await cached.latest(GROUP, { userId: 'u' }, 5))).toEqual(['7']);
    expect(ids(await cached.latest(GROUP, { sessionId: 'session-anonymous' }, 5))).toEqual(['8']);

    while ((await cached.deleteGroupEvents(GROUP, 1)) > 0);

    expect(await cached.latest(GROUP, { userId: 'u' }, 5)).toEqual([]);
    expect(await cached.latest(GROUP, { sessionId: 'session-anonymous' }, 5)).toEqual([]);
    await cached.record([event('9', 'u', 9)]);
    expect(ids(await cached.latest(GROUP, { userId: 'u' }, 5))).toEqual(['9']);
  });
});
