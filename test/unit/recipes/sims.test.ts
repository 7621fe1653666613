import { InvalidInputException } from '../../../layers/core/api/errors';
import { topK } from '../../../layers/core/recipes/evaluation/evaluate';
import { createRandom } from '../../../layers/core/recipes/evaluation/random';
import type { Model } from '../../../layers/core/recipes/recipe';
import { MAX_HISTORY, NEIGHBOURS, sims } from '../../../layers/core/recipes/sims';
import {
  Event,
  historyOf,
  indexOf,
  interactionsOf,
  OPTIONS,
  parametersOf,
  recommend,
  twoGroups,
  userScores,
} from './planted-data';

/** No trims: every user and item takes part. */
const UNTRIMMED = {
  min_user_history_length_percentile: '0',
  max_user_history_length_percentile: '1',
  min_item_interaction_count_percentile: '0',
  max_item_interaction_count_percentile: '1',
};

const train = (events: Event[], given: Record<string, string> = {}) =>
  sims.train(interactionsOf(events), parametersOf('aws-sims', { ...UNTRIMMED, ...given }), OPTIONS);

function itemScores(model: Model, id: string): Float32Array {
  const scores = new Float32Array(model.itemIds.length);
  model.scoreItem!(indexOf(model, id), scores);
  return scores;
}

/** The related items of an item, best first. */
const related = (model: Model, id: string, k: number): string[] =>
  [...topK(itemScores(model, id), k)].map((i) => model.itemIds[i]);

/** Each of `users` users interacts with every one of `items`. */
const together = (prefix: string, users: number, items: string[]): Event[] =>
  Array.from({ length: users }, (_, u) =>
    items.map((item): Event => [`${prefix}${u}`, item]),
  ).flat();

describe('aws-sims', () => {
  it('relates items within a group of users with disjoint tastes, for items and users', async () => {
    // Prepare
    const data = twoGroups();

    // Act
    const model = await sims.train(data, parametersOf('aws-sims'), OPTIONS);

    // Assess
    for (const g of [0, 1]) {
      expect(related(model, `g${g}-i0`, 6).every((id) => id.startsWith(`g${g}-`))).toBe(true);
      const history = historyOf([indexOf(model, `g${g}-i3`), indexOf(model, `g${g}-i5`)]);
      const top = recommend(model, history, 6, true);
      expect(top.every((id) => id.startsWith(`g${g}-`))).toBe(true);
    }
  });

  it('drops pairs that co-occur fewer than min_cointeraction_count times', async () => {
    // Prepare: x and y share 2 users; x and z share 3.
    const events = [...together('a', 2, ['x', 'y']), ...together('b', 3, ['x', 'z'])];

    // Act
    const strict = await train(events, { min_cointeraction_count: '3' });
    const lenient = await train(events, { min_cointeraction_count: '2' });

    // Assess: a dropped pair scores below 0, the popularity prior of unrelated items.
    const s = itemScores(strict, 'x');
    expect(s[indexOf(strict, 'z')]).toBeGreaterThan(0);
    expect(s[indexOf(strict, 'y')]).toBeLessThan(0);
    expect(itemScores(lenient, 'x')[indexOf(lenient, 'y')]).toBeGreaterThan(0);
  });

  it('scores cooc(i, j) / (count(i)·count(j))^popularity_discount_factor', async () => {
    // Prepare: q shares 4 users with the popular p (20 users) and 3 with the niche n (3 users).
    const events = [
      ...together('a', 4, ['q', 'p']),
      ...together('b', 16, ['p']),
      ...together('c', 3, ['q', 'n']),
    ];
    const scores = async (discount: string) => {
      const model = await train(events, { popularity_discount_factor: discount });
      const s = itemScores(model, 'q');
      return { p: s[indexOf(model, 'p')], n: s[indexOf(model, 'n')] };
    };

    // Act
    const raw = await scores('0');
    const cosine = await scores('0.5');
    const full = await scores('1');

    // Assess: count(q) = 7.
    expect(raw).toEqual({ p: 4, n: 3 });
    expect(cosine.p).toBeCloseTo(4 / Math.sqrt(7 * 20), 6);
    expect(cosine.n).toBeCloseTo(3 / Math.sqrt(7 * 3), 6);
    expect(full.p).toBeCloseTo(4 / (7 * 20), 6);
    expect(full.n).toBeCloseTo(3 / (7 * 3), 6);
    expect(raw.p).toBeGreaterThan(raw.n);
    expect(full.n).toBeGreaterThan(full.p);
  });

  it('matches a direct count of co-occurrences on random data', async () => {
    // Prepare: 40 users with 1 to 8 events over 15 items, repeats included.
    const random = createRandom(3);
    const events: Event[] = [];
    for (let u = 0; u < 40; u++) {
      const n = 1 + random.int(8);
      for (let k = 0; k < n; k++) events.push([`u${u}`, `i${random.int(15)}`, k]);
    }
    const discount = 0.37;
    const model = await train(events, {
      popularity_discount_factor: String(discount),
      min_cointeraction_count: '0',
    });
    // The reference: sets of items per user, then counts by definition.
    const sets = new Map<string, Set<string>>();
    for (const [u, i] of events) sets.set(u, (sets.get(u) ?? new Set()).add(i));
    const count = (...items: string[]) =>
      [...sets.values()].filter((s) => items.every((i) => s.has(i))).length;

    // Act + Assess
    for (const i of model.itemIds) {
      const s = itemScores(model, i);
      for (const j of model.itemIds) {
        if (j === i) continue;
        const cooc = count(i, j);
        const expected = cooc / Math.pow(count(i) * count(j), discount);
        if (cooc > 0) expect(s[indexOf(model, j)]).toBeCloseTo(expected, 6);
        else expect(s[indexOf(model, j)]).toBeLessThan(0);
      }
    }
  });

  it('leaves out items above max_item_interaction_count_percentile', async () => {
    // Prepare: "hit" has 10 users, x 5, y 3 and z 2: the 0.7 percentile is 5.
    const events = [
      ...together('a', 3, ['hit', 'x', 'y']),
      ...together('b', 2, ['hit', 'z', 'x']),
      ...together('c', 5, ['hit']),
    ];

    // Act
    const model = await train(events, {
      max_item_interaction_count_percentile: '0.7',
      min_cointeraction_count: '1',
    });

    // Assess
    expect(itemScores(model, 'x')[indexOf(model, 'hit')]).toBeLessThan(0);
    expect(itemScores(model, 'x')[indexOf(model, 'y')]).toBeGreaterThan(0);
    expect([...itemScores(model, 'hit')].every((s) => s < 0)).toBe(true);
  });

  it('leaves out users above max_user_history_length_percentile', async () => {
    // Prepare: nine users with 2 items; one with 6, the only one to have both a and f.
    const events = [
      ...together('two', 9, ['a', 'b']),
      ...together('six', 1, ['a', 'b', 'c', 'd', 'e', 'f']),
    ];

    // Act
    const all = await train(events, { min_cointeraction_count: '1' });
    const trimmed = await train(events, {
      min_cointeraction_count: '1',
      max_user_history_length_percentile: '0.8',
    });

    // Assess
    expect(itemScores(all, 'a')[indexOf(all, 'f')]).toBeGreaterThan(0);
    expect(itemScores(trimmed, 'a')[indexOf(trimmed, 'f')]).toBeLessThan(0);
    expect(itemScores(trimmed, 'a')[indexOf(trimmed, 'b')]).toBeGreaterThan(0);
  });

  it(`counts only a user's ${MAX_HISTORY} most recent items and keeps ${NEIGHBOURS} neighbours per item`, async () => {
    // Prepare: one user with 600 distinct items, item k at time k.
    const events = Array.from({ length: 600 }, (_, k): Event => ['binger', `i${k}`, k]);

    // Act
    const model = await train(events, { min_cointeraction_count: '1' });

    // Assess: the 100 oldest items fell outside the cap and relate to nothing.
    expect([...itemScores(model, 'i99')].every((s) => s < 0)).toBe(true);
    const newest = [...itemScores(model, 'i599')];
    expect(newest.filter((s) => s > 0)).toHaveLength(NEIGHBOURS);
    expect(newest[indexOf(model, 'i99')]).toBeLessThan(0);
  });

  it('ranks the item itself last and unrelated items by popularity', async () => {
    // Prepare: x relates only to y; z (3 users) is more popular than w (1 user).
    const events = [
      ...together('a', 1, ['x', 'y']),
      ...together('b', 3, ['z']),
      ...together('c', 1, ['w']),
    ];

    // Act
    const model = await train(events, { min_cointeraction_count: '1' });

    // Assess
    expect(related(model, 'x', 4)).toEqual(['y', 'z', 'w', 'x']);
    expect(() => model.scoreItem!(4, new Float32Array(4))).toThrow(RangeError);
  });

  it('weighs recent history items more when scoring a user', async () => {
    // Prepare: a relates to x and b to y, equally (sim 1).
    const events = [...together('a', 3, ['a', 'x']), ...together('b', 3, ['b', 'y'])];
    const model = await train(events);
    const [a, b] = [indexOf(model, 'a'), indexOf(model, 'b')];

    // Act
    const aLast = recommend(model, historyOf([b, a]), 2, true);
    const bLast = recommend(model, historyOf([a, b]), 2, true);

    // Assess
    expect(aLast).toEqual(['x', 'y']);
    expect(bLast).toEqual(['y', 'x']);
  });

  it('fails when a min percentile exceeds its max', async () => {
    // Act + Assess
    await expect(
      train([['a', 'x']], {
        min_item_interaction_count_percentile: '0.8',
        max_item_interaction_count_percentile: '0.2',
      }),
    ).rejects.toThrow(InvalidInputException);
  });

  it('decodes its artifact to a model with identical scores and identical bytes', async () => {
    // Prepare
    const data = twoGroups();
    const parameters = parametersOf('aws-sims');
    const model = await sims.train(data, parameters, OPTIONS);
    const history = historyOf([0, 2, 4]);

    // Act
    const bytes = model.encode();
    const decoded = sims.decode(bytes);

    // Assess
    expect(userScores(decoded, history)).toEqual(userScores(model, history));
    expect([...itemScores(decoded, 'g1-i2')]).toEqual([...itemScores(model, 'g1-i2')]);
    expect(decoded.encode()).toEqual(bytes);
    expect((await sims.train(data, parameters, OPTIONS)).encode()).toEqual(bytes);
  });
});
