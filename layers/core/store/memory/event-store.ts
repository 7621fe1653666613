/**
 * PutEvents' events in memory, laid out as the DynamoDB adapter lays them out: each event under
 * its subject (the user, or the anonymous session) by timestamp and eventId, and in the training
 * index by recordedAt unless it is a linked session's original. Every promise of EventStore holds
 * as it does there; one call runs to its end before another starts.
 */
import { subjectKey, type EventStore, type EventSubject, type RecordedEvent } from '../event-ports';
import { compareKeys, padTime, requireDistinctKeys, storedCopy } from './stored';

interface StoredEvent {
  event: RecordedEvent;
  /** In the training index: recordedUntil reads it, deleteGroupEvents finds it. */
  indexed: boolean;
}

/** The events of one subject, by `{timestamp}#{eventId}` (the adapter's sort key). */
type Partition = Map<string, StoredEvent>;

const sortKey = (event: RecordedEvent): string => `${padTime(event.timestamp)}#${event.eventId}`;
const recordedOrder = (event: RecordedEvent): string =>
  `${padTime(event.recordedAt)}#${event.eventId}`;

const homeKey = (event: RecordedEvent): string =>
  subjectKey(
    event.datasetGroupArn,
    event.userId !== undefined ? { userId: event.userId } : { sessionId: event.sessionId },
  );

export class MemoryEventStore implements EventStore {
  /** By dataset group, then subject key (the adapter's partition key). */
  private readonly groups = new Map<string, Map<string, Partition>>();

  async record(events: readonly RecordedEvent[]): Promise<void> {
    requireDistinctKeys(events, (event) => `${homeKey(event)}\n${sortKey(event)}`);
    for (const event of events) this.put(event, homeKey(event), true);
  }

  async linkSession(
    datasetGroupArn: string,
    sessionId: string,
    userId: string,
    at: number,
  ): Promise<void> {
    const sessionKey = subjectKey(datasetGroupArn, { sessionId });
    const anonymous = [...(this.partition(datasetGroupArn, sessionKey)?.values() ?? [])]
      .map(({ event }) => event)
      .filter((event) => event.userId === undefined);
    const userKey = subjectKey(datasetGroupArn, { userId });
    for (const event of anonymous) {
      // The user's copy takes the original's place in the training index, recorded as of `at`.
      this.put({ ...event, userId, recordedAt: at }, userKey, true);
      this.put({ ...event, userId }, sessionKey, false);
    }
  }

  async latest(
    datasetGroupArn: string,
    subject: EventSubject,
    limit: number,
  ): Promise<RecordedEvent[]> {
    if (limit < 1) throw new RangeError(`A query reads at least 1 event, not ${limit}.`);
    const partition = this.partition(datasetGroupArn, subjectKey(datasetGroupArn, subject));
    return [...(partition?.entries() ?? [])]
      .sort(([a], [b]) => compareKeys(b, a))
      .slice(0, limit)
      .map(([, { event }]) => storedCopy(event));
  }

  /** The events as they were when the reading began: those recorded later are not read. */
  async *recordedUntil(datasetGroupArn: string, until: number): AsyncIterable<RecordedEvent> {
    const bound = padTime(until + 1);
    const events = this.indexed(datasetGroupArn)
      .map(({ event }) => ({ event, key: recordedOrder(event) }))
      .filter(({ key }) => compareKeys(key, bound) < 0)
      .sort((a, b) => compareKeys(a.key, b.key));
    for (const { event } of events) yield storedCopy(event);
  }

  async recordedAfter(datasetGroupArn: string, after: number): Promise<boolean> {
    return this.indexed(datasetGroupArn).some(({ event }) => event.recordedAt > after);
  }

  async deleteUserEvents(datasetGroupArn: string, userIds: readonly string[]): Promise<string[]> {
    const found: string[] = [];
    for (const userId of new Set(userIds)) {
      const userKey = subjectKey(datasetGroupArn, { userId });
      const own = this.partition(datasetGroupArn, userKey);
      if (!own?.size) continue;
      // The sessions the user's events name hold their linked originals and the events recorded
      // anonymously since the last link: both are the user's.
      for (const sessionId of new Set([...own.values()].map(({ event }) => event.sessionId))) {
        const sessionKey = subjectKey(datasetGroupArn, { sessionId });
        for (const [key, { event }] of this.partition(datasetGroupArn, sessionKey) ?? []) {
          if (event.userId === undefined || event.userId === userId) {
            this.remove(datasetGroupArn, sessionKey, key);
          }
        }
      }
      this.groups.get(datasetGroupArn)?.delete(userKey);
      found.push(userId);
    }
    this.dropIfEmpty(datasetGroupArn);
    return found;
  }

  async deleteGroupEvents(datasetGroupArn: string, limit: number): Promise<number> {
    if (limit < 1) return 0;
    const found = this.indexed(datasetGroupArn)
      .sort((a, b) => compareKeys(recordedOrder(a.event), recordedOrder(b.event)))
      .slice(0, limit);
    // A linked user's event names the session whose originals it copies: they go with it.
    const linkedSessions = new Set(
      found
        .filter(({ event }) => event.userId !== undefined)
        .map(({ event }) => subjectKey(datasetGroupArn, { sessionId: event.sessionId })),
    );
    for (const sessionKey of linkedSessions) this.groups.get(datasetGroupArn)?.delete(sessionKey);
    for (const { key, event } of found) this.remove(datasetGroupArn, key, sortKey(event));
    this.dropIfEmpty(datasetGroupArn);
    return found.length;
  }

  private put(event: RecordedEvent, key: string, indexed: boolean): void {
    let subjects = this.groups.get(event.datasetGroupArn);
    if (!subjects) this.groups.set(event.datasetGroupArn, (subjects = new Map()));
    let partition = subjects.get(key);
    if (!partition) subjects.set(key, (partition = new Map()));
    partition.set(sortKey(event), { event: storedCopy(event), indexed });
  }

  private partition(datasetGroupArn: string, key: string): Partition | undefined {
    return this.groups.get(datasetGroupArn)?.get(key);
  }

  /** Every event of the group in the training index, with its subject key. */
  private indexed(datasetGroupArn: string): { key: string; event: RecordedEvent }[] {
    const out: { key: string; event: RecordedEvent }[] = [];
    for (const [key, partition] of this.groups.get(datasetGroupArn) ?? []) {
      for (const { event, indexed } of partition.values()) if (indexed) out.push({ key, event });
    }
    return out;
  }

  private remove(datasetGroupArn: string, key: string, sort: string): void {
    const subjects = this.groups.get(datasetGroupArn);
    const partition = subjects?.get(key);
    if (!partition) return;
    partition.delete(sort);
    if (partition.size === 0) subjects!.delete(key);
  }

  private dropIfEmpty(datasetGroupArn: string): void {
    if (this.groups.get(datasetGroupArn)?.size === 0) this.groups.delete(datasetGroupArn);
  }
}
