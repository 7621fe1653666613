/**
 * Personalize's offline metrics, under the names GetSolutionMetrics reports. Each ranking metric
 * scores one test user's recommendations, `ranked` (item indices, best first), against the items
 * that user went on to interact with, `truth` (distinct item indices, any order); the reported
 * value is the mean over test users. Ranks are 1-based.
 *
 *   precision@K  = |top K ∩ truth| / K
 *   NDCG@K       = DCG@K / IDCG@K, DCG@K = Σ_{r ≤ K, ranked[r] ∈ truth} 1 / log2(1 + r),
 *                  IDCG@K = Σ_{r=1}^{min(|truth|, K)} 1 / log2(1 + r), the DCG of a perfect list
 *   MRR@25       = 1 / r for the first r ≤ 25 with ranked[r] ∈ truth, else 0
 *   coverage     = |⋃ top 25 over all test users| / catalogue size
 *
 * Personalize's example: two relevant items, hits at ranks 2 and 5, gives NDCG@5 =
 * (1/log2 3 + 1/log2 6) / (1 + 1/log2 3) = 1.0178 / 1.6309 = 0.6241.
 *
 * A shorter list than K (a small catalogue, or excluded items) simply has fewer hits: precision
 * still divides by K. A user with no truth scores 0 on every ranking metric.
 */

import { METRIC_NAMES, type MetricName } from '../../domain/metrics';

/** How deep Personalize looks: coverage and MRR use the top 25, the deepest NDCG and precision. */
export const EVALUATION_DEPTH = 25;

export type Metrics = Record<MetricName, number>;

/** The discounted gain of a hit at 1-based rank r: 1 / log2(1 + r). */
const gain = (rank: number): number => 1 / Math.log2(1 + rank);

/** Truth is a small set of distinct items; a native scan is quicker than a Set for it. */
const isRelevant = (truth: Uint32Array, item: number): boolean => truth.includes(item);

export function precisionAt(ranked: Uint32Array, truth: Uint32Array, k: number): number {
  let hits = 0;
  const depth = Math.min(k, ranked.length);
  for (let i = 0; i < depth; i++) if (isRelevant(truth, ranked[i])) hits++;
  return hits / k;
}

export function ndcgAt(ranked: Uint32Array, truth: Uint32Array, k: number): number {
  let ideal = 0;
  const idealDepth = Math.min(truth.length, k);
  for (let rank = 1; rank <= idealDepth; rank++) ideal += gain(rank);
  if (ideal === 0) return 0;
  let dcg = 0;
  const depth = Math.min(k, ranked.length);
  for (let i = 0; i < depth; i++) if (isRelevant(truth, ranked[i])) dcg += gain(i + 1);
  return dcg / ideal;
}

/** 1 / rank of the first relevant item within the top k, else 0. */
export function reciprocalRankAt(ranked: Uint32Array, truth: Uint32Array, k: number): number {
  const depth = Math.min(k, ranked.length);
  for (let i = 0; i < depth; i++) if (isRelevant(truth, ranked[i])) return 1 / (i + 1);
  return 0;
}

/** Distinct items among every list's top 25, over the catalogue size. */
export function coverage(rankedLists: Iterable<Uint32Array>, catalogueSize: number): number {
  const accumulator = new MetricsAccumulator(catalogueSize);
  for (const ranked of rankedLists) accumulator.recommended(ranked);
  return accumulator.result().coverage;
}

/**
 * Averages the metrics over test users, one user at a time, so an evaluation holds one top-25
 * list, not all of them. Users with no truth are left out of the ranking metrics' means (there is
 * nothing to find, so they would only measure the split) but their recommendations count toward
 * coverage. With no user to average over, every metric is 0.
 */
export class MetricsAccumulator {
  private readonly seen: Uint8Array;
  private distinct = 0;
  private users = 0;
  private readonly sums: Metrics = Object.fromEntries(
    METRIC_NAMES.map((name) => [name, 0]),
  ) as Metrics;

  constructor(private readonly catalogueSize: number) {
    this.seen = new Uint8Array(catalogueSize);
  }

  /** Adds one test user's recommendations (best first; only the top 25 count) and truth. */
  add(ranked: Uint32Array, truth: Uint32Array): void {
    this.recommended(ranked);
    if (truth.length === 0) return;
    this.users++;
    const s = this.sums;
    s.mean_reciprocal_rank_at_25 += reciprocalRankAt(ranked, truth, 25);
    s.normalized_discounted_cumulative_gain_at_5 += ndcgAt(ranked, truth, 5);
    s.normalized_discounted_cumulative_gain_at_10 += ndcgAt(ranked, truth, 10);
    s.normalized_discounted_cumulative_gain_at_25 += ndcgAt(ranked, truth, 25);
    s.precision_at_5 += precisionAt(ranked, truth, 5);
    s.precision_at_10 += precisionAt(ranked, truth, 10);
    s.precision_at_25 += precisionAt(ranked, truth, 25);
  }

  /** Counts a list toward coverage only. */
  recommended(ranked: Uint32Array): void {
    const depth = Math.min(EVALUATION_DEPTH, ranked.length);
    for (let i = 0; i < depth; i++) {
      const item = ranked[i];
      if (item >= this.catalogueSize) {
        throw new RangeError(`Item ${item} is outside a catalogue of ${this.catalogueSize}.`);
      }
      if (!this.seen[item]) {
        this.seen[item] = 1;
        this.distinct++;
      }
    }
  }

  result(): Metrics {
    const means = Object.fromEntries(
      METRIC_NAMES.map((name) => [name, this.users === 0 ? 0 : this.sums[name] / this.users]),
    ) as Metrics;
    means.coverage = this.catalogueSize === 0 ? 0 : this.distinct / this.catalogueSize;
    return means;
  }
}
