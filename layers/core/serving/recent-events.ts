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
 * have none keeps that answer until this process records one (or the entry is evicted), so the
 * many users with no recent events cost no read at all. A Lambda function never uses this: its
 * events are written by another function.
 */
import { subjectKey, type EventStore, type RecordedEvent } from '../store/event-ports';
import { LoadingCache } from './cache';

export interface RecentEventsOptions {
  /** How long a subject's events answer without a read, for deleting jobs elsewhere. */
  ttlMs: number;
  /** Events kept in all, the least recently used subject's dropped first. */
  maxEvents: number;
  /** Events read per subject, so one entry serves every smaller limit. */
  depth: number;
}

export function withRecentEvents(store: EventStore, options: RecentEventsOptions): EventStore {
  const cache = new LoadingCache<string, RecordedEvent[]>({
    ttlMs: (events) => (events.length === 0 ? Infinity : options.ttlMs),
    maxWeight: options.maxEvents,
    // A subject with no events still takes an entry.
    weigh: (events) => events.length + 1,
  });
  return {
    async record(events) {
      await store.record(events);
      for (const event of events) {
        cache.delete(subjectKey(event.datasetGroupArn, { sessionId: event.sessionId }));
        if (event.userId !== undefined) {
          cache.delete(subjectKey(event.datasetGroupArn, { userId: event.userId }));
        }
      }
    },
    async linkSession(datasetGroupArn, sessionId, userId, at) {
      await store.linkSession(datasetGroupArn, sessionId, userId, at);
      cache.delete(subjectKey(datasetGroupArn, { sessionId }));
      cache.delete(subjectKey(datasetGroupArn, { userId }));
    },
    async latest(datasetGroupArn, subject, limit) {
      if (limit > options.depth) return store.latest(datasetGroupArn, subject, limit);
      const events = await cache.get(subjectKey(datasetGroupArn, subject), Date.now(), () =>
        store.latest(datasetGroupArn, subject, options.depth),
      );
      return events.slice(0, limit);
    },
    recordedUntil: (datasetGroupArn, until) => store.recordedUntil(datasetGroupArn, until),
    async deleteUserEvents(datasetGroupArn, userIds) {
      const deleted = await store.deleteUserEvents(datasetGroupArn, userIds);
      for (const userId of userIds) cache.delete(subjectKey(datasetGroupArn, { userId }));
      return deleted;
    },
  };
}
