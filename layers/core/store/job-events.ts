/**
 * Every job that ends is announced, so operators can act on it without polling Describe*:
 * EventBridge in AWS, the log locally (docs/deploy.md, "Job events"). The shape follows AWS's own
 * job events ("Batch Job State Change", "SageMaker Training Job State Change"): a source, a
 * "… State Change" detail type, and the resource's ARN, status and reason in the detail.
 */
import type { JobKind } from './job-ports';
import type { ACTIVE, FAILED, STOPPED } from '../domain/jobs';

export const JOB_EVENT_SOURCE = 'tailor';
export const JOB_EVENT_DETAIL_TYPE = 'Tailor Job State Change';

export interface JobEnded {
  kind: JobKind;
  /** The job's resource: a dataset import job, a solution version, ... */
  resourceArn: string;
  status: typeof ACTIVE | typeof FAILED | typeof STOPPED;
  /** As DescribeX shows it, for CREATE FAILED. */
  failureReason?: string;
}

export interface JobEvents {
  announce(event: JobEnded): Promise<void>;
}

/** Where no event bus is configured (the local service, its job processes): one log line each. */
export const logJobEvents = (log: (line: string) => void): JobEvents => ({
  announce: async (event) => log(`${JOB_EVENT_DETAIL_TYPE} ${JSON.stringify(event)}`),
});

/** An announcement that fails is logged: the job's outcome is recorded already and stands. */
export async function announceJobEnd(
  events: JobEvents,
  event: JobEnded,
  log: (line: string) => void,
): Promise<void> {
  try {
    await events.announce(event);
  } catch (error) {
    log(`Could not announce that ${event.resourceArn} is ${event.status}: ${String(error)}`);
  }
}
