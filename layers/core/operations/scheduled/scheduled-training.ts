/**
 * Automatic training: what starts the versions a schedule asks for. One function, run by the
 * local service's timer and by the deployed stack's scheduled function alike
 * (docs/deploy.md: Automatic training). The schedule lives on each resource as
 * `nextAutoTrainingAt`, so it survives restarts and a tick after downtime catches up.
 */
import type { Context } from '../../context/context';
import { ServiceError } from '../../api/errors';
import type { ResourceKind } from '../../domain/kinds';
import type { AttributesOf, RecordOf } from '../../domain/records';
import { nextDue, schedulePeriodMs, scheduleOf } from '../../domain/auto-training';
import { isRunning } from '../../domain/jobs';
import { allRecords } from '../../store/pages';
import { recommenders } from '../recommenders/retraining';
import { latestVersionOf, startSolutionVersion } from '../solution-versions/start-solution-version';

/** The kinds whose attributes keep a schedule: `nextAutoTrainingAt`, as an ISO 8601 time. */
type KindWithSchedule = {
  [K in ResourceKind]: AttributesOf[K] extends { nextAutoTrainingAt?: string } ? K : never;
}[ResourceKind];

/** A resource kind that retrains on a schedule kept in its `nextAutoTrainingAt` attribute. */
export interface SchedulableKind<K extends KindWithSchedule> {
  kind: K;
  /** The schedule's period in milliseconds; undefined while automatic training is off. */
  periodMs(record: RecordOf<K>): number | undefined;
  /** Still training from an earlier start: left for a later tick, never started twice. */
  busy(ctx: Context, record: RecordOf<K>): Promise<boolean>;
  /** Starts one automatic training; answers the ARN of what it started. */
  start(ctx: Context, record: RecordOf<K>): Promise<string>;
}

const solutions: SchedulableKind<'solution'> = {
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

type AnySchedulable = { [K in KindWithSchedule]: SchedulableKind<K> }[KindWithSchedule];

/** Every kind automatic training serves. */
export const SCHEDULED_KINDS: readonly AnySchedulable[] = [solutions, recommenders];

export interface ScheduledStart {
  arn: string;
  /** What started: a solution version's ARN; or why nothing could. */
  started?: string;
  error?: string;
}

/** Starts every training due at `now`; answers what it started or failed to start. */
export async function runScheduledTraining(
  ctx: Context,
  now: number,
  kinds: readonly AnySchedulable[] = SCHEDULED_KINDS,
): Promise<ScheduledStart[]> {
  const starts: ScheduledStart[] = [];
  for (const kind of kinds) starts.push(...(await runKind(ctx, kind, now)));
  return starts;
}

async function runKind<K extends KindWithSchedule>(
  ctx: Context,
  kind: SchedulableKind<K>,
  now: number,
): Promise<ScheduledStart[]> {
  const starts: ScheduledStart[] = [];
  for await (const record of allRecords<AttributesOf[K]>(ctx.metadata, { kind: kind.kind })) {
    const due = record.attributes.nextAutoTrainingAt;
    const period = kind.periodMs(record);
    if (due === undefined || period === undefined || Date.parse(due) > now) continue;
    if (await kind.busy(ctx, record)) continue;
    const next = new Date(nextDue(Date.parse(due), period, now)).toISOString();
    // The claim: of two schedulers that see the same due time, one advances it and starts.
    const claimed = await ctx.metadata.update(
      record.arn,
      { attributes: { nextAutoTrainingAt: next, firstAutoTrainingPending: false } },
      { oneOf: { name: 'nextAutoTrainingAt', values: [due] } },
    );
    if (!claimed) continue;
    try {
      starts.push({ arn: record.arn, started: await kind.start(ctx, record) });
    } catch (error) {
      // Refused before anything was made (a quota reached now may have room later): due again
      // at the next tick. A job that could not launch has left its resource CREATE FAILED, as a
      // manual one does, and the schedule goes on.
      if (error instanceof ServiceError) {
        await ctx.metadata.update(
          record.arn,
          { attributes: { nextAutoTrainingAt: due } },
          { oneOf: { name: 'nextAutoTrainingAt', values: [next] } },
        );
      }
      starts.push({ arn: record.arn, error: (error as Error).message });
    }
  }
  return starts;
}
