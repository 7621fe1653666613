/**
 * Small training sets with a known answer for the recipe tests (popularity, trending, sims,
 * EASE), and the few helpers those tests share.
 */
import { topK } from '../../../layers/core/recipes/evaluation/evaluate';
import { createRandom } from '../../../layers/core/recipes/evaluation/random';
import { recipeByName } from '../../../layers/core/recipes/catalogue';
import { resolveHyperParameters } from '../../../layers/core/recipes/hyperparameters';
import type {
  History,
  HyperParameters,
  Interactions,
  Model,
  TrainOptions,
} from '../../../layers/core/recipes/recipe';

/** One event: user, item, epoch seconds (default 0), weight (default 1). */
export type Event = [user: string, item: string, time?: number, weight?: number];

/**
 * Interactions from events in any order: users and items numbered by first appearance (items
 * listed in `catalogue` first, in its order), each user's events sorted by time, ties kept in
 * the given order.
 */
export function interactionsOf(events: readonly Event[], catalogue: string[] = []): Interactions {
  const itemIds = [...catalogue];
  const itemIndex = new Map(itemIds.map((id, i) => [id, i]));
  const byUser = new Map<string, Event[]>();
  for (const event of events) {
    if (!itemIndex.has(event[1])) itemIndex.set(event[1], itemIds.push(event[1]) - 1);
    const list = byUser.get(event[0]);
    if (list) list.push(event);
    else byUser.set(event[0], [event]);
  }
  const userIds = [...byUser.keys()];
  const sorted = userIds.flatMap((u) => byUser.get(u)!.sort((a, b) => (a[2] ?? 0) - (b[2] ?? 0)));
  const userStart = new Uint32Array(userIds.length + 1);
  userIds.forEach((u, k) => (userStart[k + 1] = userStart[k] + byUser.get(u)!.length));
  return {
    userIds,
    itemIds,
    userStart,
    item: Uint32Array.from(sorted, (e) => itemIndex.get(e[1])!),
    weight: Float32Array.from(sorted, (e) => e[3] ?? 1),
    time: Float64Array.from(sorted, (e) => e[2] ?? 0),
  };
}

/**
 * Two groups of users with disjoint tastes: users g0-u* interact only with items g0-i*, users
 * g1-u* only with g1-i*, each with `itemsPerUser` distinct items drawn at random (seeded),
 * at increasing times.
 */
export function twoGroups(usersPerGroup = 30, itemsPerGroup = 12, itemsPerUser = 5): Interactions {
  const random = createRandom(7);
  const events: Event[] = [];
  for (let g = 0; g < 2; g++) {
    for (let u = 0; u < usersPerGroup; u++) {
      const items = Array.from({ length: itemsPerGroup }, (_, i) => i);
      random.shuffle(items);
      items
        .slice(0, itemsPerUser)
        .forEach((i, t) => events.push([`g${g}-u${u}`, `g${g}-i${i}`, t]));
    }
  }
  return interactionsOf(events);
}

/** A history of the given items, oldest first, weight 1, one second apart. */
export const historyOf = (items: readonly number[], weights?: readonly number[]): History => ({
  items: Uint32Array.from(items),
  weights: Float32Array.from(weights ?? items.map(() => 1)),
  times: Float64Array.from(items, (_, k) => k),
});

export const EMPTY_HISTORY = historyOf([]);

/** The recipe's hyperparameters from Personalize's string map, defaults filled in. */
export const parametersOf = (recipe: string, given: Record<string, string> = {}): HyperParameters =>
  resolveHyperParameters(recipeByName(recipe)!, given);

export const OPTIONS: TrainOptions = { seed: 1, threads: 1, log: () => undefined };

/** The item ids of the model's best k items for a history, best first. */
export function recommend(model: Model, history: History, k: number, exclude = false): string[] {
  const scores = new Float32Array(model.itemIds.length);
  model.scoreUser(undefined, history, scores);
  return [...topK(scores, k, undefined, exclude ? history.items : undefined)].map(
    (i) => model.itemIds[i],
  );
}

/** The scores a model gives a history, as a plain array for comparisons. */
export function userScores(model: Model, history: History): number[] {
  const scores = new Float32Array(model.itemIds.length);
  model.scoreUser(undefined, history, scores);
  return [...scores];
}

/** The index of an item id in the model's catalogue. */
export const indexOf = (model: { itemIds: readonly string[] }, id: string): number => {
  const i = model.itemIds.indexOf(id);
  if (i < 0) throw new Error(`No item ${id}.`);
  return i;
};
