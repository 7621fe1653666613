/**
 * Which solution version a campaign serves (or which model a recommender serves), and with what
 * config. Requests read it through a
 * cache that keeps it for a second: at most one campaign and one dataset group read (plus, for a
 * campaign that syncs with the latest solution version, one listing of the solution's versions)
 * per campaign per second per process. So an UpdateCampaign, a DeleteCampaign or a newly ACTIVE version reaches
 * every process within a second; this process's campaign operations forget the entry at once.
 */
import type { Context } from '../context/context';
import { InvalidInputException } from '../api/errors';
import { ACTIVE } from '../domain/jobs';
import type { CampaignConfig } from '../domain/campaign';
import { INACTIVE } from '../domain/recommender';
import { findUseCase, type UseCase } from '../recipes/use-cases';
import type { SolutionVersionAttributes } from '../domain/solution-version';
import { requireResource, findResource } from '../resources/lifecycle';
import { allRecords } from '../store/pages';
import { perContext } from '../cache/loading-cache';

/**
 * What serves a request: a trained model with a config. A campaign's deployment is one, a
 * recommender's another; a batch inference job makes one from its solution version and
 * batchInferenceJobConfig.
 */
export interface ServingSource {
  /** The solution version, or a recommender's model (training/train-recommender.ts). */
  versionArn: string;
  config: CampaignConfig;
  /** How messages name what serves: `Campaign {arn}`. */
  name: string;
  /**
   * Whether the version's dataset group has an event tracker. Events are recorded only through
   * one (PutEvents names its trackingId), so without it there are none to read and requests
   * skip the event store: a group that imports its data in bulk pays no Query per request. A
   * group whose tracker was deleted stops folding in its recorded events at once; the next
   * training reads them.
   */
  realTime: boolean;
  /** A recommender's use case: what requests must name and what it leaves out for the user. */
  useCase?: Pick<UseCase, 'name' | 'requires' | 'excludesInteracted'>;
}

const REFRESH_MS = 1000;

const deployments = perContext<Context, string, ServingSource>({ ttlMs: REFRESH_MS });

export function deployment(ctx: Context, campaignArn: string): Promise<ServingSource> {
  return deployments(ctx).get(campaignArn, ctx.now(), () => load(ctx, campaignArn));
}

/**
 * A recommender serves its newest trained model, as a syncing campaign serves its solution's
 * newest version; its recommenderConfig plays the campaign's campaignConfig.
 */
export function recommenderDeployment(
  ctx: Context,
  recommenderArn: string,
): Promise<ServingSource> {
  return deployments(ctx).get(recommenderArn, ctx.now(), () =>
    loadRecommender(ctx, recommenderArn),
  );
}

async function loadRecommender(ctx: Context, recommenderArn: string): Promise<ServingSource> {
  const { attributes: a } = await requireResource(ctx, 'recommender', recommenderArn);
  if (a.status !== ACTIVE || !a.modelArn) {
    throw new InvalidInputException(
      `Recommender ${recommenderArn} is ${a.status}${a.failureReason ? ` (${a.failureReason})` : ''}: only an ACTIVE recommender serves recommendations${a.status === INACTIVE ? '; start it with StartRecommender' : ''}.`,
    );
  }
  const config = a.recommenderConfig;
  const useCase = findUseCase(a.recipeArn);
  return {
    versionArn: a.modelArn,
    config: {
      ...(config.itemExplorationConfig
        ? { itemExplorationConfig: config.itemExplorationConfig }
        : {}),
      enableMetadataWithRecommendations: config.enableMetadataWithRecommendations ?? false,
    },
    name: `Recommender ${recommenderArn}`,
    realTime: await recordsEvents(ctx, a.datasetGroupArn),
    ...(useCase ? { useCase } : {}),
  };
}

export function forgetDeployment(ctx: Context, campaignArn: string): void {
  deployments(ctx).delete(campaignArn);
}

async function load(ctx: Context, campaignArn: string): Promise<ServingSource> {
  const { attributes: a } = await requireResource(ctx, 'campaign', campaignArn);
  if (a.status !== ACTIVE) {
    throw new InvalidInputException(
      `Campaign ${campaignArn} is ${a.status}${a.failureReason ? ` (${a.failureReason})` : ''}: only an ACTIVE campaign serves recommendations.`,
    );
  }
  const versionArn = a.campaignConfig.syncWithLatestSolutionVersion
    ? ((await newestActiveVersion(ctx, a.solutionArn)) ?? a.solutionVersionArn)
    : a.solutionVersionArn;
  const realTime = await recordsEvents(ctx, a.datasetGroupArn);
  return {
    versionArn,
    config: a.campaignConfig,
    name: `Campaign ${campaignArn}`,
    realTime,
  };
}

/** Whether the group records events: whether it has an event tracker (see `realTime`). */
export async function recordsEvents(ctx: Context, datasetGroupArn: string): Promise<boolean> {
  const group = await findResource(ctx, 'dataset-group', datasetGroupArn);
  return group?.attributes.eventTrackerArn !== undefined;
}

/** The solution's newest ACTIVE version: what `{solutionArn}/$LATEST` deploys. */
export async function newestActiveVersion(
  ctx: Context,
  solutionArn: string,
): Promise<string | undefined> {
  // Listings come newest first, so the first ACTIVE version found is the newest.
  const versions = allRecords<SolutionVersionAttributes>(ctx.metadata, {
    kind: 'solution-version',
    parentArn: solutionArn,
  });
  for await (const version of versions) {
    if (version.attributes.status === ACTIVE) return version.arn;
  }
  return undefined;
}
