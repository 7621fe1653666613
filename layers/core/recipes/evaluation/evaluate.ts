/**
 * Offline evaluation of a trained model on held-out users (split.ts), as GetSolutionMetrics
 * reports it: each test user is scored from their history alone, the top 25 items are taken, and
 * the metrics (metrics.ts) are averaged over users.
 */
import type { Model } from '../recipe';
import { EVALUATION_DEPTH, Metrics, MetricsAccumulator } from './metrics';
import type { TestUser } from './split';

export interface EvaluateOptions {
  /**
   * Leave each user's history items out of their recommendations.
   * @default false - Personalize recommends items a user has already seen unless a filter
   * excludes them, and its metrics are computed the same way
   */
  excludeHistory?: boolean;
  /**
   * The test users are in the model's training data (splitInteractions' 'warm' setting): score
   * each by their userId, from what the model learned of them.
   * @default false - held-out users are unknown to the model, which folds them in from history
   */
  knownUsers?: boolean;
}

/** Scores every test user from their history and averages Personalize's metrics over them. */
export function evaluate(
  model: Model,
  testUsers: readonly TestUser[],
  options: EvaluateOptions = {},
): Metrics {
  const catalogueSize = model.itemIds.length;
  // One score vector and one top-25 list for the whole evaluation, reused for every user.
  const scores = new Float32Array(catalogueSize);
  const ranked = new Uint32Array(Math.min(EVALUATION_DEPTH, catalogueSize));
  const accumulator = new MetricsAccumulator(catalogueSize);
  for (const user of testUsers) {
    model.scoreUser(options.knownUsers ? user.userId : undefined, user.history, scores);
    const exclude = options.excludeHistory ? user.history.items : undefined;
    accumulator.add(topK(scores, EVALUATION_DEPTH, ranked, exclude), user.truth);
  }
  return accumulator.result();
}

/** NaN ranks below every number, so a stray NaN cannot break the heap's ordering. */
const valueOf = (scores: Float32Array, item: number): number => {
  const s = scores[item];
  return s === s ? s : -Infinity;
};

/** Whether `a` ranks below `b`: a lower score, or the same score and a higher index. */
const ranksBelow = (scores: Float32Array, a: number, b: number): boolean => {
  const sa = valueOf(scores, a);
  const sb = valueOf(scores, b);
  return sa < sb || (sa === sb && a > b);
};

/** Restores the heap below position i: each parent ranks below its children (the worst at 0). */
function siftDown(heap: Uint32Array, scores: Float32Array, i: number, size: number): void {
  for (;;) {
    const left = 2 * i + 1;
    if (left >= size) return;
    const right = left + 1;
    const child = right < size && ranksBelow(scores, heap[right], heap[left]) ? right : left;
    if (!ranksBelow(scores, heap[child], heap[i])) return;
    const swap = heap[i];
    heap[i] = heap[child];
    heap[child] = swap;
    i = child;
  }
}

function siftUp(heap: Uint32Array, scores: Float32Array, i: number): void {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!ranksBelow(scores, heap[i], heap[parent])) return;
    const swap = heap[i];
    heap[i] = heap[parent];
    heap[parent] = swap;
    i = parent;
  }
}

const ascending = (items: Uint32Array): Uint32Array => {
  for (let i = 1; i < items.length; i++) {
    if (items[i] < items[i - 1]) return items.slice().sort();
  }
  return items;
};

/**
 * The k best items by score, best first; equal scores rank the lower item index first, so the
 * order is deterministic. Items in `exclude` (any order, repeats allowed) are skipped. Fewer than
 * k come back when fewer items qualify.
 *
 * A size-k heap keeps the best items seen so far with the worst at the root: one pass over the
 * catalogue, O(n log k), instead of sorting all n items. Heapsort of the heap then orders it.
 * `out`, if given, holds the heap (so nothing is allocated but an unsorted `exclude`'s sorted
 * copy) and must have room for min(k, scores.length) items; the result is `out` or a view of its
 * first entries.
 */
export function topK(
  scores: Float32Array,
  k: number,
  out?: Uint32Array,
  exclude?: Uint32Array,
): Uint32Array {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a whole number, not ${k}.`);
  const capacity = Math.min(k, scores.length);
  const heap = out ?? new Uint32Array(capacity);
  if (heap.length < capacity) {
    throw new RangeError(`out holds ${heap.length} items; topK needs ${capacity}.`);
  }
  const skip = exclude ? ascending(exclude) : undefined;
  let next = 0;
  let size = 0;
  for (let item = 0; item < scores.length; item++) {
    if (skip) {
      // Items are visited in ascending order, so one cursor walks the sorted exclusions.
      while (next < skip.length && skip[next] < item) next++;
      if (next < skip.length && skip[next] === item) continue;
    }
    if (size < capacity) {
      heap[size] = item;
      siftUp(heap, scores, size++);
    } else if (capacity > 0 && valueOf(scores, item) > valueOf(scores, heap[0])) {
      // Strictly greater: on a tie the item already kept has the lower index and stays.
      heap[0] = item;
      siftDown(heap, scores, 0, size);
    }
  }
  // Heapsort: moving the worst to the end, one at a time, leaves the best first.
  for (let end = size - 1; end > 0; end--) {
    const worst = heap[0];
    heap[0] = heap[end];
    heap[end] = worst;
    siftDown(heap, scores, 0, end);
  }
  return size === heap.length ? heap : heap.subarray(0, size);
}
