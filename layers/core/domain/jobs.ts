/**
 * The status lifecycle every job resource shares: CREATE PENDING → CREATE IN_PROGRESS → ACTIVE |
 * CREATE FAILED, and for solution versions a stop: → CREATE STOPPING → CREATE STOPPED. The
 * transitions, each a conditional write, are in jobs/status.ts.
 */
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

/** A failure the user can act on: its message becomes the job's failureReason as it is. */
export class JobFailure extends Error {}
