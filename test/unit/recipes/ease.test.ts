import { ArtifactFormatError } from '../../../layers/core/recipes/artifact';
import { CatalogueTooLargeError, ease, MAX_ITEMS } from '../../../layers/core/recipes/ease';
import { createRandom } from '../../../layers/core/evaluation/random';
import type { Interactions } from '../../../layers/core/recipes/recipe';
import { sims } from '../../../layers/core/recipes/sims';
import {
  Event,
  historyOf,
  interactionsOf,
  OPTIONS,
  parametersOf,
  recommend,
  twoGroups,
  userScores,
} from './planted-data';

const train = (data: Interactions, lambda = '500') =>
  ease.train(data, parametersOf('tailor-ease', { l2_regularization: lambda }), OPTIONS);

/** 30 users with 1 to 6 events over 8 items, repeats included. */
function randomEvents(): Event[] {
  const random = createRandom(5);
  const events: Event[] = [];
  for (let u = 0; u < 30; u++) {
    const n = 1 + random.int(6);
    for (let k = 0; k < n; k++) events.push([`u${u}`, `i${random.int(8)}`, k]);
  }
  return events;
}

describe('tailor-ease', () => {
  it('recommends within the group of users with disjoint tastes', async () => {
    // Prepare
    const model = await train(twoGroups(), '10');

    // Act + Assess
    for (const g of [0, 1]) {
      const history = historyOf([`g${g}-i1`, `g${g}-i4`].map((id) => model.itemIds.indexOf(id)));
      expect(recommend(model, history, 8, true).every((id) => id.startsWith(`g${g}-`))).toBe(true);
      expect(recommend(model, history, 10).every((id) => id.startsWith(`g${g}-`))).toBe(true);
    }
  });

  it('learns Steck’s closed form: diag(B) = 0 and (XᵀX + λI)(I − B) diagonal', async () => {
    // Prepare
    const events = randomEvents();
    const data = interactionsOf(events);
    const n = data.itemIds.length;
    const lambda = 3;
    const sets = data.userIds.map(
      (_, u) => new Set(data.item.subarray(data.userStart[u], data.userStart[u + 1])),
    );
    const G = (i: number, j: number) =>
      sets.filter((s) => s.has(i) && s.has(j)).length + (i === j ? lambda : 0);

    // Act: row i of B is the score of a history of item i alone.
    const model = await train(data, String(lambda));
    const B = Array.from({ length: n }, (_, i) => userScores(model, historyOf([i])));

    // Assess
    for (let i = 0; i < n; i++) {
      expect(B[i][i]).toBe(0);
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        let sum = 0;
        for (let k = 0; k < n; k++) sum += G(i, k) * ((k === j ? 1 : 0) - B[k][j]);
        expect(Math.abs(sum)).toBeLessThan(1e-5);
      }
    }
  });

  it('scores a history as x·B, x capped at 1, in any order', async () => {
    // Prepare
    const model = await train(interactionsOf(randomEvents()), '3');
    const row = (i: number) => userScores(model, historyOf([i]));

    // Act
    const scores = userScores(model, historyOf([2, 5, 2], [1, 0.5, 1]));
    const reordered = userScores(model, historyOf([5, 2], [0.5, 3]));

    // Assess
    const expected = row(2).map((b2, j) => b2 + 0.5 * row(5)[j]);
    scores.forEach((s, j) => expect(s).toBeCloseTo(expected[j], 6));
    expect(reordered).toEqual(scores);
  });

  it('fails with CatalogueTooLargeError over its item limit', async () => {
    // Prepare
    const catalogue = Array.from({ length: MAX_ITEMS + 1 }, (_, i) => `i${i}`);

    // Act + Assess
    await expect(train(interactionsOf([['a', 'i0']], catalogue))).rejects.toThrow(
      new CatalogueTooLargeError(
        `tailor-ease trains on catalogues of up to ${MAX_ITEMS} items; this one has ${MAX_ITEMS + 1}. Use aws-user-personalization instead.`,
      ),
    );
  });

  it('decodes its artifact to a model with identical scores and identical bytes', async () => {
    // Prepare
    const data = twoGroups();
    const model = await train(data);
    const history = historyOf([0, 3, 7]);

    // Act
    const bytes = model.encode();
    const decoded = ease.decode(bytes);

    // Assess
    expect(userScores(decoded, history)).toEqual(userScores(model, history));
    expect(decoded.encode()).toEqual(bytes);
    expect((await train(data)).encode()).toEqual(bytes);
  });

  it('fails to decode another recipe’s artifact', async () => {
    // Prepare
    const other = await sims.train(twoGroups(), parametersOf('aws-sims'), OPTIONS);

    // Act + Assess
    expect(() => ease.decode(other.encode())).toThrow(ArtifactFormatError);
  });
});
