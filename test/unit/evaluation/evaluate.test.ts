import type { History, Model } from '../../../layers/core/recipes/recipe';
import { evaluate, topK } from '../../../layers/core/recipes/evaluation/evaluate';
import { createRandom } from '../../../layers/core/recipes/evaluation/random';
import type { TestUser } from '../../../layers/core/recipes/evaluation/split';

/** The reference: sort every index by score, descending, then by index; drop the excluded. */
function fullSortTopK(scores: Float32Array, k: number, exclude: Uint32Array = new Uint32Array()) {
  const excluded = new Set(exclude);
  return Array.from(scores.keys())
    .filter((item) => !excluded.has(item))
    .sort((a, b) => scores[b] - scores[a] || a - b)
    .slice(0, k);
}

describe('topK', () => {
  it('returns the k best items, best first', () => {
    const scores = Float32Array.from([0.1, 0.9, 0.5, 0.7, 0.3]);

    expect(Array.from(topK(scores, 3))).toEqual([1, 3, 2]);
  });

  it('ranks the lower item index first among equal scores', () => {
    const scores = Float32Array.from([1, 2, 1, 2, 1, 2]);

    expect(Array.from(topK(scores, 4))).toEqual([1, 3, 5, 0]);
  });

  it('returns every item when k exceeds the catalogue, and none for k = 0', () => {
    const scores = Float32Array.from([3, 1, 2]);

    expect(Array.from(topK(scores, 25))).toEqual([0, 2, 1]);
    expect(topK(scores, 0)).toHaveLength(0);
  });

  it('skips excluded items given in any order, with repeats', () => {
    const scores = Float32Array.from([5, 4, 3, 2, 1, 0]);

    const top = topK(scores, 3, undefined, Uint32Array.from([3, 0, 3, 1]));

    expect(Array.from(top)).toEqual([2, 4, 5]);
  });

  it('returns fewer than k when exclusions leave fewer items', () => {
    const scores = Float32Array.from([5, 4, 3]);

    expect(Array.from(topK(scores, 3, new Uint32Array(3), Uint32Array.from([1])))).toEqual([0, 2]);
  });

  it('writes into the given array and returns it', () => {
    const out = new Uint32Array(2);

    const top = topK(Float32Array.from([1, 3, 2]), 2, out);

    expect(top).toBe(out);
    expect(Array.from(out)).toEqual([1, 2]);
  });

  it('fails when the given array is too small, or k is not a whole number', () => {
    const scores = Float32Array.from([1, 3, 2]);

    expect(() => topK(scores, 3, new Uint32Array(2))).toThrow(RangeError);
    expect(() => topK(scores, -1)).toThrow(RangeError);
    expect(() => topK(scores, 1.5)).toThrow(RangeError);
  });

  it('ranks NaN scores below every number', () => {
    const scores = Float32Array.from([Number.NaN, -Infinity, 0, Number.NaN, 1]);

    expect(Array.from(topK(scores, 5))).toEqual([4, 2, 0, 1, 3]);
  });

  it('agrees with a full sort on random scores with many ties', () => {
    // Prepare: scores from 20 levels, so most items tie with others.
    const random = createRandom(17);
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + random.int(500);
      const scores = Float32Array.from({ length: n }, () => random.int(20) / 4);
      const k = random.int(40);
      const exclude = Uint32Array.from({ length: random.int(30) }, () => random.int(n));

      // Act
      const plain = topK(scores, k);
      const excluding = topK(scores, k, new Uint32Array(k), exclude);

      // Assess
      expect(Array.from(plain)).toEqual(fullSortTopK(scores, k));
      expect(Array.from(excluding)).toEqual(fullSortTopK(scores, k, exclude));
    }
  });
});

/** A model whose scores are fixed, whoever the user: item i scores 30 - i, so the ranking is 0, 1, 2, ... */
class FixedScoreModel implements Model {
  readonly recipe = 'test-fixed-score';
  readonly itemIds = Array.from({ length: 30 }, (_, i) => `item-${i}`);
  readonly calls: { userId: string | undefined; history: History; scores: Float32Array }[] = [];

  scoreUser(userId: string | undefined, history: History, scores: Float32Array): void {
    this.calls.push({ userId, history, scores });
    for (let i = 0; i < scores.length; i++) scores[i] = 30 - i;
  }

  encode(): Uint8Array {
    return new Uint8Array();
  }
}

const testUser = (userId: string, historyItems: number[], truth: number[]): TestUser => ({
  userId,
  history: {
    items: Uint32Array.from(historyItems),
    weights: new Float32Array(historyItems.length).fill(1),
    times: Float64Array.from(historyItems, (_, j) => j),
  },
  truth: Uint32Array.from(truth),
});

const g = (rank: number) => 1 / Math.log2(1 + rank);
/** Personalize's example, 0.6241: hits at ranks 2 and 5 of 2 relevant items. */
const EXAMPLE_NDCG = (g(2) + g(5)) / (g(1) + g(2));

describe('evaluate', () => {
  // User a: truth 1 and 4 sit at ranks 2 and 5 of the fixed ranking. User b: truth 29 is at rank
  // 30, below the top 25.
  const users = [testUser('a', [0], [1, 4]), testUser('b', [3], [29])];

  it('averages Personalize’s metrics over the users, history items included by default', () => {
    // Prepare
    const model = new FixedScoreModel();

    // Act
    const metrics = evaluate(model, users);

    // Assess: both users get items 0 to 24.
    expect(metrics).toEqual({
      coverage: 25 / 30,
      mean_reciprocal_rank_at_25: (1 / 2 + 0) / 2,
      normalized_discounted_cumulative_gain_at_5: expect.closeTo((EXAMPLE_NDCG + 0) / 2, 12),
      normalized_discounted_cumulative_gain_at_10: expect.closeTo((EXAMPLE_NDCG + 0) / 2, 12),
      normalized_discounted_cumulative_gain_at_25: expect.closeTo((EXAMPLE_NDCG + 0) / 2, 12),
      precision_at_5: expect.closeTo((2 / 5 + 0) / 2, 12),
      precision_at_10: expect.closeTo((2 / 10 + 0) / 2, 12),
      precision_at_25: expect.closeTo((2 / 25 + 0) / 2, 12),
    });
  });

  it('leaves history items out when asked', () => {
    // Prepare
    const model = new FixedScoreModel();

    // Act
    const metrics = evaluate(model, users, { excludeHistory: true });

    // Assess: a gets 1 to 25 (hits at ranks 1 and 4); b gets 0 to 25 less 3, 26 items in all.
    expect(metrics.mean_reciprocal_rank_at_25).toBe((1 + 0) / 2);
    expect(metrics.normalized_discounted_cumulative_gain_at_5).toBeCloseTo(
      ((g(1) + g(4)) / (g(1) + g(2)) + 0) / 2,
      12,
    );
    expect(metrics.precision_at_5).toBeCloseTo((2 / 5 + 0) / 2, 12);
    expect(metrics.coverage).toBe(26 / 30);
  });

  it('scores each user as unknown, from their history, into one reused score array', () => {
    const model = new FixedScoreModel();

    evaluate(model, users);

    expect(model.calls.map((call) => call.userId)).toEqual([undefined, undefined]);
    expect(model.calls[0].history).toBe(users[0].history);
    expect(model.calls[1].history).toBe(users[1].history);
    expect(model.calls[0].scores).toBe(model.calls[1].scores);
    expect(model.calls[0].scores).toHaveLength(30);
  });

  it('reports 0 for every metric with no test users', () => {
    const metrics = evaluate(new FixedScoreModel(), []);

    for (const value of Object.values(metrics)) expect(value).toBe(0);
  });
});
