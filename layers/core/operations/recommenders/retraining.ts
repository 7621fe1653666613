/**
 * Personalize retrains each ACTIVE recommender every week; automatic training
 * (operations/scheduled/scheduled-training.ts) starts the retraining when it falls due.
 */
import { randomBytes } from 'node:crypto';
import type { Context } from '../../context/context';
import { buildArn } from '../../domain/arn';
import { ACTIVE, isRunning, PENDING } from '../../domain/jobs';
import type { RecommenderTrainingAttributes } from '../../domain/recommender';
import { launchJob } from '../../jobs/launch';
import { createResource } from '../../resources/lifecycle';
import { allRecords } from '../../store/pages';
import { recommenderModelOf, RETRAINING_PERIOD_MS } from '../../training/train-recommender';
import type { SchedulableKind } from '../../context/schedulable-kind';

/** Its retrainings, newest first. */
export const retrainingsOf = (ctx: Context, recommenderArn: string) =>
  allRecords<RecommenderTrainingAttributes>(ctx.metadata, {
    kind: 'recommender-training',
    parentArn: recommenderArn,
  });

/** Whether a retraining of the recommender is under way. */
export async function isRetraining(ctx: Context, recommenderArn: string): Promise<boolean> {
  for await (const training of retrainingsOf(ctx, recommenderArn)) {
    return isRunning(training.attributes.status);
  }
  return false;
}

export const recommenders: SchedulableKind<'recommender'> = {
  kind: 'recommender',
  // A stopped (INACTIVE) recommender is not retrained until it is started again.
  periodMs: ({ attributes: a }) => (a.status === ACTIVE ? RETRAINING_PERIOD_MS : undefined),
  trainedUntil: async (_ctx, { attributes: a }) =>
    a.modelArn === undefined ? undefined : recommenderModelOf(a.modelArn).trainedUntil,
  busy: (ctx, record) => isRetraining(ctx, record.arn),
  async start(ctx, record) {
    const training = await createResource<RecommenderTrainingAttributes>(ctx, {
      kind: 'recommender-training',
      arn: buildArn(
        ctx.place,
        'recommender-training',
        record.attributes.name,
        randomBytes(4).toString('hex'),
      ),
      parentArn: record.arn,
      attributes: { recommenderArn: record.arn, status: PENDING },
    });
    await launchJob(ctx, 'recommender-retraining', training.arn);
    return training.arn;
  },
};
