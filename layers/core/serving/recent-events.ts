/**
 * The recent events of each subject, kept in memory by a process that records every event
 * itself: the local service, whose PutEvents and GetRecommendations share one process and whose
 * embedded DynamoDB costs the request path about a millisecond of CPU per Query.
 *
 * Writes go through: `record` and `linkSession` drop the entries they change once the store has
 * them, so an event acknowledged by PutEvents counts in the very next response, as without the
 * cache. A read that started before a write never caches what it read (LoadingCache keeps only
 * the newest entry). The only writers in other processes are data deletion jobs, which only
 * delete: a subject's events are read again `ttlMs` after they were read, but a subject known to
 * have none keeps that answer until this process records one (or the entry is evicted).
 *
 * Which subjects have any events at all is learnt once per group, by one scan of the group's
 * events (the training index) in the background on the group's first read, kept up to date by
 * this process's own writes from the moment the scan starts: after it, a subject with no events
 * (most users of a model trained on imported data) is answered with no read at all, from its
 * first request. A group with more events than `maxEvents` is not scanned.
 *
 * A Lambda function never uses this: its events are written by another function.
 */
import { subjectKey, type EventStore, type RecordedEvent } from '../store/event-ports';
import { LoadingCache } from '../cache/loading-cache';

export interface RecentEventsOptions {
  /** How long a subject's events answer without a read, for deleting jobs elsewhere. */
  ttlMs: number;
  /**
   * Events kept in all, the least recently used subject's dropped first; also the most a
   * group's scan reads before it gives up.
   */
  maxEvents: number;
  /** Events read per subject, so one entry serves every smaller limit. */
  depth: number;
}

/** A group's subjects that have events: complete once its scan is `ready`. */
interface Census {
  subjects: Set<string>;
  state: 'scanning' | 'ready' | 'too large';
}

export function withRecentEvents(store: EventStore, options: RecentEventsOptions): EventStore {
  const cache = new LoadingCache<string, RecordedEvent[]>({
    ttlMs: (events) => (events.length === 0 ? Infinity : options.ttlMs),
    maxWeight: options.maxEvents,
    // A subject with no events still takes an entry.
    weigh: (events) => events.length + 1,
  });
  const censuses = new Map<string, Census>();

  /** The subject keys an event is found under: its user's and, linked or not, its session's. */
  const keysOf = (event: RecordedEvent): string[] => [
    subjectKey(event.datasetGroupArn, { sessionId: event.sessionId }),
    ...(event.userId !== undefined
      ? [subjectKey(event.datasetGroupArn, { userId: event.userId })]
      : []),
  ];

  const census = (datasetGroupArn: string): Census => {
    let found = censuses.get(datasetGroupArn);
    if (!found) {
      const started: Census = (found = { subjects: new Set(), state: 'scanning' });
      censuses.set(datasetGroupArn, started);
      void take(datasetGroupArn, started).catch(() => {
        // Read again on a later request; meanwhile every subject is read.
        if (censuses.get(datasetGroupArn) === started) censuses.delete(datasetGroupArn);
      });
    }
    return found;
  };

  const take = async (datasetGroupArn: string, started: Census): Promise<void> => {
    let count = 0;
    for await (const event of store.recordedUntil(datasetGroupArn, Number.MAX_SAFE_INTEGER)) {
      if (++count > options.maxEvents) {
        started.state = 'too large';
        started.subjects.clear();
        return;
      }
      for (const key of keysOf(event)) started.subjects.add(key);
    }
    started.state = 'ready';
  };

  /** Notes that a subject has events, for a census that is being taken or is complete. */
  const hasEvents = (datasetGroupArn: string, key: string): void => {
    const found = censuses.get(datasetGroupArn);
    if (found && found.state !== 'too large') found.subjects.add(key);
  };

  return {
    async record(events) {
      await store.record(events);
      for (const event of events) {
        for (const key of keysOf(event)) {
          hasEvents(event.datasetGroupArn, key);
          cache.delete(key);
        }
      }
    },
    async linkSession(datasetGroupArn, sessionId, userId, at) {
      await store.linkSession(datasetGroupArn, sessionId, userId, at);
      hasEvents(datasetGroupArn, subjectKey(datasetGroupArn, { userId }));
      cache.delete(subjectKey(datasetGroupArn, { sessionId }));
      cache.delete(subjectKey(datasetGroupArn, { userId }));
    },
    async latest(datasetGroupArn, subject, limit) {
      const { state, subjects } = census(datasetGroupArn);
      if (state === 'ready' && !subjects.has(subjectKey(datasetGroupArn, subject))) return [];
      if (limit > options.depth) return store.latest(datasetGroupArn, subject, limit);
      const events = await cache.get(subjectKey(datasetGroupArn, subject), Date.now(), () =>
        store.latest(datasetGroupArn, subject, options.depth),
      );
      return events.slice(0, limit);
    },
    recordedUntil: (datasetGroupArn, until) => store.recordedUntil(datasetGroupArn, until),
    recordedAfter: (datasetGroupArn, after) => store.recordedAfter(datasetGroupArn, after),
    async deleteUserEvents(datasetGroupArn, userIds) {
      const deleted = await store.deleteUserEvents(datasetGroupArn, userIds);
      for (const userId of userIds) cache.delete(subjectKey(datasetGroupArn, { userId }));
      return deleted;
    },
    async deleteGroupEvents(datasetGroupArn, limit) {
      const deleted = await store.deleteGroupEvents(datasetGroupArn, limit);
      // The census holds every subject of the group with events (unless the group is too large,
      // when entries stay up to ttlMs, as after a deletion elsewhere).
      for (const key of censuses.get(datasetGroupArn)?.subjects ?? []) cache.delete(key);
      censuses.delete(datasetGroupArn);
      return deleted;
    },
  };
}
