/**
 * Offline quality under Personalize's protocol: for each data set and seed,
 * hold out 10% of users (their newest 10% is the truth), train every recipe
 * on the rest with its default hyperparameters, and report the metrics'
 * mean and standard error over the seeds.
 *
 *   npm run bench -- quality [--seeds 5] [--recipes aws-user-personalization,tailor-ease,...]
 *
 * Data: ../shared/datasets/ml-100k/u.data and ../shared/datasets/ml-1m/user_item_pairs.tsv
 * (skipped when absent). The ML-1M list has no timestamps and follows the movie order, so each
 * user's interactions get a seeded random order instead.
 * Target (issue 4): aws-user-personalization's NDCG@10 at least 1.8× aws-popularity-count's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluate } from '../../layers/core/evaluation/evaluate';
import { createRandom } from '../../layers/core/evaluation/random';
import { splitInteractions } from '../../layers/core/evaluation/split';
import { recipeByName } from '../../layers/core/recipes/catalogue';
import { resolveHyperParameters } from '../../layers/core/recipes/hyperparameters';
import type { Interactions } from '../../layers/core/recipes/recipe';
import { recipeImplementation } from '../../layers/core/recipes/registry';
import { InteractionsBuilder } from '../../layers/core/training/training-data';

const DATASETS = join(__dirname, '..', '..', '..', 'shared', 'datasets');
const REPORTED = [
  'normalized_discounted_cumulative_gain_at_10',
  'precision_at_10',
  'mean_reciprocal_rank_at_25',
  'coverage',
] as const;
const TARGET_RATIO = 1.8;

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
    },
  });
  const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i + 1);
  const recipes = values.recipes.split(',');
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
    const rows: Record<string, string | number>[] = [];
    const ndcg: Record<string, number> = {};
    for (const recipeName of recipes) {
      const spec = recipeByName(recipeName)!;
      const parameters = resolveHyperParameters(spec);
      const runs: Record<string, number[]> = {};
      let seconds = 0;
      for (const seed of seeds) {
        const split = splitInteractions(data, seed);
        const started = performance.now();
        const model = await recipeImplementation(recipeName).train(split.training, parameters, {
          seed,
          threads: availableParallelism(),
          log: () => undefined,
        });
        seconds += (performance.now() - started) / 1000;
        const metrics = evaluate(model, split.test, {
          excludeHistory: !values['keep-history'],
        }) as Record<string, number>;
        for (const metric of REPORTED) (runs[metric] ??= []).push(metrics[metric]!);
      }
      ndcg[recipeName] = mean(runs[REPORTED[0]]!);
      const row: Record<string, string | number> = { recipe: recipeName };
      for (const metric of REPORTED) {
        row[metric.replace('normalized_discounted_cumulative_gain', 'ndcg')] =
          `${mean(runs[metric]!).toFixed(4)} ± ${standardError(runs[metric]!).toFixed(4)}`;
      }
      row['train s (mean)'] = +(seconds / seeds.length).toFixed(2);
      rows.push(row);
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
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
