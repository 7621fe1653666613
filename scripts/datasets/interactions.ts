/**
 * The benchmark datasets of ../shared/datasets as Interactions, for the benches (quality, ease):
 * each loader returns undefined when its files are absent, so a bench can say so and go on.
 * The data's licences forbid copying it into the repository; these only read it where it lies.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRandom } from '../../layers/core/recipes/evaluation/random';
import type { Interactions } from '../../layers/core/recipes/recipe';
import { InteractionsBuilder } from '../../layers/core/training/training-data';

export const DATASETS = join(__dirname, '..', '..', '..', 'shared', 'datasets');

function lines(path: string): string[] | undefined {
  const file = join(DATASETS, path);
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n') : undefined;
}

/** MovieLens 100K: u.data's `user \t item \t rating \t time`, every rating an interaction. */
export function movieLens100k(): Interactions | undefined {
  const rows = lines(join('ml-100k', 'u.data'));
  if (!rows) return undefined;
  const builder = new InteractionsBuilder();
  for (const line of rows) {
    const [user, item, , time] = line.split('\t');
    if (user && item && time) builder.add(user, item, 1, Number(time));
  }
  return builder.build();
}

/**
 * The MovieLens 1M user-item list. It has no timestamps and follows the movie order within a
 * user, so a seeded random time gives each user's history a random order.
 */
export function movieLens1mList(): Interactions | undefined {
  const rows = lines(join('ml-1m', 'user_item_pairs.tsv'));
  if (!rows) return undefined;
  const random = createRandom(1);
  const builder = new InteractionsBuilder();
  for (const line of rows) {
    const [user, item] = line.split('\t');
    if (user && item) builder.add(user, item, 1, random.next());
  }
  return builder.build();
}

/**
 * citeulike-a: users.dat line u is `count item item ...`, user u's library of articles (0-based
 * ids). No timestamps either, so a seeded random order per user, as for the ML-1M list.
 */
export function citeulikeA(): Interactions | undefined {
  const rows = lines(join('citeulike-a', 'users.dat'));
  if (!rows) return undefined;
  const random = createRandom(1);
  const builder = new InteractionsBuilder();
  rows.forEach((line, user) => {
    const [, ...items] = line.trim().split(/\s+/);
    for (const item of items) if (item) builder.add(`u${user}`, `a${item}`, 1, random.next());
  });
  return builder.build();
}

/** Every benchmark dataset by name, in the order the benches report them. */
export const BENCH_DATASETS: Readonly<Record<string, () => Interactions | undefined>> = {
  'ml-100k': movieLens100k,
  'ml-1m': movieLens1mList,
  'citeulike-a': citeulikeA,
};
