/**
 * Builds the operations' Context on the in-memory stores (store/memory), as aws.ts builds it on
 * DynamoDB and S3: the whole service in one process with no store to start, for the fast unit
 * tests of the operations' rules (test/unit/operations) and anything else that wants Tailor
 * without its stores. Everything is lost with the process.
 *
 * The jobs are the caller's to choose, as in aws.ts; jobs/in-process-launcher.ts runs them here,
 * on this context: `createMemoryContext({ jobs: inProcessJobs() })`.
 */
import { randomBytes } from 'node:crypto';
import type { Place } from '../domain/arn';
import type { Quotas } from '../domain/quotas';
import { bucketName, DATA_BUCKET } from '../store/buckets';
import { logJobEvents, type JobEvents } from '../store/job-events';
import type { JobLauncher } from '../store/job-ports';
import { MemoryDatasetRecordStore } from '../store/memory/dataset-record-store';
import { MemoryEventStore } from '../store/memory/event-store';
import { MemoryMetadataStore } from '../store/memory/metadata-store';
import { MemoryObjectStore } from '../store/memory/object-store';
import { MemoryTrackingIdStore } from '../store/memory/tracking-id-store';
import type { Context } from './context';

export interface MemoryContextOptions<J extends JobLauncher> {
  /**
   * Makes the launcher of the jobs the operations start, given the context being built (read
   * when a job starts, as jobs run on the same stores).
   */
  jobs: (ctx: () => Context) => J;
  /**
   * The region and account in ARNs.
   * @default - us-east-1 and 000000000000, as the local service's defaults
   */
  place?: Place;
  /**
   * Quotas changed from Personalize's defaults.
   * @default - Personalize's default quotas
   */
  quotas?: Partial<Quotas>;
  /**
   * Tailor's own bucket, made in the object store.
   * @default 'tailor-data', the local service's
   */
  dataBucket?: string;
  /**
   * Keys the HMAC that seals nextTokens.
   * @default - 32 random bytes: a token means nothing to another process, whose stores differ
   */
  tokenKey?: string;
  /**
   * The clock, in epoch milliseconds, that records' and events' times come from.
   * @default Date.now
   */
  now?: () => number;
  /**
   * Where the end of every job is announced.
   * @default - one line each to console.log, as the local service announces them
   */
  jobEvents?: JobEvents;
}

/** A Context whose ports are the in-memory stores themselves, for what only they offer. */
export interface MemoryContext<J extends JobLauncher = JobLauncher> extends Context {
  metadata: MemoryMetadataStore;
  events: MemoryEventStore;
  datasetRecords: MemoryDatasetRecordStore;
  trackingIds: MemoryTrackingIdStore;
  /** Where a caller's data goes too: make its bucket with `createBucket` and write to it. */
  objects: MemoryObjectStore;
  jobs: J;
}

export function createMemoryContext<J extends JobLauncher>(
  options: MemoryContextOptions<J>,
): MemoryContext<J> {
  const dataBucket = options.dataBucket ?? bucketName('tailor', DATA_BUCKET);
  const objects = new MemoryObjectStore([dataBucket]);
  const ctx: MemoryContext<J> = {
    place: options.place ?? { region: 'us-east-1', account: '000000000000' },
    metadata: new MemoryMetadataStore(),
    events: new MemoryEventStore(),
    datasetRecords: new MemoryDatasetRecordStore(),
    trackingIds: new MemoryTrackingIdStore(),
    objects,
    // No roles are assumed in one process: a job reaches every bucket as Tailor, as locally.
    userObjects: () => objects,
    dataBucket,
    jobs: options.jobs(() => ctx),
    jobEvents: options.jobEvents ?? logJobEvents((line) => console.log(line)),
    ...(options.quotas ? { quotas: options.quotas } : {}),
    tokenKey: options.tokenKey ?? randomBytes(32).toString('base64url'),
    now: options.now ?? (() => Date.now()),
  };
  return ctx;
}
