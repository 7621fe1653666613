/**
 * GetRecommendations and GetPersonalizedRanking: the campaign's deployment (deployments.ts),
 * its model (models.ts), the user's latest events (history.ts) and the Items data (items.ts)
 * are gathered first; the list is then built synchronously on the model's scratch vectors
 * (recommend.ts), with exploration mixed in (exploration.ts) and metadata attached last. A
 * filter (filtering.ts) is evaluated to an allow-mask before the list is taken, and the list is
 * the best allowed items: fewer than asked when the filter allows fewer.
 *
 * Per request that is one or two event Queries (none for related and popular items, nor for a
 * group without an event tracker), a batch read of PutItems records when metadata is asked for,
 * and a campaign read once a second; the model, the imported Items data and, for a model that
 * learns no users, the imported Interactions are in memory. A filter on Interactions reads the
 * user's events once (the same Query), and one on Users reads the user's PutUsers record.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from '../context/context';
import { InternalFailure, InvalidInputException } from '../api/errors';
import { DamagedObjectError } from '../data/checksummed';
import { deployment, recommenderDeployment, type ServingSource } from './deployments';
import { explorationOf, explorationPool, exploredCount, mixIn } from './exploration';
import {
  loadRequestFilter,
  prepareFilter,
  type BoundRequestFilter,
  type FilterRequest,
  type FilterSubject,
  type RequestFilter,
} from './filtering';
import { EMPTY_HISTORY, FILTER_HISTORY_LENGTH, HISTORY_LENGTH, latestEvents } from './history';
import {
  importedInteractions,
  userInteractions,
  type ImportedInteractions,
} from './imported-interactions';
import {
  itemMetadata,
  itemsData,
  metadataColumns,
  type ItemsData,
  type MetadataColumn,
} from './items';
import { servedModel, type ServedModel } from './models';
import { promotedCount, promotedItems, withPromoted, type PromotionRequest } from './promotions';
import { bestItems, forbiddenItems, rankItems, userScores, type RankedItem } from './recommend';
import { withReasons, type ScoreBasis } from './reasons';
import type { RequestMember } from '../recipes/use-cases';

/** Related and popular items: scores that rest on no user's events. */
const NO_BASIS: ScoreBasis = { recorded: new Uint32Array(0), popular: false };

/** Personalize's limit on a list (or an input list) that carries item metadata. */
export const MAX_WITH_METADATA = 50;

export interface PredictedItem extends RankedItem {
  metadata?: Record<string, string>;
}

export interface RecommendationsRequest {
  /** What serves it: a campaign, or else a recommender. */
  campaignArn?: string;
  recommenderArn?: string;
  userId?: string;
  itemId?: string;
  numResults: number;
  /** The Items columns to return with each item (metadataColumns.ITEMS). */
  metadataColumns?: readonly string[];
  filter?: FilterRequest;
  promotion?: PromotionRequest;
}

export async function getRecommendations(
  ctx: Context,
  request: RecommendationsRequest,
): Promise<{ itemList: PredictedItem[]; recommendationId: string }> {
  return answeringDamage(async () =>
    recommendationsFrom(
      ctx,
      await (request.campaignArn !== undefined
        ? deployment(ctx, request.campaignArn)
        : recommenderDeployment(ctx, request.recommenderArn!)),
      request,
    ),
  );
}

/** GetRecommendations from any source: a campaign's deployment, or a batch inference job's. */
export async function recommendationsFrom(
  ctx: Context,
  source: ServingSource,
  request: Omit<RecommendationsRequest, 'campaignArn' | 'recommenderArn'>,
): Promise<{ itemList: PredictedItem[]; recommendationId: string }> {
  const { config, versionArn, realTime } = source;
  const served = await servedModel(ctx, versionArn);
  const { recipe, model } = served;
  const { userId, itemId, numResults } = request;
  if (recipe.recipeType === 'PERSONALIZED_RANKING') {
    throw new InvalidInputException(
      `${source.name} deploys a PERSONALIZED_RANKING solution (${recipe.name}): it serves GetPersonalizedRanking, not GetRecommendations.`,
    );
  }
  const { useCase } = source;
  if (useCase) {
    const missing = useCase.requires.filter((member) => request[member] === undefined);
    if (missing.length > 0) {
      throw new InvalidInputException(
        `${source.name} serves ${useCase.name}, which needs ${useCase.requires.map((member) => NAMED[member]).join(' and ')}; the request has no ${missing.join(' and no ')}.`,
      );
    }
  } else if (recipe.recipeType === 'RELATED_ITEMS' ? itemId === undefined : userId === undefined) {
    throw new InvalidInputException(
      `${source.name} deploys a ${recipe.recipeType} solution (${recipe.name}), which needs ${recipe.recipeType === 'RELATED_ITEMS' ? 'an itemId' : 'a userId'}.`,
    );
  }
  const metadata = await metadataRequest(ctx, served, source, request, numResults, 'numResults');
  const [bound, promotionBound] = await Promise.all([
    request.filter && loadRequestFilter(ctx, served, request.filter),
    request.promotion && loadRequestFilter(ctx, served, request.promotion),
  ]);
  const recommendationId = `RID-${randomUUID()}`;

  // Everything is read before any scoring: the scores live in the model's shared scratch vectors.
  const personalized = recipe.recipeType === 'USER_PERSONALIZATION';
  const exploration = personalized ? explorationOf(served, config) : undefined;
  // A filter on Interactions reads at least as far back as the model folds in: one Query for both.
  const readsInteractions = bound?.reads.interactions || promotionBound?.reads.interactions;
  const [events, imported, items, interacted] = await Promise.all([
    personalized && realTime
      ? latestEvents(
          ctx,
          served,
          userId!,
          readsInteractions ? FILTER_HISTORY_LENGTH : HISTORY_LENGTH,
        )
      : [],
    personalized ? historyImports(ctx, served) : undefined,
    exploration ? itemsData(ctx, served.datasetGroupArn) : undefined,
    useCase?.excludesInteracted && userId !== undefined
      ? interactedItems(ctx, served, source, userId, useCase.excludesInteracted)
      : [],
  ]);
  const subject: FilterSubject = personalized
    ? { userId, events, realTime }
    : { userId, itemId, realTime };
  const [filter, promotionFilter] = await Promise.all([
    filterOf(ctx, served, bound, subject),
    filterOf(ctx, served, promotionBound, subject),
  ]);
  let pool = exploration && items ? explorationPool(items, served, exploration.ageCutOffDays) : [];
  if (filter && pool.length > 0) {
    const allowed = filter.mask(pool);
    pool = pool.filter((_, k) => allowed[k] === 1);
  }

  let scores: Float32Array;
  let basis: ScoreBasis = NO_BASIS;
  // Related items leave out the item asked about.
  let self: number | undefined;
  if (recipe.recipeType === 'RELATED_ITEMS') {
    // Related items come from training alone; an item the model does not know gets popular ones.
    self = served.itemIndex.get(itemId!);
    scores = served.scores;
    if (self !== undefined) model.scoreItem!(self, scores);
    else coldScores(served, scores);
  } else if (personalized) {
    ({ scores, ...basis } = userScores(served, userId!, events.slice(0, HISTORY_LENGTH), imported));
  } else {
    scores = served.scores;
    model.scoreUser(userId, EMPTY_HISTORY, scores);
  }
  const promoted =
    request.promotion && promotionFilter
      ? promotedItems(served, scores, personalized, {
          ...request.promotion,
          mask: withoutItem(promotionFilter.mask(model.itemIds), self),
          count: promotedCount(request.promotion.percentPromotedItems, numResults),
        })
      : [];
  const exclude = excludedItems(served, filter, self, promoted, interacted);
  const allowedCount = model.itemIds.length - (exclude?.length ?? 0);
  const length = Math.min(numResults - promoted.length, allowedCount + pool.length);
  const explored = exploredCount(exploration?.weight ?? 0, length, pool.length);
  const best = withReasons(
    served,
    bestItems(served, scores, length - explored, personalized, exclude),
    basis,
  );
  const list = mixIn(best, pool, explored, recommendationId);
  return {
    itemList: await withMetadata(ctx, withPromoted(list, promoted, recommendationId), metadata),
    recommendationId,
  };
}

/**
 * The catalogue items a list leaves out: the filter's forbidden ones, the item asked about, the
 * promoted ones, and those a use case leaves out for the user.
 */
function excludedItems(
  served: ServedModel,
  filter: RequestFilter | undefined,
  self: number | undefined,
  promoted: readonly RankedItem[],
  interacted: readonly number[],
): Uint32Array | undefined {
  const taken = promoted.map(({ itemId }) => served.itemIndex.get(itemId)!);
  taken.push(...interacted);
  if (self !== undefined) taken.push(self);
  // Without a filter the few items named are the whole list: no catalogue-long mask per request.
  if (!filter) return taken.length > 0 ? Uint32Array.from(taken) : undefined;
  const mask = filter.mask(served.model.itemIds);
  for (const item of taken) mask[item] = 0;
  return forbiddenItems(mask);
}

const NAMED: Record<RequestMember, string> = { userId: 'a userId', itemId: 'an itemId' };

/** Personalize's automatic filters read at most this many of a user's interactions per event type. */
const AUTOMATIC_FILTER_DEPTH = 100;

/**
 * The model's items the user's latest interactions of `eventType` name, newest first: recorded
 * events, then imported interactions, as a filter on Interactions reads them.
 */
async function interactedItems(
  ctx: Context,
  served: ServedModel,
  source: ServingSource,
  userId: string,
  eventType: string,
): Promise<number[]> {
  const [events, imported] = await Promise.all([
    source.realTime ? latestEvents(ctx, served, userId, FILTER_HISTORY_LENGTH) : [],
    importedInteractions(ctx, served.datasetGroupArn),
  ]);
  const newest = [
    ...events,
    ...(imported ? userInteractions(imported, userId, FILTER_HISTORY_LENGTH) : []),
  ];
  const items: number[] = [];
  for (const { itemId, eventType: type } of newest) {
    if (items.length === AUTOMATIC_FILTER_DEPTH) break;
    const item =
      type === eventType && itemId !== undefined ? served.itemIndex.get(itemId) : undefined;
    if (item !== undefined) items.push(item);
  }
  return items;
}

function withoutItem(mask: Uint8Array, item: number | undefined): Uint8Array {
  if (item !== undefined) mask[item] = 0;
  return mask;
}

export interface RankingRequest {
  campaignArn: string;
  userId: string;
  inputList: readonly string[];
  metadataColumns?: readonly string[];
  filter?: FilterRequest;
}

export async function getPersonalizedRanking(
  ctx: Context,
  request: RankingRequest,
): Promise<{ personalizedRanking: PredictedItem[]; recommendationId: string }> {
  return answeringDamage(async () =>
    rankingFrom(ctx, await deployment(ctx, request.campaignArn), request),
  );
}

/**
 * A campaign whose model or data cannot be read fails every request until it is repaired: the
 * operator's problem, not the caller's, so a 500 as AWS answers its own faults, with the message
 * that names the damaged object and the repair (a batch job fails with it instead).
 */
async function answeringDamage<T>(answer: () => Promise<T>): Promise<T> {
  try {
    return await answer();
  } catch (error) {
    if (!(error instanceof DamagedObjectError)) throw error;
    throw new InternalFailure(error.message, { cause: error });
  }
}

/** GetPersonalizedRanking from any source: a campaign's deployment, or a batch inference job's. */
export async function rankingFrom(
  ctx: Context,
  source: ServingSource,
  request: Omit<RankingRequest, 'campaignArn'>,
): Promise<{ personalizedRanking: PredictedItem[]; recommendationId: string }> {
  const { versionArn, realTime } = source;
  const served = await servedModel(ctx, versionArn);
  if (served.recipe.recipeType !== 'PERSONALIZED_RANKING') {
    throw new InvalidInputException(
      `${source.name} deploys a ${served.recipe.recipeType} solution (${served.recipe.name}): GetPersonalizedRanking needs a PERSONALIZED_RANKING one; use GetRecommendations.`,
    );
  }
  const size = request.inputList.length;
  const metadata = await metadataRequest(ctx, served, source, request, size, 'inputList');
  const bound = request.filter && (await loadRequestFilter(ctx, served, request.filter));
  const limit = bound?.reads.interactions ? FILTER_HISTORY_LENGTH : HISTORY_LENGTH;
  const [events, imported] = await Promise.all([
    realTime ? latestEvents(ctx, served, request.userId, limit) : [],
    historyImports(ctx, served),
  ]);
  const filter = await filterOf(ctx, served, bound, { userId: request.userId, events, realTime });
  let inputList = request.inputList;
  if (filter) {
    // The filter removes items from the input list; the rest are ranked as without it.
    const unique = [...new Set(inputList)];
    const allowed = filter.mask(unique);
    inputList = unique.filter((_, k) => allowed[k] === 1);
  }
  const { scores, ...basis } = userScores(
    served,
    request.userId,
    events.slice(0, HISTORY_LENGTH),
    imported,
  );
  const ranking = withReasons(served, rankItems(served, scores, inputList), basis);
  return {
    personalizedRanking: await withMetadata(ctx, ranking, metadata),
    recommendationId: `RID-${randomUUID()}`,
  };
}

/**
 * The group's imported interactions when the model learns no users, so it scores a user known
 * from the import from what they did there (userScores); undefined otherwise.
 */
async function historyImports(
  ctx: Context,
  served: ServedModel,
): Promise<ImportedInteractions | undefined> {
  return served.model.userFactor ? undefined : importedInteractions(ctx, served.datasetGroupArn);
}

/** The request's filter with what it reads gathered; undefined without one. */
async function filterOf(
  ctx: Context,
  served: ServedModel,
  bound: BoundRequestFilter | undefined,
  subject: FilterSubject,
): Promise<RequestFilter | undefined> {
  return bound && prepareFilter(ctx, served, bound, subject);
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
  source: ServingSource,
  request: { metadataColumns?: readonly string[] | undefined },
  size: number,
  sizeMember: string,
): Promise<MetadataRequest | undefined> {
  const requested = request.metadataColumns;
  if (!requested || requested.length === 0) return undefined;
  if (!source.config.enableMetadataWithRecommendations) {
    throw new InvalidInputException(
      `${source.name} does not return item metadata: set enableMetadataWithRecommendations in its campaignConfig (UpdateCampaign) to ask for metadataColumns.`,
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
