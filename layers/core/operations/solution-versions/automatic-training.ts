/**
 * Solutions as automatic training serves them (operations/scheduled/scheduled-training.ts):
 * on while performAutoTraining is, every schedulingExpression, a FULL version marked AUTOMATIC.
 */
import type { SchedulableKind } from '../../context/schedulable-kind';
import { schedulePeriodMs, scheduleOf } from '../../domain/auto-training';
import { isRunning } from '../../domain/jobs';
import { latestVersionOf, startSolutionVersion } from './start-solution-version';

export const solutions: SchedulableKind<'solution'> = {
  kind: 'solution',
  periodMs: ({ attributes: a }) =>
    a.performAutoTraining ? schedulePeriodMs(scheduleOf(a.solutionConfig)) : undefined,
  busy: async (ctx, record) => {
    const latest = await latestVersionOf(ctx, record);
    return latest !== undefined && isRunning(latest.attributes.status);
  },
  start: async (ctx, record) => {
    const version = await startSolutionVersion(ctx, record, {
      trainingMode: 'FULL',
      trainingType: 'AUTOMATIC',
    });
    return version.arn;
  },
};
