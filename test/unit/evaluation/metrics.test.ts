import { METRIC_NAMES } from '../../../layers/core/domain/metrics';
import {
  MetricsAccumulator,
  coverage,
  ndcgAt,
  precisionAt,
  reciprocalRankAt,
} from '../../../layers/core/recipes/evaluation/metrics';

const list = (...items: number[]) => Uint32Array.from(items);
/** NDCG of Personalize's example: hits at ranks 2 and 5 of 2 relevant items. */
const EXAMPLE_NDCG = (1 / Math.log2(3) + 1 / Math.log2(6)) / (1 + 1 / Math.log2(3));
/** Items 100, 101, ... with the relevant items 1, 2, ... placed at the given 1-based ranks. */
function rankedWithHits(length: number, ...ranks: number[]): Uint32Array {
  const ranked = Uint32Array.from({ length }, (_, i) => 100 + i);
  ranks.forEach((rank, n) => (ranked[rank - 1] = n + 1));
  return ranked;
}

describe('ndcgAt', () => {
  it('gives 0.6241 at K=5 for hits at ranks 2 and 5 of 2 relevant items (Personalize’s example)', () => {
    // Prepare
    const ranked = rankedWithHits(25, 2, 5);

    // Act
    const ndcg = ndcgAt(ranked, list(1, 2), 5);

    // Assess: (1/log2 3 + 1/log2 6) / (1 + 1/log2 3) = 1.01778 / 1.63093.
    expect(ndcg).toBeCloseTo(0.6241, 4);
    expect(ndcg).toBeCloseTo(EXAMPLE_NDCG, 12);
  });

  it('keeps that value at K=10 and K=25, where no further hit is found', () => {
    const ranked = rankedWithHits(25, 2, 5);

    expect(ndcgAt(ranked, list(1, 2), 10)).toBeCloseTo(0.6241, 4);
    expect(ndcgAt(ranked, list(1, 2), 25)).toBeCloseTo(0.6241, 4);
  });

  it('ignores a hit below rank K', () => {
    // Hit at rank 7 of one relevant item: 0 at K=5, 1/log2 8 = 1/3 at K=10.
    const ranked = rankedWithHits(25, 7);

    expect(ndcgAt(ranked, list(1), 5)).toBe(0);
    expect(ndcgAt(ranked, list(1), 10)).toBeCloseTo(1 / 3, 12);
  });

  it('gives 1 for a perfect list', () => {
    expect(ndcgAt(rankedWithHits(25, 1, 2, 3), list(3, 1, 2), 5)).toBeCloseTo(1, 12);
  });

  it('takes the ideal over min(|truth|, K) positions, so 5 hits of 8 relevant items give 1 at K=5', () => {
    const ranked = rankedWithHits(25, 1, 2, 3, 4, 5);

    expect(ndcgAt(ranked, list(1, 2, 3, 4, 5, 6, 7, 8), 5)).toBeCloseTo(1, 12);
    // At K=10 the ideal has 8 positions: Σ_{r≤5} g(r) / Σ_{r≤8} g(r).
    const g = (r: number) => 1 / Math.log2(1 + r);
    const ideal8 = [1, 2, 3, 4, 5, 6, 7, 8].reduce((sum, r) => sum + g(r), 0);
    const dcg5 = [1, 2, 3, 4, 5].reduce((sum, r) => sum + g(r), 0);
    expect(ndcgAt(ranked, list(1, 2, 3, 4, 5, 6, 7, 8), 10)).toBeCloseTo(dcg5 / ideal8, 12);
  });

  it('gives 0 without a hit and 0, not NaN, for an empty truth', () => {
    expect(ndcgAt(rankedWithHits(25), list(1), 25)).toBe(0);
    expect(ndcgAt(rankedWithHits(25), list(), 25)).toBe(0);
  });

  it('scores a list shorter than K by the hits it has', () => {
    expect(ndcgAt(list(7, 1), list(1), 10)).toBeCloseTo(1 / Math.log2(3), 12);
  });
});

describe('precisionAt', () => {
  it('counts the hits in the top K over K', () => {
    const ranked = rankedWithHits(25, 2, 5, 9, 25);
    const truth = list(1, 2, 3, 4);

    expect(precisionAt(ranked, truth, 5)).toBe(2 / 5);
    expect(precisionAt(ranked, truth, 10)).toBe(3 / 10);
    expect(precisionAt(ranked, truth, 25)).toBe(4 / 25);
  });

  it('still divides by K when the list is shorter', () => {
    expect(precisionAt(list(1, 9, 8), list(1), 25)).toBe(1 / 25);
  });

  it('gives 0 for an empty truth', () => {
    expect(precisionAt(rankedWithHits(25), list(), 5)).toBe(0);
  });
});

describe('reciprocalRankAt', () => {
  it('is 1 over the rank of the first hit', () => {
    expect(reciprocalRankAt(rankedWithHits(25, 2, 5), list(1, 2), 25)).toBe(1 / 2);
    expect(reciprocalRankAt(rankedWithHits(25, 1), list(1), 25)).toBe(1);
    expect(reciprocalRankAt(rankedWithHits(25, 25), list(1), 25)).toBe(1 / 25);
  });

  it('is 0 when the first hit is below rank 25, or there is none', () => {
    expect(reciprocalRankAt(rankedWithHits(30, 26), list(1), 25)).toBe(0);
    expect(reciprocalRankAt(rankedWithHits(25), list(1), 25)).toBe(0);
    expect(reciprocalRankAt(rankedWithHits(25), list(), 25)).toBe(0);
  });
});

describe('coverage', () => {
  it('is the distinct items recommended over the catalogue size', () => {
    expect(coverage([list(0, 1, 2), list(2, 3), list(1)], 10)).toBe(4 / 10);
  });

  it('counts only the top 25 of each list', () => {
    const long = Uint32Array.from({ length: 30 }, (_, i) => i);

    expect(coverage([long], 30)).toBe(25 / 30);
  });

  it('is 0 with no lists', () => {
    expect(coverage([], 10)).toBe(0);
  });
});

describe('MetricsAccumulator', () => {
  it('reports exactly Personalize’s metric names', () => {
    const result = new MetricsAccumulator(5).result();

    expect(Object.keys(result).sort()).toEqual(
      [
        'coverage',
        'mean_reciprocal_rank_at_25',
        'normalized_discounted_cumulative_gain_at_5',
        'normalized_discounted_cumulative_gain_at_10',
        'normalized_discounted_cumulative_gain_at_25',
        'precision_at_5',
        'precision_at_10',
        'precision_at_25',
      ].sort(),
    );
    expect([...METRIC_NAMES].sort()).toEqual(Object.keys(result).sort());
  });

  it('reports 0 for every metric before any user', () => {
    const result = new MetricsAccumulator(5).result();

    for (const value of Object.values(result)) expect(value).toBe(0);
  });

  it('averages each metric over users', () => {
    // Prepare: catalogue of 200; user A hits at ranks 2 and 5 of 2 relevant, user B at rank 1 of 1.
    const accumulator = new MetricsAccumulator(200);

    // Act
    accumulator.add(rankedWithHits(25, 2, 5), list(1, 2));
    accumulator.add(list(1, 150, 151), list(1));
    const result = accumulator.result();

    // Assess: A's items 100..124 with 1 and 2 in place; B's 1, 150, 151: {1, 2, 100..124 less
    // two, 150, 151} = 2 + 23 + 2 = 27 distinct items.
    expect(result.mean_reciprocal_rank_at_25).toBeCloseTo((1 / 2 + 1) / 2, 12);
    expect(result.normalized_discounted_cumulative_gain_at_5).toBeCloseTo(
      (EXAMPLE_NDCG + 1) / 2,
      12,
    );
    expect(result.precision_at_5).toBeCloseTo((2 / 5 + 1 / 5) / 2, 12);
    expect(result.precision_at_10).toBeCloseTo((2 / 10 + 1 / 10) / 2, 12);
    expect(result.precision_at_25).toBeCloseTo((2 / 25 + 1 / 25) / 2, 12);
    expect(result.coverage).toBe(27 / 200);
  });

  it('leaves a user with no truth out of the means but counts its items toward coverage', () => {
    // Prepare
    const accumulator = new MetricsAccumulator(10);

    // Act
    accumulator.add(list(1, 2), list(1));
    accumulator.add(list(5, 6, 7), list());
    const result = accumulator.result();

    // Assess
    expect(result.mean_reciprocal_rank_at_25).toBe(1);
    expect(result.precision_at_5).toBe(1 / 5);
    expect(result.coverage).toBe(5 / 10);
  });

  it('fails on an item outside the catalogue', () => {
    expect(() => new MetricsAccumulator(3).add(list(0, 3), list(0))).toThrow(RangeError);
  });
});
