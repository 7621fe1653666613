/**
 * Automatic training: what starts the versions a schedule asks for. One function, run by the
 * local service's timer and by the deployed stack's scheduled function alike
 * (docs/deploy.md: Automatic training). The schedule lives on each resource as
 * `nextAutoTrainingAt`, so it survives restarts and a tick after downtime catches up.
 */
import type { Context } from '../../context/context';
import { ServiceError } from '../../api/errors';
import type {
  AnySchedulable,
  KindWithSchedule,
  SchedulableKind,
} from '../../context/schedulable-kind';
import type { AttributesOf, RecordOf } from '../../domain/records';
import { nextDue } from '../../domain/auto-training';
import { allRecords } from '../../store/pages';
import { requireResource } from '../../resources/lifecycle';
import { interactionsArrivedAfter } from '../../training/new-interactions';
import { recommenders } from '../recommenders/retraining';
import { solutions } from '../solution-versions/automatic-training';

/** Every kind automatic training serves. */
export const SCHEDULED_KINDS: readonly AnySchedulable[] = [solutions, recommenders];

export interface ScheduledStart {
  arn: string;
  /** What started: a solution version's ARN; why nothing had to; or why nothing could. */
  started?: string;
  skipped?: string;
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
      const skipped = await nothingNew(ctx, kind, record);
      if (skipped) {
        starts.push({ arn: record.arn, skipped });
        continue;
      }
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

/**
 * Why the due training need not run: no interactions were imported or recorded since its newest
 * model's data ends, as Personalize skips such a training; undefined when it must run.
 */
async function nothingNew<K extends KindWithSchedule>(
  ctx: Context,
  kind: SchedulableKind<K>,
  record: RecordOf<K>,
): Promise<string | undefined> {
  const trainedUntil = await kind.trainedUntil(ctx, record);
  if (trainedUntil === undefined) return undefined;
  const group = await requireResource(ctx, 'dataset-group', record.attributes.datasetGroupArn);
  if (await interactionsArrivedAfter(ctx, group, trainedUntil)) return undefined;
  return `No interactions were imported or recorded since ${new Date(trainedUntil).toISOString()}, when its newest model's data ends.`;
}
