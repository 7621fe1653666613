/**
 * The operations' Context on the in-memory stores, with jobs run in this process: the whole
 * service in one process and no store to start, for the fast unit tests of the operations' rules
 * (test/unit/operations) and for anything else that wants Tailor without its stores. Everything
 * is lost with the process.
 */
import { randomBytes } from 'node:crypto';
import type { Context } from '../../context/context';
import type { Place } from '../../domain/arn';
import type { Quotas } from '../../domain/quotas';
import { logJobEvents, type JobEvents } from '../job-events';
import { bucketName, DATA_BUCKET } from '../buckets';
import { MemoryDatasetRecordStore } from './dataset-record-store';
import { MemoryEventStore } from './event-store';
import { InProcessJobLauncher } from './in-process-jobs';
import { MemoryMetadataStore } from './metadata-store';
import { MemoryObjectStore } from './object-store';
import { MemoryTrackingIdStore } from './tracking-id-store';

export interface MemoryContextOptions {
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
   * Where the jobs' lines and, unless `jobEvents` is given, their ends go.
   * @default - each line to console.log
   */
  log?: (line: string) => void;
  /**
   * Where the end of every job is announced.
   * @default - one line each to `log`, as the local service announces them
   */
  jobEvents?: JobEvents;
  /**
   * Holds launched jobs CREATE PENDING until `ctx.jobs.startHeld()` (InProcessJobsOptions.hold).
   * @default false - each job starts as soon as it is launched
   */
  holdJobs?: boolean;
}

/** A Context whose ports are the in-memory stores themselves, for what only they offer. */
export interface MemoryContext extends Context {
  metadata: MemoryMetadataStore;
  events: MemoryEventStore;
  datasetRecords: MemoryDatasetRecordStore;
  trackingIds: MemoryTrackingIdStore;
  /** Where a caller's data goes too: make its bucket with `createBucket` and write to it. */
  objects: MemoryObjectStore;
  jobs: InProcessJobLauncher;
}

export function createMemoryContext(options: MemoryContextOptions = {}): MemoryContext {
  const log = options.log ?? ((line: string) => console.log(line));
  const dataBucket = options.dataBucket ?? bucketName('tailor', DATA_BUCKET);
  const objects = new MemoryObjectStore([dataBucket]);
  const ctx: MemoryContext = {
    place: options.place ?? { region: 'us-east-1', account: '000000000000' },
    metadata: new MemoryMetadataStore(),
    events: new MemoryEventStore(),
    datasetRecords: new MemoryDatasetRecordStore(),
    trackingIds: new MemoryTrackingIdStore(),
    objects,
    // No roles are assumed in one process: a job reaches every bucket as Tailor, as locally.
    userObjects: () => objects,
    dataBucket,
    jobs: new InProcessJobLauncher(() => ctx, {
      log,
      ...(options.holdJobs !== undefined ? { hold: options.holdJobs } : {}),
    }),
    jobEvents: options.jobEvents ?? logJobEvents(log),
    ...(options.quotas ? { quotas: options.quotas } : {}),
    tokenKey: options.tokenKey ?? randomBytes(32).toString('base64url'),
    now: options.now ?? (() => Date.now()),
  };
  return ctx;
}
