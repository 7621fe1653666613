/**
 * The status lifecycle every job resource shares: CREATE PENDING → CREATE
 * IN_PROGRESS → ACTIVE | CREATE FAILED, and for solution versions a stop:
 * → CREATE STOPPING → CREATE STOPPED. Each step is a conditional write from
 * the states it may follow, so a late writer (a runner noticing a dead process
 * after the job finished) cannot overwrite the outcome.
 */
import type { Attributes } from '../domain/records';
import type { MetadataStore } from '../store/ports';

export const PENDING = 'CREATE PENDING';
export const IN_PROGRESS = 'CREATE IN_PROGRESS';
export const ACTIVE = 'ACTIVE';
export const FAILED = 'CREATE FAILED';
export const STOPPING = 'CREATE STOPPING';
export const STOPPED = 'CREATE STOPPED';

/** The statuses of a job still to end. */
export const RUNNING_STATUSES: readonly string[] = [PENDING, IN_PROGRESS, STOPPING];

export const isRunning = (status: string): boolean => RUNNING_STATUSES.includes(status);

/** Personalize's reasons are a sentence or two; ours list the first problems, within bounds. */
const MAX_REASON_LENGTH = 2000;

/** The reason as a failed job records it. */
export const failureReasonOf = (reason: string): string =>
  reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH - 1)}…` : reason;

const step = (
  metadata: MetadataStore,
  arn: string,
  from: string[],
  attributes: Attributes,
  now: number,
) =>
  metadata.update(arn, { attributes, updatedAt: now }, { oneOf: { name: 'status', values: from } });

export const markInProgress = (metadata: MetadataStore, arn: string, now: number) =>
  step(metadata, arn, [PENDING], { status: IN_PROGRESS }, now);

export const markActive = (
  metadata: MetadataStore,
  arn: string,
  now: number,
  results: Attributes = {},
) => step(metadata, arn, [IN_PROGRESS], { ...results, status: ACTIVE }, now);

export const markFailed = (metadata: MetadataStore, arn: string, now: number, reason: string) =>
  step(
    metadata,
    arn,
    [PENDING, IN_PROGRESS],
    { status: FAILED, failureReason: failureReasonOf(reason) },
    now,
  );

/** Asks a running job to stop: it (or whoever sees its process end) then records CREATE STOPPED. */
export const markStopping = (metadata: MetadataStore, arn: string, now: number) =>
  step(metadata, arn, [PENDING, IN_PROGRESS], { status: STOPPING }, now);

export const markStopped = (metadata: MetadataStore, arn: string, now: number) =>
  step(metadata, arn, [STOPPING], { status: STOPPED }, now);
