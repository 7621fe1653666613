/**
 * The lists themselves, from a loaded model and the events already read: synchronous, on typed
 * arrays, with no object per catalogue item. `runtime.ts` does the reading around them; the
 * serve benchmark calls them directly.
 *
 * Scores are Personalize's: a softmax over the whole catalogue,
 *
 *   score(u, i) = exp(s_ui) / Σ_j exp(s_uj)
 *
 * with s the model's own scores (for iALS the dot product x_u·y_i of user and item factors, as
 * Personalize's formula uses its embeddings) at temperature 1, so the returned scores of the
 * whole catalogue sum to 1 and a list of a large catalogue has small scores, as Personalize's
 * do. A ranking's softmax runs over the input list's known items only. As in Personalize, only
 * USER_PERSONALIZATION and PERSONALIZED_RANKING items carry a score: related and popular items
 * are returned in order without one.
 */
import { topK } from '../recipes/evaluation/evaluate';
import type { History } from '../recipes/recipe';
import type { RecordedEvent } from '../store/event-ports';
import { HISTORY_LENGTH, joinedHistory, toHistory } from './history';
import { userInteractions, type ImportedInteractions } from './imported-interactions';
import type { ServedModel } from './models';
import type { ScoreBasis } from './reasons';

/** A user's scores (the model's scratch vector) and what they rest on. */
export interface UserScores extends ScoreBasis {
  scores: Float32Array;
}

export interface RankedItem {
  itemId: string;
  score?: number;
  /** The promotion that placed the item (promotions.ts). */
  promotionName?: string;
  reason?: string[];
}

/**
 * The model's scores for a user into `served.scores`, in real time:
 *
 * - A user the model learned (a training user of iALS) is scored from their learned factor
 *   plus the fold-in of their events recorded since the version's training data was read.
 *   iALS scores are linear in the user factor, so that is the score of x_u + x_new: what they
 *   do now shows at once, weighed as a new visitor's first events would be; the next training
 *   folds those events in properly.
 * - Anyone else is folded in from their latest events (a new user, an anonymous session).
 * - A model that learns no users (no userFactor: EASE) scores everyone from history alone, so a
 *   user known from the bulk import brings their `imported` interactions, joined with their
 *   events (joinedHistory): what they did before training counts as much as what they do now.
 * - Someone with none of these gets the model's popularity vector (models.ts).
 *
 * A factor model's scores are computed by the WebAssembly kernel (factor-scorer.ts) whichever
 * way the factor was found; other models score with their own scoreUser.
 */
export function userScores(
  served: ServedModel,
  userId: string,
  events: readonly RecordedEvent[],
  imported?: ImportedInteractions,
): UserScores {
  const { model, scores, learned } = served;
  if (learned && model.userFactor && learned.knows(userId)) {
    const recent = toHistory(served, events, served.trainedUntil);
    learned.scoreUser(
      userId,
      recent.items.length > 0 ? model.userFactor(undefined, recent) : undefined,
    );
    return { scores, recorded: recent.items, popular: false };
  }
  const history: History = model.userFactor
    ? toHistory(served, events)
    : joinedHistory(
        served,
        events,
        imported ? userInteractions(imported, userId, HISTORY_LENGTH) : [],
      );
  const popular = history.items.length === 0 && served.popularity !== undefined;
  if (popular) scores.set(served.popularity!);
  else if (learned && model.userFactor) learned.scoreFactor(model.userFactor(userId, history));
  else model.scoreUser(userId, history, scores);
  return { scores, recorded: history.items, popular };
}

/**
 * Σ exp(s − max) over the scores of `items` (or the whole vector): the softmax's denominator,
 * shifted by the largest score so no exp overflows. NaN scores take no part.
 */
export function softmaxDenominator(scores: Float32Array, max: number, items?: Uint32Array): number {
  let sum = 0;
  if (items) {
    for (let k = 0; k < items.length; k++) {
      const s = scores[items[k]];
      if (s === s) sum += Math.exp(s - max);
    }
  } else {
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i];
      if (s === s) sum += Math.exp(s - max);
    }
  }
  return sum;
}

/**
 * The best `count` items by score, best first (equal scores: catalogue order), each with its
 * softmax score over the whole catalogue when `scored`. `exclude` (ascending or not) is left out.
 */
export function bestItems(
  served: ServedModel,
  scores: Float32Array,
  count: number,
  scored: boolean,
  exclude?: Uint32Array,
): RankedItem[] {
  const top = topK(scores, count, undefined, exclude);
  const { itemIds } = served.model;
  if (!scored || top.length === 0) return Array.from(top, (i) => ({ itemId: itemIds[i]! }));
  const max = scores[top[0]];
  const denominator = softmaxDenominator(scores, max);
  return Array.from(top, (i) => ({
    itemId: itemIds[i]!,
    score: Math.exp(scores[i] - max) / denominator,
  }));
}

/**
 * The items an allow-mask forbids (its 0 bytes), ascending: what `bestItems` leaves out, so a
 * filtered list is the best allowed items, fewer when fewer are allowed.
 */
export function forbiddenItems(mask: Uint8Array): Uint32Array {
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i] ^ 1;
  const forbidden = new Uint32Array(count);
  for (let i = 0, k = 0; i < mask.length; i++) if (mask[i] === 0) forbidden[k++] = i;
  return forbidden;
}

/**
 * A ranking of `inputList` from the scores: the model's items by score (ties keep the input
 * order), each with its softmax score over those items; then the items the model does not know,
 * in input order, without a score. An item listed twice is ranked once.
 */
export function rankItems(
  served: ServedModel,
  scores: Float32Array,
  inputList: readonly string[],
): RankedItem[] {
  const seen = new Set<string>();
  const known: number[] = [];
  const unknown: string[] = [];
  for (const itemId of inputList) {
    if (seen.has(itemId)) continue;
    seen.add(itemId);
    const index = served.itemIndex.get(itemId);
    if (index === undefined) unknown.push(itemId);
    else known.push(index);
  }
  // By score, then by input position; NaN ranks last, as in topK.
  const value = (i: number) => (scores[i] === scores[i] ? scores[i] : -Infinity);
  const positions = Array.from(known.keys()).sort(
    (a, b) => value(known[b]!) - value(known[a]!) || a - b,
  );
  const order = Uint32Array.from(positions, (p) => known[p]!);
  let max = -Infinity;
  for (let k = 0; k < order.length; k++) if (scores[order[k]] > max) max = scores[order[k]];
  const denominator = softmaxDenominator(scores, max, order);
  const { itemIds } = served.model;
  return [
    ...Array.from(order, (i) => ({
      itemId: itemIds[i]!,
      score: Math.exp(scores[i] - max) / denominator,
    })),
    ...unknown.map((itemId) => ({ itemId })),
  ];
}
