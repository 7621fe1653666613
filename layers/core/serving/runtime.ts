/**
 * GetRecommendations and GetPersonalizedRanking: the campaign's deployment (deployments.ts),
 * its model (models.ts), the user's latest events (history.ts) and the Items data (items.ts)
 * are gathered first; the list is then built synchronously on the model's scratch vectors
 * (recommend.ts), with exploration mixed in (exploration.ts) and metadata attached last.
 *
 * Per request that is one or two event Queries (none for related and popular items, nor for a
 * group without an event tracker), a batch read of PutItems records when metadata is asked for,
 * and a campaign read once a second; the model and the imported Items data are in memory.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from '../api/context';
import { InvalidInputException } from '../api/errors';
import type { CampaignConfig } from '../operations/campaigns/campaign-config';
import { deployment } from './deployments';
import { explorationOf, explorationPool, exploredCount, mixIn } from './exploration';
import { EMPTY_HISTORY, latestEvents } from './history';
import {
  itemMetadata,
  itemsData,
  metadataColumns,
  type ItemsData,
  type MetadataColumn,
} from './items';
import { servedModel, type ServedModel } from './models';
import { bestItems, rankItems, userScores, type RankedItem } from './recommend';

/** Personalize's limit on a list (or an input list) that carries item metadata. */
export const MAX_WITH_METADATA = 50;

export interface PredictedItem extends RankedItem {
  metadata?: Record<string, string>;
}

export interface RecommendationsRequest {
  campaignArn: string;
  userId?: string;
  itemId?: string;
  numResults: number;
  /** The Items columns to return with each item (metadataColumns.ITEMS). */
  metadataColumns?: readonly string[];
}

export async function getRecommendations(
  ctx: Context,
  request: RecommendationsRequest,
): Promise<{ itemList: PredictedItem[]; recommendationId: string }> {
  const { config, versionArn, realTime } = await deployment(ctx, request.campaignArn);
  const served = await servedModel(ctx, versionArn);
  const { recipe, model } = served;
  const { userId, itemId, numResults } = request;
  if (recipe.recipeType === 'PERSONALIZED_RANKING') {
    throw new InvalidInputException(
      `Campaign ${request.campaignArn} deploys a PERSONALIZED_RANKING solution (${recipe.name}): it serves GetPersonalizedRanking, not GetRecommendations.`,
    );
  }
  if (recipe.recipeType === 'RELATED_ITEMS' ? itemId === undefined : userId === undefined) {
    throw new InvalidInputException(
      `Campaign ${request.campaignArn} deploys a ${recipe.recipeType} solution (${recipe.name}), which needs ${recipe.recipeType === 'RELATED_ITEMS' ? 'an itemId' : 'a userId'}.`,
    );
  }
  const metadata = await metadataRequest(ctx, served, config, request, numResults, 'numResults');
  const recommendationId = `RID-${randomUUID()}`;
  const { scores } = served;
  let list: RankedItem[];

  if (recipe.recipeType === 'RELATED_ITEMS') {
    // Related items come from training alone; an item the model does not know gets popular ones.
    const item = served.itemIndex.get(itemId!);
    if (item !== undefined) model.scoreItem!(item, scores);
    else coldScores(served, scores);
    const self = item === undefined ? undefined : Uint32Array.of(item);
    list = bestItems(served, scores, numResults, false, self);
  } else if (recipe.recipeType === 'POPULAR_ITEMS') {
    model.scoreUser(userId, EMPTY_HISTORY, scores);
    list = bestItems(served, scores, numResults, false);
  } else {
    const exploration = explorationOf(served, config);
    const [events, items] = await Promise.all([
      realTime ? latestEvents(ctx, served, userId!) : [],
      exploration ? itemsData(ctx, served.datasetGroupArn) : undefined,
    ]);
    const pool =
      exploration && items ? explorationPool(items, served, exploration.ageCutOffDays) : [];
    const length = Math.min(numResults, model.itemIds.length + pool.length);
    const explored = exploredCount(exploration?.weight ?? 0, length, pool.length);
    const best = bestItems(served, userScores(served, userId!, events), length - explored, true);
    list = mixIn(best, pool, explored, recommendationId);
  }
  return { itemList: await withMetadata(ctx, list, metadata), recommendationId };
}

export interface RankingRequest {
  campaignArn: string;
  userId: string;
  inputList: readonly string[];
  metadataColumns?: readonly string[];
}

export async function getPersonalizedRanking(
  ctx: Context,
  request: RankingRequest,
): Promise<{ personalizedRanking: PredictedItem[]; recommendationId: string }> {
  const { config, versionArn, realTime } = await deployment(ctx, request.campaignArn);
  const served = await servedModel(ctx, versionArn);
  if (served.recipe.recipeType !== 'PERSONALIZED_RANKING') {
    throw new InvalidInputException(
      `Campaign ${request.campaignArn} deploys a ${served.recipe.recipeType} solution (${served.recipe.name}): GetPersonalizedRanking needs a PERSONALIZED_RANKING one; use GetRecommendations.`,
    );
  }
  const size = request.inputList.length;
  const metadata = await metadataRequest(ctx, served, config, request, size, 'inputList');
  const events = realTime ? await latestEvents(ctx, served, request.userId) : [];
  const ranking = rankItems(served, userScores(served, request.userId, events), request.inputList);
  return {
    personalizedRanking: await withMetadata(ctx, ranking, metadata),
    recommendationId: `RID-${randomUUID()}`,
  };
}

/** An item the model cannot relate: the most popular come first. */
function coldScores(served: ServedModel, scores: Float32Array): void {
  if (served.popularity) scores.set(served.popularity);
  else served.model.scoreUser(undefined, EMPTY_HISTORY, scores);
}

interface MetadataRequest {
  items: ItemsData;
  columns: MetadataColumn[];
}

/** The Items columns asked for, checked as Personalize checks them; undefined when none are. */
async function metadataRequest(
  ctx: Context,
  served: ServedModel,
  config: CampaignConfig,
  request: { campaignArn: string; metadataColumns?: readonly string[] },
  size: number,
  sizeMember: string,
): Promise<MetadataRequest | undefined> {
  const requested = request.metadataColumns;
  if (!requested || requested.length === 0) return undefined;
  if (!config.enableMetadataWithRecommendations) {
    throw new InvalidInputException(
      `Campaign ${request.campaignArn} does not return item metadata: set enableMetadataWithRecommendations in its campaignConfig (UpdateCampaign) to ask for metadataColumns.`,
    );
  }
  if (size > MAX_WITH_METADATA) {
    throw new InvalidInputException(
      `${sizeMember} may be at most ${MAX_WITH_METADATA} when metadataColumns is given, got ${size}.`,
    );
  }
  return metadataColumns(await itemsData(ctx, served.datasetGroupArn), requested);
}

async function withMetadata(
  ctx: Context,
  list: RankedItem[],
  request: MetadataRequest | undefined,
): Promise<PredictedItem[]> {
  if (!request) return list;
  const found = await itemMetadata(
    ctx,
    request.items,
    list.map((item) => item.itemId),
    request.columns,
  );
  return list.map((item) => {
    const metadata = found.get(item.itemId);
    return metadata ? { ...item, metadata } : item;
  });
}
