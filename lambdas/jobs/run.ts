/**
 * The job entry point as a Lambda function, for deployments with
 * `jobCompute: 'lambda'`: small datasets, and LocalStack Community, which has
 * no ECS. The same runJob as job-image/main.ts, within Lambda's 15 minutes.
 */
import middy from '@middy/core';
import { JOB_KINDS, type JobInput, type JobKind, JOBS, NO_JOB_RUNNER, runJob } from '@tailor/core';
import { containerContext } from '../shared/context';
import { observability } from '../shared/observability';

const tools = observability('jobs', process.env);
// A job starts no other jobs.
const ctx = containerContext(process.env, NO_JOB_RUNNER);

export const handler = middy<JobInput, void>()
  .use(tools.middlewares)
  .handler(async ({ kind, arn }) => {
    if (!JOB_KINDS.includes(kind) || typeof arn !== 'string') {
      throw new Error(`Not a job's input: ${JSON.stringify({ kind, arn })}`);
    }
    await runJob(JOBS, await ctx(), kind as JobKind, arn, (line) => tools.logger.info(line));
  });
