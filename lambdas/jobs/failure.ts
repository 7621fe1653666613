/**
 * Why a job's workflow ended unfinished, as a failureReason a user can read,
 * from what the recorder receives: the Catch's payload, or the EventBridge
 * event of an execution that was stopped or timed out.
 */
import { JOB_KINDS, type JobInput, type JobKind } from '@tailor/core';

/** The Catch's payload: the execution input and the error it caught. */
export interface CaughtFailure extends JobInput {
  error: { Error?: string; Cause?: string };
}

/** The EventBridge event of an execution's status change, as much as is read. */
export interface ExecutionStatusChange {
  'detail-type': 'Step Functions Execution Status Change';
  detail: { status: string; input: string; executionArn: string };
}

export type AbandonEvent = CaughtFailure | ExecutionStatusChange;

/** A failureReason stays readable: the first part of a long cause is enough. */
const MAX_REASON = 500;

export function describeFailure(event: AbandonEvent): JobInput & { reason: string } {
  if ('detail' in event) {
    const input = parseInput(event.detail.input);
    const reason =
      event.detail.status === 'TIMED_OUT'
        ? "The job's workflow ran past its time limit before the job finished."
        : "The job's workflow was stopped before the job finished.";
    return { ...input, reason };
  }
  const input = parseInput(JSON.stringify({ kind: event.kind, arn: event.arn }));
  const name = event.error.Error ?? 'an unknown error';
  const detail = causeDetail(event.error.Cause);
  const reason = `The job's task ended before the job finished (${name})${detail ? `: ${detail}` : '.'}`;
  return { ...input, reason: reason.slice(0, MAX_REASON) };
}

/**
 * ECS causes are the stopped task (DescribeTasks) as JSON: its stop reason and exit
 * code. Lambda causes are the error as JSON. Anything else is the text itself.
 */
export function causeDetail(cause: string | undefined): string {
  if (!cause) return '';
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(cause) as Record<string, unknown>;
  } catch {
    return cause;
  }
  if (typeof parsed.StoppedReason === 'string') {
    const [container] = (parsed.Containers ?? []) as { ExitCode?: number; Reason?: string }[];
    const exit =
      container?.ExitCode === undefined ? 'the job never ran' : `exit code ${container.ExitCode}`;
    const why = container?.Reason ? `, ${container.Reason}` : '';
    return `${parsed.StoppedReason} (${exit}${why})`;
  }
  const text = parsed.errorMessage ?? parsed.message;
  return typeof text === 'string' ? text : cause;
}

function parseInput(text: string): JobInput {
  const input = JSON.parse(text) as Partial<JobInput>;
  if (!JOB_KINDS.includes(input.kind as JobKind) || typeof input.arn !== 'string') {
    throw new Error(`Not a job's input: ${text.slice(0, 200)}`);
  }
  return { kind: input.kind as JobKind, arn: input.arn };
}
