/**
 * Runs a job to its end, whatever the platform: the Fargate task in AWS and
 * the local service's child process both call runJob, and whoever sees a job's
 * process die calls abandonJob, so no job is left CREATE IN_PROGRESS.
 */
import type { Context } from '../context/context';
import type { JobDefinitions } from '../context/job-definition';
import type { Attributes } from '../domain/records';
import { announceJobEnd, type JobEnded } from '../store/job-events';
import type { JobKind } from '../store/job-ports';
import { ACTIVE, FAILED, failureReasonOf, JobFailure, STOPPED } from '../domain/jobs';
import { markActive, markFailed, markInProgress, markStopped } from './status';

export async function runJob(
  definitions: JobDefinitions,
  ctx: Context,
  kind: JobKind,
  arn: string,
  log: (line: string) => void,
): Promise<void> {
  const definition = definitions[kind];
  const ended = (status: JobEnded['status'], reason?: string) =>
    recordedEnd(ctx, { kind, resourceArn: arn, status }, reason, log);
  if (!(await markInProgress(ctx.metadata, arn, ctx.now()))) {
    // Stopped before it started, or ended by someone else: nothing to run.
    if (await markStopped(ctx.metadata, arn, ctx.now())) await ended(STOPPED);
    else log(`${arn} is no longer pending; nothing to do.`);
    return;
  }
  // What the job held is released before its end is recorded: a client that sees the job ACTIVE
  // (or FAILED) may at once start the next import or delete the dataset.
  let outcome: { results: Attributes } | { error: unknown };
  try {
    outcome = { results: await definition.run(ctx, arn) };
  } catch (error) {
    outcome = { error };
  } finally {
    await definition.release(ctx, arn);
  }
  if ('results' in outcome) {
    if (await markActive(ctx.metadata, arn, ctx.now(), outcome.results)) await ended(ACTIVE);
    else if (await markStopped(ctx.metadata, arn, ctx.now())) await ended(STOPPED);
    return;
  }
  const { error } = outcome;
  const reason =
    error instanceof JobFailure
      ? error.message
      : `The job failed unexpectedly: ${(error as Error)?.message ?? String(error)}`;
  if (!(error instanceof JobFailure)) log(`${arn} failed: ${(error as Error)?.stack ?? error}`);
  if (await markFailed(ctx.metadata, arn, ctx.now(), reason)) await ended(FAILED, reason);
  else if (await markStopped(ctx.metadata, arn, ctx.now())) await ended(STOPPED);
}

/**
 * Records a job whose process ended without finishing it: CREATE STOPPED when
 * a stop was asked for, else CREATE FAILED with why.
 */
export async function abandonJob(
  definitions: JobDefinitions,
  ctx: Context,
  kind: JobKind,
  arn: string,
  reason: string,
  log: (line: string) => void,
): Promise<void> {
  const status = (await markFailed(ctx.metadata, arn, ctx.now(), reason))
    ? FAILED
    : (await markStopped(ctx.metadata, arn, ctx.now()))
      ? STOPPED
      : undefined;
  if (!status) return;
  await definitions[kind].release(ctx, arn);
  await recordedEnd(ctx, { kind, resourceArn: arn, status }, reason, log);
}

/** Logs and announces an end just recorded; only a failure keeps its reason. */
async function recordedEnd(
  ctx: Context,
  event: Omit<JobEnded, 'failureReason'>,
  reason: string | undefined,
  log: (line: string) => void,
): Promise<void> {
  const failureReason = event.status === FAILED && reason ? failureReasonOf(reason) : undefined;
  log(`${event.resourceArn} is ${event.status}${failureReason ? `: ${failureReason}` : '.'}`);
  await announceJobEnd(
    ctx.jobEvents,
    { ...event, ...(failureReason ? { failureReason } : {}) },
    log,
  );
}
