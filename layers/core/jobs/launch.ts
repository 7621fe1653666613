import type { Context } from '../context/context';
import { JOBS } from './definitions';
import type { JobKind } from '../store/job-ports';
import { abandonJob } from './runner';

/**
 * Starts the job of a resource just created. One that cannot start is ended
 * CREATE FAILED at once, with what it held released, and the caller's error
 * rethrown: nothing is left pending.
 */
export async function launchJob(ctx: Context, kind: JobKind, arn: string): Promise<void> {
  try {
    await ctx.jobs.launch(kind, arn);
  } catch (error) {
    const reason = `The job could not start: ${(error as Error).message}`;
    await abandonJob(JOBS, ctx, kind, arn, reason, (line) => console.warn(line));
    throw error;
  }
}
