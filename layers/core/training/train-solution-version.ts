/**
 * The training job of a solution version: load the group's interactions up to
 * the moment the version was asked for, check Personalize's minimums, choose
 * the recipe (AutoML) and hyperparameters (HPO) on a validation split of the
 * training users, measure the choice on the held-out test users, then train
 * the served model on all the data and write it, with its report, to S3.
 */
import { availableParallelism } from 'node:os';
import type { Context } from '../context/context';
import { evaluate } from '../recipes/evaluation/evaluate';
import type { Metrics } from '../recipes/evaluation/metrics';
import { createRandom } from '../recipes/evaluation/random';
import { splitInteractions, validationSplit, type TestUser } from '../recipes/evaluation/split';
import { JobFailure } from '../domain/jobs';
import { type JobDefinition } from '../context/job-definition';
import { ACTIVE, STOPPING } from '../domain/jobs';
import type { SolutionVersionAttributes } from '../domain/solution-version';
import { DEFAULT_AUTOML_RECIPES, findRecipe, type RecipeSpec } from '../recipes/catalogue';
import { resolveHyperParameters } from '../recipes/hyperparameters';
import type { HyperParameters, Interactions, Model } from '../recipes/recipe';
import { recipeImplementation } from '../recipes/registry';
import { buildArn } from '../domain/arn';
import { requireResource } from '../resources/lifecycle';
import { allRecords } from '../store/pages';
import { checkMinimumData } from './minimum-data';
import { DEFAULT_OBJECTIVE, hpoCandidates } from './search';
import { readModel, readTrainingReport, writeTrainedVersion } from './trained-artifacts';
import { loadInteractions, type EventFilter } from './training-data';

/** Fixed, so the same data and configuration give the same artifact, byte for byte. */
const SEED = 20261129;

/**
 * A held-out user's next interactions are measured against recommendations of
 * items they have not interacted with yet: re-recommending their history would
 * spend the top of every list on items the truth rarely repeats.
 */
const EVALUATION = { excludeHistory: true } as const;

export interface Choice {
  recipe: RecipeSpec;
  parameters: HyperParameters;
}

export const training: JobDefinition = {
  resourceKind: 'solution-version',

  async run(ctx, arn) {
    const started = ctx.now();
    const version = await requireResource(ctx, 'solution-version', arn);
    const v = version.attributes;
    const config = v.solutionConfig ?? {};
    const { choice, metrics } = await trainModel(ctx, {
      jobArn: arn,
      modelArn: arn,
      datasetGroupArn: v.datasetGroupArn,
      events: {
        eventType: v.eventType,
        eventValueThreshold: config.eventValueThreshold,
        eventsConfig: config.eventsConfig,
      },
      until: version.createdAt,
      previous: v.trainingMode === 'UPDATE' ? () => previousModel(ctx, version) : undefined,
      choose: (trainer, data) => choose(trainer, v, data),
    });
    const tuned = v.performHPO ? asStrings(choice.parameters) : undefined;
    if (v.performAutoML) {
      await ctx.metadata.update(v.solutionArn, {
        attributes: { bestRecipeArn: choice.recipe.recipeArn, recipeArn: choice.recipe.recipeArn },
      });
    }
    return {
      recipeArn: choice.recipe.recipeArn,
      metrics,
      tunedHyperParameters: tuned,
      trainingHours: (ctx.now() - started) / 3_600_000,
    };
  },

  // A training job holds nothing but its own record.
  release: async () => undefined,
};

/** What one training reads, how it chooses, and where it writes: a solution version's or a recommender's. */
export interface ModelTraining {
  /** The resource whose job trains: a stop asked of it ends the training. */
  jobArn: string;
  /** Where the model and its report are written (data/locations.ts's modelLocation). */
  modelArn: string;
  datasetGroupArn: string;
  events: EventFilter;
  /** Events recorded up to this moment (epoch ms) are trained on. */
  until: number;
  /** Checks the interactions loaded before Personalize's general minimums are. */
  checkData?: (data: Interactions) => void;
  /** The served model an UPDATE starts from; a FULL training has none. */
  previous?: () => Promise<PreviousModel>;
  /** The recipe and hyperparameters, given the training users' interactions. */
  choose: (trainer: Trainer, training: Interactions) => Promise<Choice>;
}

interface PreviousModel {
  model: Model;
  recipe: RecipeSpec;
  parameters: HyperParameters;
  metrics: Record<string, number>;
}

/**
 * Loads the group's interactions, checks them, chooses and measures the model on held-out users
 * (an UPDATE keeps its previous choice and metrics), trains the served model on all the data and
 * writes it with its report.
 */
export async function trainModel(
  ctx: Context,
  request: ModelTraining,
): Promise<{ choice: Choice; metrics: Metrics | Record<string, number> }> {
  const group = await requireResource(ctx, 'dataset-group', request.datasetGroupArn);
  const interactionsArn = buildArn(ctx.place, 'dataset', group.attributes.name, 'INTERACTIONS');
  if (!(await ctx.metadata.get(interactionsArn))) {
    throw new JobFailure(`Dataset group ${group.arn} has no Interactions dataset to train on.`);
  }
  const data = await loadInteractions(
    ctx,
    group.arn,
    interactionsArn,
    request.events,
    request.until,
  );
  request.checkData?.(data);
  checkMinimumData(data);
  const log = (line: string) => console.log(line);
  log(
    `${data.item.length} interactions, ${data.userIds.length} users, ${data.itemIds.length} items`,
  );

  const trainer = new Trainer(ctx, request.jobArn, log);
  const previous = await request.previous?.();
  let choice: Choice;
  let metrics: Metrics | Record<string, number>;
  if (previous) {
    // An UPDATE adds new users and items to the served model; it is not re-measured.
    choice = { recipe: previous.recipe, parameters: previous.parameters };
    metrics = previous.metrics;
  } else {
    const split = splitInteractions(data, SEED);
    choice = await request.choose(trainer, split.training);
    const measured = await trainer.train(choice, split.training);
    metrics = evaluate(measured, split.test, EVALUATION);
    log(`test metrics: ${JSON.stringify(metrics)}`);
  }
  const model = await trainer.train(choice, data, previous?.model);

  await writeTrainedVersion(ctx.objects, ctx.dataBucket, request.modelArn, model.encode(), {
    recipeArn: choice.recipe.recipeArn,
    parameters: choice.parameters,
    metrics,
  });
  return { choice, metrics };
}

/**
 * The most an AutoML or HPO candidate may be expected to take (Recipe.estimateSeconds): a recipe
 * that cannot finish in it is skipped, so that a search over the default recipes ends within
 * minutes on any catalogue.
 */
const SEARCH_BUDGET_S = 120;

/**
 * The most a whole AutoML or HPO search may take before it stops starting candidates; the best
 * so far wins. With the measured and the served model's trainings after it, a search on a
 * 20,000-item catalogue ends within about 5 minutes on 2 cores (npm run bench -- search).
 */
const SEARCH_TOTAL_S = 180;

/** Trains recipes, one at a time, and honours a stop between trainings. */
export class Trainer {
  private readonly threads = availableParallelism();

  constructor(
    private readonly ctx: Context,
    private readonly arn: string,
    readonly log: (line: string) => void,
  ) {}

  async train(choice: Choice, data: Interactions, previous?: Model): Promise<Model> {
    const current = await this.ctx.metadata.get<{ status: string }>(this.arn);
    if (current?.attributes.status === STOPPING) throw new JobFailure('Training was stopped.');
    const recipe = recipeImplementation(choice.recipe.name);
    const options = {
      seed: SEED,
      threads: this.threads,
      log: this.log,
      ...(previous ? { previous } : {}),
    };
    // A recipe that chooses its model on the data (Recipe.choose) chooses once, on the first
    // data it trains on; later trainings of the same choice, the measured model's and the served
    // one's, take its explicit parameters and so train the same model.
    if (recipe.choose) choice.parameters = await recipe.choose(data, choice.parameters, options);
    this.log(`training ${choice.recipe.name} ${JSON.stringify(choice.parameters)}`);
    return recipe.train(data, choice.parameters, options);
  }
}

/** AutoML picks the recipe and HPO its parameters, both on validation users; else the config's. */
async function choose(
  trainer: Trainer,
  v: SolutionVersionAttributes,
  training: Interactions,
): Promise<Choice> {
  const config = v.solutionConfig ?? {};
  const recipes = v.performAutoML
    ? (config.autoMLConfig?.recipeList ?? DEFAULT_AUTOML_RECIPES).map((arn) => findRecipe(arn)!)
    : [findRecipe(v.recipeArn!)!];
  const candidates = recipes.flatMap((recipe) => {
    const base = resolveHyperParameters(recipe, config.algorithmHyperParameters);
    const sets = v.performHPO ? hpoCandidates(recipe, base, config, createRandom(SEED)) : [base];
    return sets.map((parameters) => ({ recipe, parameters }));
  });
  if (candidates.length === 1) return candidates[0]!;

  const objective =
    (v.performAutoML
      ? config.autoMLConfig?.metricName
      : config.hpoConfig?.hpoObjective?.metricName) ?? DEFAULT_OBJECTIVE;
  const minimise = config.hpoConfig?.hpoObjective?.type === 'Minimize' && !v.performAutoML;
  const { training: fit, validation } = validationSplit(training, SEED);
  const affordable = candidates.filter(({ recipe }) => {
    const seconds = recipeImplementation(recipe.name).estimateSeconds?.(fit) ?? 0;
    if (seconds <= SEARCH_BUDGET_S) return true;
    trainer.log(
      `skipped ${recipe.name}: one training would take about ${Math.round(seconds)} s, more than the search's ${SEARCH_BUDGET_S} s`,
    );
    return false;
  });
  // Were none affordable, the user asked for these alone: train them all the same.
  const tried = affordable.length > 0 ? affordable : candidates;
  let best: { choice: Choice; score: number } | undefined;
  const searchStarted = performance.now();
  for (const [index, choice] of tried.entries()) {
    const spent = (performance.now() - searchStarted) / 1000;
    // The time a candidate took so far, on average, foretells the next.
    if (best && spent + spent / index > SEARCH_TOTAL_S) {
      trainer.log(
        `stopped after ${index} of ${tried.length} candidates: another would pass the search's ${SEARCH_TOTAL_S} s`,
      );
      break;
    }
    const started = performance.now();
    const score = validationScore(await trainer.train(choice, fit), validation, objective);
    trainer.log(
      `candidate ${index + 1}/${tried.length}: ${choice.recipe.name}: validation ${objective} ${score.toFixed(4)} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    if (!best || (minimise ? score < best.score : score > best.score)) best = { choice, score };
  }
  trainer.log(`chose ${best!.choice.recipe.name} ${JSON.stringify(best!.choice.parameters)}`);
  return best!.choice;
}

function validationScore(model: Model, validation: TestUser[], objective: string): number {
  return (evaluate(model, validation, EVALUATION) as Record<string, number>)[objective] ?? 0;
}

/** The newest ACTIVE version of the solution before this one: what an UPDATE starts from. */
async function previousModel(
  ctx: Context,
  version: { arn: string; attributes: SolutionVersionAttributes },
): Promise<PreviousModel> {
  const versions = allRecords<SolutionVersionAttributes>(ctx.metadata, {
    kind: 'solution-version',
    parentArn: version.attributes.solutionArn,
  });
  for await (const candidate of versions) {
    if (candidate.arn === version.arn || candidate.attributes.status !== ACTIVE) continue;
    const recipe = findRecipe(candidate.attributes.recipeArn!)!;
    const model = await readModel(ctx.objects, ctx.dataBucket, candidate.arn, (bytes) =>
      recipeImplementation(recipe.name).decode(bytes),
    );
    const report = await readTrainingReport(ctx.objects, ctx.dataBucket, candidate.arn);
    if (!model || !report) continue;
    return {
      model,
      recipe,
      parameters: report.parameters,
      metrics: candidate.attributes.metrics ?? {},
    };
  }
  throw new JobFailure(
    `Solution ${version.attributes.solutionArn} has no ACTIVE version to update.`,
  );
}

const asStrings = (parameters: HyperParameters): Record<string, string> =>
  Object.fromEntries(Object.entries(parameters).map(([name, value]) => [name, String(value)]));
