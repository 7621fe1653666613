import {
  ArtifactArray,
  ArtifactFormatError,
  readArtifact,
  writeArtifact,
} from '../../../layers/core/recipes/artifact';
import {
  CatalogueTooLargeError,
  ease,
  easeTrainingCost,
  KEEP,
  MAX_INVERSE,
} from '../../../layers/core/recipes/ease';
import { easeWeights, type Form } from '../../../layers/core/recipes/ease/weights';
import { createRandom } from '../../../layers/core/recipes/evaluation/random';
import type { Interactions } from '../../../layers/core/recipes/recipe';
import { sims } from '../../../layers/core/recipes/sims';
import { type Csr, userItemMatrix } from '../../../layers/core/recipes/user-item-matrix';
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

/**
 * `users` users with 1 to 12 events each over `items` items, popular items likelier (item
 * ⌊items·r²⌋), repeats and weights below 1 included.
 */
function longTail(users: number, items: number, seed: number): Interactions {
  const random = createRandom(seed);
  const catalogue = Array.from({ length: items }, (_, i) => `i${i}`);
  const events: Event[] = [];
  for (let u = 0; u < users; u++) {
    const n = 1 + random.int(12);
    for (let k = 0; k < n; k++) {
      const item = Math.floor(items * random.next() ** 2);
      events.push([`u${u}`, `i${item}`, k, random.next() < 0.2 ? 0.5 : 1]);
    }
  }
  return interactionsOf(events, catalogue);
}

/** B as a dense items × items array from its rows' kept entries. */
function dense(b: Csr): number[][] {
  return Array.from({ length: b.rows }, (_, i) => {
    const row = new Array<number>(b.columns).fill(0);
    for (let e = b.indptr[i]; e < b.indptr[i + 1]; e++) row[b.indices[e]] = b.values[e];
    return row;
  });
}

/** The largest |a − b| over two dense matrices of one shape. */
const largestDifference = (a: number[][], b: number[][]) =>
  Math.max(...a.flatMap((row, i) => row.map((v, j) => Math.abs(v - b[i][j]))));

describe('EASE’s weights', () => {
  // 41 users (odd, as the kernel's two-wide rows have a last lone column) and 150 items: three
  // blocks of rows, the last one short.
  const data = longTail(41, 150, 3);
  const weightsOf = (form: Form, keep: number, threads = 1) =>
    easeWeights(userItemMatrix(data), 2, form, keep, threads);

  it('are the same in the Woodbury form as in the direct form', async () => {
    // Act
    const [direct, woodbury] = await Promise.all([
      weightsOf('direct', 150),
      weightsOf('woodbury', 150),
    ]);

    // Assess
    const [b, w] = [dense(direct.weights), dense(woodbury.weights)];
    expect(Math.max(...b.flat().map(Math.abs))).toBeGreaterThan(0.05);
    expect(largestDifference(b, w)).toBeLessThan(1e-4);
    b.forEach((row, i) => expect(row[i]).toBe(0));
  });

  it('keep the largest entries of each row, in either form', async () => {
    // Prepare
    const full = dense((await weightsOf('direct', 150)).weights);

    for (const form of ['direct', 'woodbury'] as const) {
      // Act
      const { weights } = await weightsOf(form, 10);

      // Assess: no row holds more than 10, and none left out outweighs one kept.
      for (let i = 0; i < weights.rows; i++) {
        const kept = weights.indices.subarray(weights.indptr[i], weights.indptr[i + 1]);
        expect(kept.length).toBeLessThanOrEqual(10);
        expect([...kept]).toEqual([...kept].sort((a, b) => a - b));
        const least = Math.min(...[...kept].map((j) => Math.abs(full[i][j])));
        const dropped = full[i].filter((_, j) => !kept.includes(j)).map(Math.abs);
        expect(Math.max(0, ...dropped)).toBeLessThanOrEqual(least + 1e-4);
      }
    }
  });

  it('are the same byte for byte on one thread and on two', async () => {
    for (const form of ['direct', 'woodbury'] as const) {
      // Act
      const [one, two] = await Promise.all([weightsOf(form, 20, 1), weightsOf(form, 20, 2)]);

      // Assess
      expect(two.weights).toEqual(one.weights);
    }
  });
});

describe('easeTrainingCost', () => {
  it('grows with the smaller of users and items', () => {
    // Act
    const costs = [1000, 2000, 4000, 8000].map((users) => easeTrainingCost(users, 17_500, 4e5));
    const flipped = [1000, 2000, 4000, 8000].map((items) => easeTrainingCost(17_500, items, 4e5));

    // Assess
    for (const c of [costs, flipped]) {
      c.slice(1).forEach((cost, k) => expect(cost).toBeGreaterThan(c[k]));
    }
    expect(costs[3] / costs[2]).toBeGreaterThan(4);
  });
});

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

  it('fails with CatalogueTooLargeError when both users and items pass its inverse’s limit', async () => {
    // Prepare
    const n = MAX_INVERSE + 1;
    const events = Array.from({ length: n }, (_, k): Event => [`u${k}`, `i${k}`]);

    // Act + Assess
    await expect(train(interactionsOf(events))).rejects.toThrow(
      new CatalogueTooLargeError(
        `EASE trains where users or items number at most ${MAX_INVERSE}; these data have ${n} users and ${n} items. Use aws-user-personalization with algorithm ials instead.`,
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

  it('ranks a planted held-out item first with pruned weights', async () => {
    // Prepare: 150 users over more items than a row of B keeps; 40 of them also hold p0 to p3.
    const items = 2 * KEEP;
    const events: Event[] = [];
    const random = createRandom(11);
    for (let u = 0; u < 150; u++) {
      for (let k = 0; k < 8; k++) events.push([`u${u}`, `i${random.int(items)}`, k]);
      if (u < 40) for (let p = 0; p < 4; p++) events.push([`u${u}`, `p${p}`, 8 + p]);
    }
    const data = interactionsOf(events);

    // Act
    const model = await train(data, '5');

    // Assess
    const history = historyOf(['p0', 'p1', 'p2'].map((id) => model.itemIds.indexOf(id)));
    expect(recommend(model, history, 1, true)).toEqual(['p3']);
    const row = userScores(model, historyOf([model.itemIds.indexOf('p0')]));
    expect(row.filter((b) => b !== 0).length).toBe(KEEP);
  });

  it('round-trips a pruned model byte for byte', async () => {
    // Prepare
    const model = await train(longTail(50, 2 * KEEP, 4), '5');
    const bytes = model.encode();

    // Act
    const decoded = ease.decode(bytes);

    // Assess
    expect(decoded.encode()).toEqual(bytes);
    const history = historyOf([0, 1, 2, 5]);
    expect(userScores(decoded, history)).toEqual(userScores(model, history));
  });

  describe('fails to decode a damaged artifact with ArtifactFormatError', () => {
    type Arrays = Record<string, ArtifactArray>;
    const u32 = (a: Arrays, name: string) => a[name] as Uint32Array;

    it.each<[string, (arrays: Arrays) => Arrays]>([
      ['a short indptr', (a) => ({ ...a, indptr: u32(a, 'indptr').subarray(1) })],
      [
        'fewer indices than indptr counts',
        (a) => ({ ...a, indices: u32(a, 'indices').subarray(1) }),
      ],
      ['fewer values than indptr counts', (a) => ({ ...a, values: a.values.subarray(1) })],
      ['values of the wrong type', (a) => ({ ...a, values: Uint32Array.from(a.values) })],
      ['no indices', ({ indptr, values }) => ({ indptr, values })],
      [
        'a decreasing indptr',
        (a) => ({ ...a, indptr: u32(a, 'indptr').map((p, i) => (i === 3 ? p + 30 : p)) }),
      ],
      [
        'a column outside the catalogue',
        (a) => ({ ...a, indices: u32(a, 'indices').fill(24, 0, 1) }),
      ],
    ])('%s', async (_case, damage) => {
      // Prepare
      const artifact = readArtifact((await train(twoGroups())).encode());
      const bytes = writeArtifact({ ...artifact, arrays: damage({ ...artifact.arrays }) });

      // Act + Assess
      expect(() => ease.decode(bytes)).toThrow(ArtifactFormatError);
    });

    it('truncated', async () => {
      // Prepare
      const bytes = (await train(twoGroups())).encode();

      // Act + Assess
      expect(() => ease.decode(bytes.subarray(0, bytes.length - 4))).toThrow(ArtifactFormatError);
    });
  });

  it('fails to decode another recipe’s artifact', async () => {
    // Prepare
    const other = await sims.train(twoGroups(), parametersOf('aws-sims'), OPTIONS);

    // Act + Assess
    expect(() => ease.decode(other.encode())).toThrow(ArtifactFormatError);
  });
});
