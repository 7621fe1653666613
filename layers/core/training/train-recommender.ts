/**
 * The training job of a recommender: its use case's catalogue recipe (recipes/use-cases.ts),
 * trained by the same trainer as a solution version (trainModel) on the interactions the use case
 * counts, with the recipe's default hyperparameters, as Personalize tunes a recommender itself.
 */
import type { Context } from '../context/context';
import { type JobDefinition } from '../context/job-definition';
import { JobFailure } from '../domain/jobs';
import { resolveHyperParameters } from '../recipes/hyperparameters';
import { findUseCase, type UseCase } from '../recipes/use-cases';
import { requireResource } from '../resources/lifecycle';
import { MIN_INTERACTIONS } from './minimum-data';
import { trainModel } from './train-solution-version';
import { trainedFolder } from '../data/locations';

/** Personalize retrains a recommender every week. */
export const RETRAINING_PERIOD_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Where a training of the recommender writes its model: a new place per training, named by the
 * moment it trained up to, so that the model's ARN alone tells serving what it has learned.
 */
export const modelArnOf = (recommenderArn: string, trainedUntil: number): string =>
  `${recommenderArn}/${trainedUntil.toString(36)}`;

export const isRecommenderModel = (arn: string): boolean => /:recommender\/[^/]+\/[^/]+$/.test(arn);

export function recommenderModelOf(modelArn: string): {
  recommenderArn: string;
  trainedUntil: number;
} {
  const cut = modelArn.lastIndexOf('/');
  return {
    recommenderArn: modelArn.slice(0, cut),
    trainedUntil: parseInt(modelArn.slice(cut + 1), 36),
  };
}

/** A recommender's first training: the job drives the recommender's own status. */
export const recommenderTraining: JobDefinition = {
  resourceKind: 'recommender',
  run: (ctx, arn) => trainRecommender(ctx, arn, arn),
  // A training job holds nothing but its own record.
  release: async () => undefined,
};

/**
 * A retraining (automatic training's, weekly): the job drives its own record, and the new model
 * replaces the served one only once trained.
 */
export const recommenderRetraining: JobDefinition = {
  resourceKind: 'recommender-training',
  async run(ctx, arn) {
    const { attributes: t } = await requireResource(ctx, 'recommender-training', arn);
    const served = (await requireResource(ctx, 'recommender', t.recommenderArn)).attributes
      .modelArn;
    const trained = await trainRecommender(ctx, t.recommenderArn, arn);
    await ctx.metadata.update(t.recommenderArn, { attributes: trained, updatedAt: ctx.now() });
    await dropOlderModels(ctx, t.recommenderArn, [trained.modelArn, served]);
    return {};
  },
  release: async () => undefined,
};

/**
 * Removes the recommender's models but those kept: the new one and the one it replaces, which a
 * process that has not yet seen the change (serving/deployments.ts rereads within a second) may
 * still load. Without this, each week's retraining would leave another model behind.
 */
async function dropOlderModels(
  ctx: Context,
  recommenderArn: string,
  kept: readonly (string | undefined)[],
): Promise<void> {
  const folder = trainedFolder(ctx.dataBucket, recommenderArn);
  const keptFolders = kept.flatMap((arn) => (arn ? [trainedFolder(ctx.dataBucket, arn).key] : []));
  for (const key of await ctx.objects.list(folder.bucket, folder.key)) {
    if (!keptFolders.some((prefix) => key.startsWith(prefix))) {
      await ctx.objects.delete({ bucket: folder.bucket, key });
    }
  }
}

/** Trains the recommender's use case; answers the attributes that make the recommender serve it. */
async function trainRecommender(ctx: Context, recommenderArn: string, jobArn: string) {
  const { attributes: a } = await requireResource(ctx, 'recommender', recommenderArn);
  const useCase = findUseCase(a.recipeArn)!;
  const until = ctx.now();
  const modelArn = modelArnOf(recommenderArn, until);
  const { metrics } = await trainModel(ctx, {
    jobArn,
    modelArn,
    datasetGroupArn: a.datasetGroupArn,
    events: useCase.eventType ? { eventType: useCase.eventType } : {},
    until,
    checkData: (data) => checkEventType(useCase, data.item.length),
    choose: async () => ({
      recipe: useCase.trainedBy,
      parameters: resolveHyperParameters(useCase.trainedBy, undefined),
    }),
  });
  return {
    metrics,
    modelArn,
    trainedUntil: until,
    nextAutoTrainingAt: new Date(until + RETRAINING_PERIOD_MS).toISOString(),
  };
}

/** A use case that counts one event type needs Personalize's minimum of that type. */
function checkEventType(useCase: UseCase, interactions: number): void {
  if (!useCase.eventType || interactions >= MIN_INTERACTIONS) return;
  throw new JobFailure(
    `Insufficient data for ${useCase.name}: it trains on ${useCase.eventType} events and needs at least ${MIN_INTERACTIONS} of them (EVENT_TYPE ${useCase.eventType}, imported or recorded); this dataset group has ${interactions}.`,
  );
}
