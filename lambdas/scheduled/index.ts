/**
 * Automatic training in a deployment: an EventBridge Scheduler schedule invokes this function
 * every hour (lib/scheduled-training.ts), and it starts every version due, as the local
 * service's timer does (docs/deploy.md: Automatic training).
 */
import middy from '@middy/core';
import { jobLauncherFromEnv, runScheduledTraining } from '@tailor/core';
import { containerContext } from '../shared/context';
import { observability } from '../shared/observability';

const tools = observability('scheduled', process.env);
const ctx = containerContext(process.env, jobLauncherFromEnv(process.env));

export const handler = middy<unknown, void>()
  .use(tools.middlewares)
  .handler(async () => {
    const context = await ctx();
    const starts = await runScheduledTraining(context, context.now());
    for (const { arn, started, skipped, error } of starts) {
      if (started) tools.logger.info('Started automatic training', { arn, started });
      else if (skipped) tools.logger.info('Skipped automatic training', { arn, skipped });
      else tools.logger.warn('Automatic training could not start', { arn, error });
    }
  });
