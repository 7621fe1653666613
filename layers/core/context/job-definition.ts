/**
 * What a job kind does, for every platform's runner (jobs/runner.ts): the job is given the
 * context as operations are. The kinds are registered in jobs/definitions.ts.
 */
import type { ResourceKind } from '../domain/kinds';
import type { Attributes } from '../domain/records';
import type { JobKind } from '../store/job-ports';
import type { Context } from './context';

export interface JobDefinition {
  /** The kind of resource whose status the job drives. */
  resourceKind: ResourceKind;
  /** Does the work; returns the attributes to record on the ACTIVE job (counts, locations). */
  run(ctx: Context, arn: string): Promise<Attributes>;
  /** Releases what the job held (a claim on its dataset, say), whether it succeeded or not. */
  release(ctx: Context, arn: string): Promise<void>;
}

export type JobDefinitions = Record<JobKind, JobDefinition>;
