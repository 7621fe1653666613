/**
 * The data plane's storage ports: events recorded by PutEvents, users and
 * items sent by PutUsers and PutItems, and the trackingId that PutEvents is
 * addressed by. Adapters keep these promises; the core sees no AWS type.
 */
import type { FieldValue } from '../domain/field-value';

export interface RecordedEvent {
  datasetGroupArn: string;
  eventId: string;
  eventType: string;
  sessionId: string;
  /** Absent while the session is anonymous; linking the session to a user sets it. */
  userId?: string;
  itemId?: string;
  eventValue?: number;
  /** When the event happened (the client's sentAt), in epoch milliseconds. */
  timestamp: number;
  /** When Tailor acknowledged it, in epoch milliseconds: training reads up to a moment by this. */
  recordedAt: number;
  recommendationId?: string;
  impression?: string[];
  metricAttributionSource?: string;
  /** The Interactions schema's other fields, by field name. */
  properties: Record<string, FieldValue>;
}

/** Whose events: a user's, or an anonymous session's (those recorded without a userId). */
export type EventSubject = { userId: string } | { sessionId: string };

/** One string per group and subject: the events table's partition key, and a cache's key. */
export const subjectKey = (datasetGroupArn: string, subject: EventSubject): string =>
  'userId' in subject
    ? `${datasetGroupArn}#USER#${subject.userId}`
    : `${datasetGroupArn}#SESSION#${subject.sessionId}`;

export interface EventStore {
  /**
   * Resolves once every event is durably stored. An event with the same
   * subject, timestamp and eventId as a stored one replaces it, so a retried
   * call stores nothing twice.
   */
  record(events: readonly RecordedEvent[]): Promise<void>;
  /**
   * Makes the session's anonymous events the user's, as of `at`: the runtime
   * then finds them among the user's events and training reads them with the
   * userId, once each. Idempotent.
   */
  linkSession(
    datasetGroupArn: string,
    sessionId: string,
    userId: string,
    at: number,
  ): Promise<void>;
  /** The subject's latest events, newest timestamp first. */
  latest(datasetGroupArn: string, subject: EventSubject, limit: number): Promise<RecordedEvent[]>;
  /**
   * Every event of a group recorded up to `until` (inclusive), oldest
   * recordedAt first: what a training job starting at `until` reads.
   */
  recordedUntil(datasetGroupArn: string, until: number): AsyncIterable<RecordedEvent>;
  /**
   * Whether any event of the group was recorded after `after` (exclusive): what a training
   * that read up to `after` has not seen. Reads at most one event.
   */
  recordedAfter(datasetGroupArn: string, after: number): Promise<boolean>;
  /**
   * Deletes every event of these users in a group, the events of sessions
   * linked to them included, and resolves once all are gone. Returns the
   * users who had any. Idempotent: a retry after a failure finishes the job.
   */
  deleteUserEvents(datasetGroupArn: string, userIds: readonly string[]): Promise<string[]>;
  /**
   * Deletes some of a group's events, about `limit` and the copies of their linked sessions, and
   * returns how many it found: 0 once none is left. One call is bounded, so a caller may stop
   * between calls and start again later.
   */
  deleteGroupEvents(datasetGroupArn: string, limit: number): Promise<number>;
}

/** A user or an item sent by PutUsers or PutItems. */
export interface DatasetRecord {
  datasetArn: string;
  /** The USER_ID or ITEM_ID. */
  id: string;
  /** The schema's other fields, by field name. */
  fields: Record<string, FieldValue>;
  /** Epoch milliseconds. */
  updatedAt: number;
}

export interface DatasetRecordStore {
  /** Inserts or replaces each record by dataset and ID; resolves once all are durable. */
  put(records: readonly DatasetRecord[]): Promise<void>;
  /** The stored records among these IDs, by ID: the runtime's metadata lookup. */
  get(datasetArn: string, ids: readonly string[]): Promise<Map<string, DatasetRecord>>;
  /** Every record of a dataset, in ID order: what an export of PUT data reads. */
  list(datasetArn: string): AsyncIterable<DatasetRecord>;
  /** Deletes the records with these IDs; returns the IDs that had one. */
  delete(datasetArn: string, ids: readonly string[]): Promise<string[]>;
  /**
   * Deletes up to `limit` of a dataset's records and returns how many: 0 once none is left.
   * One call is bounded, so a caller may stop between calls and start again later.
   */
  deleteSome(datasetArn: string, limit: number): Promise<number>;
}

/** Where PutEvents with a trackingId records its events. */
export interface TrackerRoute {
  trackingId: string;
  datasetGroupArn: string;
  eventTrackerArn: string;
}

/** trackingId to dataset group in one read: PutEvents names no ARN. */
export interface TrackingIdStore {
  put(route: TrackerRoute): Promise<void>;
  get(trackingId: string): Promise<TrackerRoute | undefined>;
  delete(trackingId: string): Promise<void>;
}
