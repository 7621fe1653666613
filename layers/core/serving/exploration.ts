/**
 * Item exploration for aws-user-personalization, as a campaign's itemExplorationConfig asks:
 * some of a list's slots go to new items the model has no interactions for, so they can earn
 * some. Personalize does not publish its rule; Tailor's is simple and stated here:
 *
 * - The candidates are the items of the group's Items dataset (imported and PutItems) that the
 *   model's catalogue lacks, i.e. that had no interactions when it trained. When the Items data
 *   has a CREATION_TIMESTAMP, an item qualifies if it was created within
 *   explorationItemAgeCutOff days of the newest item; items without one qualify (they cannot be
 *   aged, and they are new to the model).
 * - A list of L items gives round(explorationWeight · L) slots to candidates (at most as many
 *   as there are), at random positions, filled with random candidates. Both are drawn from a
 *   generator seeded by the recommendationId, so one response is reproducible from its ID.
 * - Explored items carry the reason "Exploration" (Personalize's word) and no score: the model
 *   has none for them.
 */
import type { CampaignConfig } from '../domain/campaign';
import type { ItemsData } from './items';
import type { ServedModel } from './models';
import { placeAtRandom, seededRandom } from './placement';
import type { RankedItem } from './recommend';

const EXPLORING_RECIPE = 'aws-user-personalization';
const DAY_SECONDS = 86_400;

export interface Exploration {
  weight: number;
  ageCutOffDays: number;
}

/** The exploration a campaign does: its config's values, else its solution's hyperparameters. */
export function explorationOf(
  served: ServedModel,
  config: CampaignConfig,
): Exploration | undefined {
  if (served.recipe.name !== EXPLORING_RECIPE) return undefined;
  const given = config.itemExplorationConfig ?? {};
  const weight = Number(given.explorationWeight ?? served.parameters.exploration_weight);
  const ageCutOffDays = Number(
    given.explorationItemAgeCutOff ?? served.parameters.exploration_item_age_cut_off,
  );
  return weight > 0 ? { weight, ageCutOffDays } : undefined;
}

/** Candidates per Items data, model and cut-off: computed once, as both change rarely. */
const pools = new WeakMap<ItemsData, WeakMap<ServedModel, Map<number, readonly string[]>>>();

export function explorationPool(
  items: ItemsData,
  served: ServedModel,
  ageCutOffDays: number,
): readonly string[] {
  let byModel = pools.get(items);
  if (!byModel) pools.set(items, (byModel = new WeakMap()));
  let byCutOff = byModel.get(served);
  if (!byCutOff) byModel.set(served, (byCutOff = new Map()));
  let pool = byCutOff.get(ageCutOffDays);
  if (!pool) {
    let newest = -Infinity;
    for (let r = 0; r < items.created.length; r++) {
      if (items.created[r] > newest) newest = items.created[r];
    }
    const oldest = newest - ageCutOffDays * DAY_SECONDS;
    pool = items.ids.filter(
      (id, r) =>
        !served.itemIndex.has(id) && (Number.isNaN(items.created[r]) || items.created[r] >= oldest),
    );
    byCutOff.set(ageCutOffDays, pool);
  }
  return pool;
}

/** How many of a list of `length` the exploration takes, given `available` candidates. */
export const exploredCount = (weight: number, length: number, available: number): number =>
  Math.min(available, Math.round(weight * length));

/**
 * Mixes `count` random candidates into `exploited` (best first) at random positions, to make a
 * list of exploited.length + count items.
 */
export function mixIn(
  exploited: readonly RankedItem[],
  pool: readonly string[],
  count: number,
  recommendationId: string,
): RankedItem[] {
  if (count === 0) return [...exploited];
  const random = seededRandom(recommendationId);
  // A partial Fisher–Yates shuffle over the candidates, its swaps kept in a map: O(count).
  const swapped = new Map<number, number>();
  const picks: RankedItem[] = [];
  for (let k = 0; k < count; k++) {
    const j = k + random.int(pool.length - k);
    picks.push({ itemId: pool[swapped.get(j) ?? j]!, reason: ['Exploration'] });
    swapped.set(j, swapped.get(k) ?? k);
  }
  return placeAtRandom(exploited, picks, random);
}
