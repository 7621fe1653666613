/**
 * Records a job whose workflow ended without finishing it, as the local runner
 * does for a child process that dies: CREATE STOPPED when a stop was asked for,
 * else CREATE FAILED with why. Two callers: the Catch of every job state
 * machine, and an EventBridge rule for executions that end ABORTED or TIMED_OUT,
 * which no Catch sees.
 */
import middy from '@middy/core';
import { abandonJob, JOBS, NO_JOB_RUNNER } from '@tailor/core';
import { containerContext } from '../shared/context';
import { observability } from '../shared/observability';
import { describeFailure, type AbandonEvent } from './failure';

const tools = observability('jobs', process.env);
const ctx = containerContext(process.env, NO_JOB_RUNNER);

export const handler = middy<AbandonEvent, void>()
  .use(tools.middlewares)
  .handler(async (event) => {
    const { kind, arn, reason } = describeFailure(event);
    tools.logger.warn('Recording a job that ended unfinished', { kind, arn, reason });
    await abandonJob(JOBS, await ctx(), kind, arn, reason, (line) => tools.logger.info(line));
  });
