import type { Caller } from '../domain/callers';
import type { Place } from '../domain/arn';
import type { JobEvents } from '../store/job-events';
import type { JobLauncher } from '../store/job-ports';
import type { ObjectStore } from '../store/object-ports';
import type { DatasetRecordStore, EventStore, TrackingIdStore } from '../store/event-ports';
import type { MetadataStore } from '../store/ports';
import type { Quotas } from '../domain/quotas';

/** Everything an operation may touch, handed in by the adapter (Lambda or local server). */
export interface Context {
  place: Place;
  metadata: MetadataStore;
  /** Events from PutEvents, by user or session and by time recorded. */
  events: EventStore;
  /** Users and items from PutUsers and PutItems. */
  datasetRecords: DatasetRecordStore;
  trackingIds: TrackingIdStore;
  /** Tailor's own bucket, and any other its own role may reach. */
  objects: ObjectStore;
  /**
   * The caller's buckets, reached as the role a job's roleArn names, as Personalize assumes it,
   * in a session tagged with who asked for the job (`requestedBy`, a Caller's id); as Tailor's
   * own role when the job names none. Where roles are not assumed (the local service), `objects`.
   */
  userObjects(roleArn: string | undefined, requestedBy?: string): ObjectStore;
  /**
   * Who made the request being served, as its signature's check found them; undefined where
   * nothing checks signatures (the local service's default) and in jobs.
   */
  caller?: Caller;
  /** Tailor's own bucket: imported datasets, models. */
  dataBucket: string;
  jobs: JobLauncher;
  /** Where the end of every job is announced. */
  jobEvents: JobEvents;
  /** Quotas changed from Personalize's defaults (operations/quotas.ts). */
  quotas?: Partial<Quotas>;
  /** Keys the HMAC that seals nextTokens. */
  tokenKey: string;
  now(): number;
}
