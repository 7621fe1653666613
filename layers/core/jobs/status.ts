/**
 * The steps of a job's status (domain/jobs.ts). Each step is a conditional write from the states
 * it may follow, so a late writer (a runner noticing a dead process after the job finished)
 * cannot overwrite the outcome.
 */
import {
  ACTIVE,
  FAILED,
  IN_PROGRESS,
  PENDING,
  STOPPED,
  STOPPING,
  failureReasonOf,
} from '../domain/jobs';
import type { Attributes } from '../domain/records';
import type { MetadataStore } from '../store/ports';

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
