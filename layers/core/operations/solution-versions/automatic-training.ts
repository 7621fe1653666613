/**
 * Solutions as automatic training serves them (operations/scheduled/scheduled-training.ts):
 * on while performAutoTraining is, every schedulingExpression, a FULL version marked AUTOMATIC.
 */
import type { SchedulableKind } from '../../context/schedulable-kind';
import { schedulePeriodMs, scheduleOf } from '../../domain/auto-training';
import { ACTIVE, isRunning } from '../../domain/jobs';
import type { SolutionVersionAttributes } from '../../domain/solution-version';
import { allRecords } from '../../store/pages';
import { latestVersionOf, startSolutionVersion } from './start-solution-version';

export const solutions: SchedulableKind<'solution'> = {
  kind: 'solution',
  periodMs: ({ attributes: a }) =>
    a.performAutoTraining ? schedulePeriodMs(scheduleOf(a.solutionConfig)) : undefined,
  // A version reads the data recorded up to its creation (training/train-solution-version.ts).
  async trainedUntil(ctx, record) {
    let newest: number | undefined;
    for await (const version of allRecords<SolutionVersionAttributes>(ctx.metadata, {
      kind: 'solution-version',
      parentArn: record.arn,
    })) {
      if (version.attributes.status !== ACTIVE) continue;
      newest = Math.max(newest ?? 0, version.createdAt);
    }
    return newest;
  },
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
