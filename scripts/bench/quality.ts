/**
 * Offline quality under Personalize's protocol: for each data set and seed, hold out 10% of users
 * (their newest 10% is the truth), train every recipe on the rest with its default
 * hyperparameters, and report the metrics' mean and standard error over the seeds.
 *
 *   npm run bench -- quality [--seeds 5] [--recipes aws-user-personalization,tailor-ease,...]
 *                            [--keep-history] [--tune N]
 *
 * --tune N also tunes tailor-ease and aws-user-personalization as HPO does (training/search.ts):
 * N candidates from hpoCandidates (the defaults, then seeded random draws over the SEARCH ranges
 * below, given as a solution's hpoConfig would give them), each trained on validationSplit of the
 * first seed's training part and scored by NDCG@10 on its validation users, never on test users.
 * The best is then measured on the test users of every seed like the defaults, and its
 * hyperparameters printed.
 *
 * Data: ../shared/datasets/ml-100k/u.data and ../shared/datasets/ml-1m/user_item_pairs.tsv
 * (skipped when absent). The ML-1M list has no timestamps and follows the movie order, so each
 * user's interactions get a seeded random order instead.
 * Targets (issue 4): aws-user-personalization's NDCG@10 at least 1.8× aws-popularity-count's,
 * and the best recipe's defaults at or above the tuned tailor-ease and aws-user-personalization.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluate, type EvaluateOptions } from '../../layers/core/evaluation/evaluate';
import { createRandom } from '../../layers/core/evaluation/random';
import { splitInteractions, type Split, validationSplit } from '../../layers/core/evaluation/split';
import { recipeByName, type RecipeSpec } from '../../layers/core/recipes/catalogue';
import { resolveHyperParameters } from '../../layers/core/recipes/hyperparameters';
import type { HyperParameters, Interactions, Model } from '../../layers/core/recipes/recipe';
import { recipeImplementation } from '../../layers/core/recipes/registry';
import {
  checkSolutionConfig,
  type SolutionConfig,
} from '../../layers/core/operations/solutions/solution-config';
import { hpoCandidates } from '../../layers/core/training/search';
import { InteractionsBuilder } from '../../layers/core/training/training-data';

const DATASETS = join(__dirname, '..', '..', '..', 'shared', 'datasets');
const REPORTED = [
  'normalized_discounted_cumulative_gain_at_10',
  'precision_at_10',
  'mean_reciprocal_rank_at_25',
  'coverage',
] as const;
const OBJECTIVE = REPORTED[0];
const TARGET_RATIO = 1.8;
type Ranges = NonNullable<
  NonNullable<SolutionConfig['hpoConfig']>['algorithmHyperParameterRanges']
>;

/**
 * What --tune searches, per recipe: the strong baselines of the issue's second target. Not the
 * declared ranges, which are what training accepts and far wider: under regularization_exponent
 * 1 every regularization past about 0.03 of the declared 0.0001 to 100 flattens the factors, and
 * alpha runs to 1000, so 8 draws from them never beat the defaults (measured: 5.9 min on 2
 * cores) and make a weak baseline. These cover every value that scored well in the validation
 * grids behind the defaults (catalogue.ts), the largest dimension that trains in seconds, and
 * log-uniform draws (search.ts) for the two wide ones.
 */
const SEARCH: Record<string, Ranges> = {
  'tailor-ease': {
    continuousHyperParameterRanges: [{ name: 'l2_regularization', minValue: 50, maxValue: 5000 }],
  },
  'aws-user-personalization': {
    integerHyperParameterRanges: [{ name: 'hidden_dimension', minValue: 32, maxValue: 160 }],
    continuousHyperParameterRanges: [
      { name: 'regularization', minValue: 0.001, maxValue: 0.1 },
      { name: 'alpha', minValue: 0.5, maxValue: 50 },
      { name: 'history_decay', minValue: 0.8, maxValue: 1 },
    ],
  },
};

function movieLens100k(): Interactions | undefined {
  const file = join(DATASETS, 'ml-100k', 'u.data');
  if (!existsSync(file)) return undefined;
  const builder = new InteractionsBuilder();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [user, item, , time] = line.split('\t');
    if (user && item && time) builder.add(user, item, 1, Number(time));
  }
  return builder.build();
}

function movieLens1mList(): Interactions | undefined {
  const file = join(DATASETS, 'ml-1m', 'user_item_pairs.tsv');
  if (!existsSync(file)) return undefined;
  const random = createRandom(1);
  const builder = new InteractionsBuilder();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [user, item] = line.split('\t');
    // No timestamps: a seeded random time gives each user's history a random order.
    if (user && item) builder.add(user, item, 1, random.next());
  }
  return builder.build();
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const standardError = (xs: number[]) =>
  xs.length < 2
    ? 0
    : Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1) / xs.length);

const train = (
  recipe: string,
  data: Interactions,
  parameters: HyperParameters,
  seed: number,
): Promise<Model> =>
  recipeImplementation(recipe).train(data, parameters, {
    seed,
    threads: availableParallelism(),
    log: () => undefined,
  });

/** One table row: the recipe's test metrics over the seeds' splits, mean ± standard error. */
async function measure(
  label: string,
  recipe: string,
  parameters: HyperParameters,
  splits: readonly { seed: number; split: Split }[],
  evaluation: EvaluateOptions,
): Promise<{ row: Record<string, string | number>; ndcg: number }> {
  const runs: Record<string, number[]> = {};
  let seconds = 0;
  for (const { seed, split } of splits) {
    const started = performance.now();
    const model = await train(recipe, split.training, parameters, seed);
    seconds += (performance.now() - started) / 1000;
    const metrics = evaluate(model, split.test, evaluation) as Record<string, number>;
    for (const metric of REPORTED) (runs[metric] ??= []).push(metrics[metric]!);
  }
  const row: Record<string, string | number> = { recipe: label };
  for (const metric of REPORTED) {
    row[metric.replace('normalized_discounted_cumulative_gain', 'ndcg')] =
      `${mean(runs[metric]!).toFixed(4)} ± ${standardError(runs[metric]!).toFixed(4)}`;
  }
  row['train s (mean)'] = +(seconds / splits.length).toFixed(2);
  return { row, ndcg: mean(runs[OBJECTIVE]!) };
}

/**
 * HPO as a solution version runs it: `trials` candidates from hpoCandidates, each trained on the
 * validation split of `training` and scored by NDCG@10 on the validation users; the best wins.
 */
async function tune(
  spec: RecipeSpec,
  training: Interactions,
  seed: number,
  trials: number,
  evaluation: EvaluateOptions,
): Promise<HyperParameters> {
  const { training: fit, validation } = validationSplit(training, seed);
  const defaults = resolveHyperParameters(spec);
  const ranges = SEARCH[spec.name]!;
  const config: SolutionConfig = {
    hpoConfig: {
      hpoResourceConfig: { maxNumberOfTrainingJobs: String(trials) },
      algorithmHyperParameterRanges: ranges,
    },
  };
  // As CreateSolution would: the ranges name tunable parameters, inside their declared ranges.
  checkSolutionConfig(spec, config, { performHPO: true, performAutoML: false });
  const candidates = hpoCandidates(spec, defaults, config, createRandom(seed));
  const searched = [
    ...(ranges.integerHyperParameterRanges ?? []),
    ...(ranges.continuousHyperParameterRanges ?? []),
  ];
  console.log(
    `  over ${searched.map((r) => `${r.name} ${r.minValue} to ${r.maxValue}`).join(', ')}`,
  );
  const tunable = searched.map((range) => range.name);
  let best = { parameters: defaults, score: -Infinity };
  for (const [trial, parameters] of candidates.entries()) {
    const started = performance.now();
    const model = await train(spec.name, fit, parameters, seed);
    const score = (evaluate(model, validation, evaluation) as Record<string, number>)[OBJECTIVE]!;
    const drawn = tunable.map((name) => `${name}=${parameters[name]}`).join(' ');
    console.log(
      `  ${spec.name} trial ${trial}${trial === 0 ? ' (defaults)' : ''}: validation NDCG@10 ${score.toFixed(4)} (${((performance.now() - started) / 1000).toFixed(1)} s) ${drawn}`,
    );
    if (score > best.score) best = { parameters, score };
  }
  return best.parameters;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seeds: { type: 'string', default: '5' },
      // Solution metrics leave out what each user already interacted with (training/evaluation).
      'keep-history': { type: 'boolean', default: false },
      recipes: {
        type: 'string',
        default:
          'aws-popularity-count,aws-trending-now,aws-sims,tailor-ease,aws-user-personalization',
      },
      tune: { type: 'string', default: '0' },
    },
  });
  const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i + 1);
  const recipes = values.recipes.split(',');
  const trials = Number(values.tune);
  const evaluation: EvaluateOptions = { excludeHistory: !values['keep-history'] };
  const datasets: [string, Interactions | undefined][] = [
    ['ml-100k', movieLens100k()],
    ['ml-1m list', movieLens1mList()],
  ];
  for (const [name, data] of datasets) {
    if (!data) {
      console.log(`${name}: not found under ${DATASETS}, skipped.`);
      continue;
    }
    console.log(
      `${name}: ${data.item.length} interactions, ${data.userIds.length} users, ${data.itemIds.length} items, ${seeds.length} seeds`,
    );
    const splits = seeds.map((seed) => ({ seed, split: splitInteractions(data, seed) }));
    const rows: Record<string, string | number>[] = [];
    const ndcg: Record<string, number> = {};
    for (const recipe of recipes) {
      const measured = await measure(
        recipe,
        recipe,
        resolveHyperParameters(recipeByName(recipe)!),
        splits,
        evaluation,
      );
      rows.push(measured.row);
      ndcg[recipe] = measured.ndcg;
    }
    const tuned: Record<string, number> = {};
    if (trials > 0) {
      const [{ seed, split }] = splits as [(typeof splits)[number]];
      for (const recipe of Object.keys(SEARCH)) {
        const spec = recipeByName(recipe)!;
        console.log(
          `${name}: tuning ${recipe}, ${trials} trials on seed ${seed}'s validation split`,
        );
        const parameters = await tune(spec, split.training, seed, trials, evaluation);
        const chosen = spec.hyperParameters.map((p) => `${p.name}=${parameters[p.name]}`);
        console.log(`${name}: ${recipe} tuned: ${chosen.join(' ')}`);
        const label = `${recipe} (tuned)`;
        const measured = await measure(label, recipe, parameters, splits, evaluation);
        rows.push(measured.row);
        tuned[label] = measured.ndcg;
      }
    }
    console.table(rows);
    const base = ndcg['aws-popularity-count'];
    const model = ndcg['aws-user-personalization'];
    if (base && model !== undefined) {
      const ratio = model / base;
      console.log(
        `aws-user-personalization / aws-popularity-count NDCG@10: ${ratio.toFixed(2)}× (target ${TARGET_RATIO}×: ${ratio >= TARGET_RATIO ? 'met' : 'missed'})`,
      );
    }
    const tunedRows = Object.entries(tuned);
    if (tunedRows.length > 0) {
      const [bestRecipe, bestScore] = Object.entries(ndcg).reduce((a, b) => (b[1] > a[1] ? b : a));
      const beaten = tunedRows.every(([, score]) => bestScore >= score);
      console.log(
        `best recipe with defaults: ${bestRecipe} ${bestScore.toFixed(4)} against ${tunedRows.map(([label, score]) => `${label} ${score.toFixed(4)}`).join(', ')} (target at or above: ${beaten ? 'met' : 'missed'})`,
      );
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
