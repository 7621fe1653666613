/**
 * Trained models as the runtime serves them: each solution version's artifact is read from S3
 * once per process (Lambda container or local service), decoded by its recipe and kept in a
 * bounded LRU cache, with what the per-request path needs derived once beside it. Serving a
 * request then reads nothing from S3.
 */
import { totalmem } from 'node:os';
import type { Context } from '../context/context';
import { ResourceInUseException } from '../api/errors';
import { DamagedObjectError } from '../data/checksummed';
import { modelLocation } from '../data/locations';
import { ACTIVE } from '../domain/jobs';
import type { SolutionConfig } from '../domain/solution';
import { readArtifact, type Artifact } from '../recipes/artifact';
import { findRecipe, type RecipeSpec } from '../recipes/catalogue';
import { findUseCase } from '../recipes/use-cases';
import { resolveHyperParameters } from '../recipes/hyperparameters';
import type { HyperParameters, Model } from '../recipes/recipe';
import { recipeImplementation } from '../recipes/registry';
import { requireResource } from '../resources/lifecycle';
import { isRecommenderModel, recommenderModelOf } from '../training/train-recommender';
import { MODEL, readModel } from '../training/trained-artifacts';
import { eventWeigher } from '../training/training-data';
import { perContext } from '../cache/loading-cache';
import { FactorScorer } from './factor-scorer';

export interface ServedModel {
  versionArn: string;
  datasetGroupArn: string;
  recipe: RecipeSpec;
  /** The solution's hyperparameters as the version trained with them, defaults filled in. */
  parameters: HyperParameters;
  model: Model;
  /** Catalogue index by itemId. */
  itemIndex: ReadonlyMap<string, number>;
  /**
   * The users a factor model (iALS) learned, scored in WebAssembly SIMD; undefined for a model
   * that learns no users and scores everyone from their history (EASE, the counting recipes).
   */
  learned?: FactorScorer;
  /** What someone with no history and no learned representation is shown; see popularityOf. */
  popularity?: Float32Array;
  /** Events recorded up to this time (epoch ms) were in the training data: training read them. */
  trainedUntil: number;
  /** An event's weight, as training weighed it by the solution's eventType and eventsConfig. */
  weigh(eventType: string, eventValue: number): number;
  /**
   * The scratch score vector, one catalogue long, reused by every request: scoring, ranking and
   * reading the scores back are synchronous, so no two requests use it at once. With `learned`,
   * it is a view of its output.
   */
  scores: Float32Array;
  /** Its size in memory, about: what the cache bounds. */
  bytes: number;
}

/**
 * The models a process keeps, by their size in memory: at most half of it (a Lambda function's
 * configured memory), the rest left to requests. An iALS model of 100,000 items and 100,000
 * users at 64 factors takes about 80 MB.
 */
const MAX_CACHED_BYTES = totalmem() / 2;

const models = perContext<Context, string, ServedModel>({
  maxWeight: MAX_CACHED_BYTES,
  weigh: (served) => served.bytes,
});

/**
 * The model of an ACTIVE version, or of a recommender (its modelArn), loaded on first use; throws
 * ResourceInUseException for a version that is not ACTIVE.
 */
export function servedModel(ctx: Context, versionArn: string): Promise<ServedModel> {
  return models(ctx).get(versionArn, ctx.now(), async () => {
    const trained = isRecommenderModel(versionArn)
      ? await recommenderModel(ctx, versionArn)
      : await versionModel(ctx, versionArn);
    return loadModel(ctx, versionArn, (bytes) => prepareModel(bytes, { versionArn, ...trained }));
  });
}

async function versionModel(ctx: Context, versionArn: string) {
  const { version, recipe } = await requireDeployable(ctx, versionArn);
  const v = version.attributes;
  return {
    datasetGroupArn: v.datasetGroupArn,
    recipe,
    solutionConfig: v.solutionConfig ?? {},
    eventType: v.eventType,
    trainedUntil: version.createdAt,
  };
}

/** A recommender trains its use case's recipe on the use case's event type. */
async function recommenderModel(ctx: Context, modelArn: string) {
  const { recommenderArn, trainedUntil } = recommenderModelOf(modelArn);
  const { attributes: a } = await requireResource(ctx, 'recommender', recommenderArn);
  const useCase = findUseCase(a.recipeArn)!;
  return {
    datasetGroupArn: a.datasetGroupArn,
    recipe: useCase.trainedBy,
    solutionConfig: {},
    eventType: useCase.eventType,
    trainedUntil,
  };
}

/**
 * Whether the version's model loads: its artifact is there and its recipe decodes it. What a
 * campaign checks before it is ACTIVE, without the serving structures (the control plane
 * serves nothing).
 */
export async function checkModel(ctx: Context, versionArn: string): Promise<void> {
  const { recipe } = await requireDeployable(ctx, versionArn);
  await loadModel(ctx, versionArn, (bytes) => recipeImplementation(recipe.name).decode(bytes));
}

/** An ACTIVE solution version and its recipe: what a campaign may deploy and a batch job run. */
export async function requireDeployable(ctx: Context, versionArn: string) {
  const version = await requireResource(ctx, 'solution-version', versionArn);
  const v = version.attributes;
  if (v.status !== ACTIVE) {
    throw new ResourceInUseException(
      `Solution version ${versionArn} is ${v.status}: only an ACTIVE version is deployed in a campaign or runs a batch inference job.`,
    );
  }
  const recipe = v.recipeArn ? findRecipe(v.recipeArn) : undefined;
  if (!recipe) throw new Error(`Solution version ${versionArn} names no known recipe.`);
  return { version, recipe };
}

/** The version's model, checked and decoded; an ACTIVE version's missing model is damage too. */
async function loadModel<T>(
  ctx: Context,
  versionArn: string,
  decode: (bytes: Uint8Array) => T,
): Promise<T> {
  const loaded = await readModel(ctx.objects, ctx.dataBucket, versionArn, decode);
  if (loaded === undefined) {
    throw new DamagedObjectError(modelLocation(ctx.dataBucket, versionArn), MODEL, 'it is missing');
  }
  return loaded;
}

export interface VersionFacts {
  versionArn: string;
  datasetGroupArn: string;
  recipe: RecipeSpec;
  solutionConfig: SolutionConfig;
  eventType?: string | undefined;
  trainedUntil: number;
}

/** A model artifact decoded by its recipe, with what serving derives from it once. */
export function prepareModel(bytes: Uint8Array, facts: VersionFacts): ServedModel {
  const { recipe, solutionConfig: config } = facts;
  const model = recipeImplementation(recipe.name).decode(bytes);
  const n = model.itemIds.length;
  const artifact = readArtifact(bytes);
  const learned = FactorScorer.of(artifact, n);
  const popularity = popularityOf(artifact, n, learned);
  return {
    versionArn: facts.versionArn,
    datasetGroupArn: facts.datasetGroupArn,
    recipe,
    parameters: resolveHyperParameters(recipe, config.algorithmHyperParameters),
    model,
    itemIndex: new Map(model.itemIds.map((id, i) => [id, i])),
    ...(learned ? { learned } : {}),
    ...(popularity ? { popularity } : {}),
    trainedUntil: facts.trainedUntil,
    weigh: eventWeigher({
      eventType: facts.eventType,
      eventValueThreshold: config.eventValueThreshold,
      eventsConfig: config.eventsConfig,
    }),
    scores: learned?.scores ?? new Float32Array(n),
    bytes: bytes.length + (learned?.bytes ?? n * 4),
  };
}

/**
 * The scores of someone the model knows nothing about, derived once per model:
 *
 * - Counting recipes (aws-popularity-count, aws-trending-now, aws-sims) and EASE keep each
 *   item's number of distinct users (`users`): the popularity itself.
 * - iALS keeps user factors x_u and item factors y_i. Its scores for an empty history are all 0
 *   (the fold-in of nothing is x = 0), which orders nothing, so the cold user gets the average
 *   learned user's scores instead: x̄·y_i = Σ_u x_u·y_i / |U|, the mean over training users of
 *   the model's predicted preference for i, its estimate of the share of users who take i.
 *   (Item factor norms would be wrong: a long factor can point away from most users.)
 * - Otherwise there is none, and the model's own scores for an empty history are served.
 */
function popularityOf(
  artifact: Artifact,
  n: number,
  learned: FactorScorer | undefined,
): Float32Array | undefined {
  const { users } = artifact.arrays;
  if (users instanceof Uint32Array && users.length === n) return Float32Array.from(users);
  return learned?.averageUserScores();
}
