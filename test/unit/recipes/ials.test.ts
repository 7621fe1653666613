import { createRandom } from '../../../layers/core/recipes/evaluation/random';
import {
  ArtifactFormatError,
  readArtifact,
  writeArtifact,
} from '../../../layers/core/recipes/artifact';
import { recipeByName } from '../../../layers/core/recipes/catalogue';
import { resolveHyperParameters } from '../../../layers/core/recipes/hyperparameters';
import type { IalsKernelFactory } from '../../../layers/core/recipes/ials/kernel';
import { IalsModel } from '../../../layers/core/recipes/ials/model';
import { ialsRecipe } from '../../../layers/core/recipes/ials/recipe';
import { referenceKernel } from '../../../layers/core/recipes/ials/reference-kernel';
import { NonFiniteFactorsError } from '../../../layers/core/recipes/ials/train';
import { wasmKernel } from '../../../layers/core/recipes/ials/wasm-kernel';
import { personalizedRanking } from '../../../layers/core/recipes/personalized-ranking';
import type {
  History,
  HyperParameters,
  Interactions,
  Model,
  TrainOptions,
} from '../../../layers/core/recipes/recipe';
import { userPersonalization } from '../../../layers/core/recipes/user-personalization';

const USERS = 60;
const ITEMS = 30;
const EVENTS_PER_USER = 8;
const TOP = 5;

/** User u and item i belong to group u % 2 and i % 2: a user only meets their group's items. */
const groupOf = (index: number): number => index % 2;

type Event = [user: number, item: number];

/** EVENTS_PER_USER events per user on random items of their group, repeats included. */
function plantedEvents(users: number, items: number, seed: number): Event[] {
  const random = createRandom(seed);
  const events: Event[] = [];
  for (let u = 0; u < users; u++) {
    for (let e = 0; e < EVENTS_PER_USER; e++) {
      events.push([u, 2 * random.int(items / 2) + groupOf(u)]);
    }
  }
  return events;
}

/** Interactions of user-u / item-i ids, one event every 60 s in the given order. */
function interactions(users: number, items: number, events: readonly Event[]): Interactions {
  const userStart = new Uint32Array(users + 1);
  for (const [u] of events) userStart[u + 1]++;
  for (let u = 0; u < users; u++) userStart[u + 1] += userStart[u];
  const next = userStart.slice(0, users);
  const item = new Uint32Array(events.length);
  const time = new Float64Array(events.length);
  events.forEach(([u, i], e) => {
    time[next[u]] = 1_700_000_000 + 60 * e;
    item[next[u]++] = i;
  });
  return {
    userIds: Array.from({ length: users }, (_, u) => `user-${u}`),
    itemIds: Array.from({ length: items }, (_, i) => `item-${i}`),
    userStart,
    item,
    weight: new Float32Array(events.length).fill(1),
    time,
  };
}

const ITERATIONS = 10;

/**
 * 8 factors for 30 items and 480 events is far more than the planted data can pin down, while
 * λ_u = λ·(n_u + α₀·items) scales with the catalogue: the default λ, 0.01, suits thousands of
 * items and here lets the factors learn noise, so the planted tests hold them back 20 times
 * harder.
 */
const parameters = (given: Record<string, string> = {}): HyperParameters =>
  resolveHyperParameters(recipeByName('aws-user-personalization')!, {
    hidden_dimension: '8',
    num_iterations: String(ITERATIONS),
    regularization: '0.2',
    ...given,
  });

const options = (overrides: Partial<TrainOptions> = {}): TrainOptions => ({
  seed: 7,
  threads: 2,
  log: () => undefined,
  ...overrides,
});

const history = (items: number[]): History => ({
  items: Uint32Array.from(items),
  weights: new Float32Array(items.length).fill(1),
  times: Float64Array.from(items, (_, e) => 1_800_000_000 + e),
});

const NO_HISTORY = history([]);

function scores(
  model: Model,
  userId: string | undefined,
  from: History = NO_HISTORY,
): Float32Array {
  const out = new Float32Array(model.itemIds.length);
  model.scoreUser(userId, from, out);
  return out;
}

/** The indices of the n highest scores. */
const topItems = (values: Float32Array, n = TOP): number[] =>
  [...values.keys()].sort((a, b) => values[b] - values[a]).slice(0, n);

/** ‖a − b‖ / ‖b‖. */
function relativeDistance(a: Float32Array, b: Float32Array): number {
  let difference = 0;
  let norm = 0;
  for (let j = 0; j < b.length; j++) {
    difference += (a[j] - b[j]) ** 2;
    norm += b[j] ** 2;
  }
  return Math.sqrt(difference / norm);
}

const KERNELS: [string, IalsKernelFactory][] = [
  ['reference', referenceKernel],
  ['wasm', wasmKernel],
];

describe.each(KERNELS)('iALS with the %s kernel', (_name, kernel) => {
  const recipe = ialsRecipe('aws-user-personalization', kernel);
  const data = interactions(USERS, ITEMS, plantedEvents(USERS, ITEMS, 1));
  let model: Model;

  beforeAll(async () => {
    model = await recipe.train(data, parameters(), options());
  });

  it("keeps every user's top recommendations inside their group", () => {
    for (let u = 0; u < USERS; u++) {
      const top = topItems(scores(model, `user-${u}`));

      expect(top.map(groupOf)).toEqual(Array(TOP).fill(groupOf(u)));
    }
  });

  it("folds in an unseen history and recommends its group's items", () => {
    for (const group of [0, 1]) {
      const top = topItems(scores(model, undefined, history([group, group + 2, group + 4])));

      expect(top.map(groupOf)).toEqual(Array(TOP).fill(group));
    }
  });

  it("folds a known user's own events into about their learned factor when history_decay is 1", () => {
    const u = 3;
    const [start, end] = [data.userStart[u], data.userStart[u + 1]];
    const own: History = {
      items: data.item.subarray(start, end),
      weights: data.weight.subarray(start, end),
      times: data.time.subarray(start, end),
    };
    // Training weighs a user's events alike, as fold-in does with ρ = 1.
    const undecayed = new IalsModel(recipe.name, { ...(model as IalsModel).data, historyDecay: 1 });

    const folded = scores(undecayed, 'someone-new', own);
    const learned = scores(undecayed, `user-${u}`);

    expect(relativeDistance(folded, learned)).toBeLessThan(0.01);
  });

  it('folds in a history by its newest events under history_decay, and trains the same', async () => {
    // The same nine items in two orders: six of group 0, then three of group 1, and the reverse.
    const zeroThenOne = [0, 2, 4, 6, 8, 10, 1, 3, 5];
    const oneThenZero = [1, 3, 5, 0, 2, 4, 6, 8, 10];
    const unseenTop = (m: Model, seen: number[]) => {
      const values = scores(m, undefined, history(seen));
      for (const i of seen) values[i] = -Infinity;
      return topItems(values).map(groupOf);
    };

    // recency_mask off: its decay by time would also tell the two orders apart.
    const given = { recency_mask: 'false' };
    const decayed = await recipe.train(
      data,
      parameters({ ...given, history_decay: '0.5' }),
      options(),
    );
    const whole = await recipe.train(data, parameters({ ...given, history_decay: '1' }), options());

    expect(unseenTop(decayed, zeroThenOne)).toEqual(Array(TOP).fill(1));
    expect(unseenTop(decayed, oneThenZero)).toEqual(Array(TOP).fill(0));
    const [first, second] = [zeroThenOne, oneThenZero].map((seen) =>
      scores(whole, undefined, history(seen)),
    );
    expect(relativeDistance(first!, second!)).toBeLessThan(1e-6);
    const factors = (m: Model) => (m as IalsModel).data.itemFactors;
    expect(factors(decayed)).toEqual(factors(whole));
  });

  it('scores a user with no history and no factor as zero everywhere', () => {
    expect(scores(model, 'nobody').every((score) => score === 0)).toBe(true);
  });

  it('logs a loss per iteration that goes down', async () => {
    const lines: string[] = [];

    await recipe.train(data, parameters(), options({ log: (line) => lines.push(line) }));

    const losses = lines.map((line) => Number(/loss (\S+)/.exec(line)![1]));
    expect(losses).toHaveLength(ITERATIONS);
    losses.slice(1).forEach((loss, i) => expect(loss).toBeLessThanOrEqual(losses[i]));
    expect(losses[ITERATIONS - 1]).toBeLessThan(0.9 * losses[0]);
  });

  it('gives the same artifact bytes for the same seed, whatever the thread count', async () => {
    const again = await recipe.train(data, parameters(), options({ threads: 3 }));
    const single = await recipe.train(data, parameters(), options({ threads: 1 }));

    expect(Buffer.from(again.encode()).equals(Buffer.from(model.encode()))).toBe(true);
    expect(Buffer.from(single.encode()).equals(Buffer.from(model.encode()))).toBe(true);
  });

  it('gives different factors for a different seed', async () => {
    const other = await recipe.train(data, parameters(), options({ seed: 8 }));

    expect(Buffer.from(other.encode()).equals(Buffer.from(model.encode()))).toBe(false);
  });

  it('decodes its artifact into a model that scores identically', () => {
    const decoded = recipe.decode(model.encode());

    expect(decoded.itemIds).toEqual(model.itemIds);
    expect(scores(decoded, 'user-5')).toEqual(scores(model, 'user-5'));
    const folded = history([1, 3, 3, 5]);
    expect(scores(decoded, undefined, folded)).toEqual(scores(model, undefined, folded));
    expect(decoded.encode()).toEqual(model.encode());
  });

  it('UPDATE keeps the known factors close and learns new users and items', async () => {
    // Ten new users; the new items 30 and 31 are met by the new users of their group only.
    const newUsers = USERS + 10;
    const newEvents: Event[] = plantedEvents(newUsers, ITEMS, 2)
      .filter(([u]) => u >= USERS)
      .flatMap(([u, i]): Event[] => [
        [u, i],
        [u, ITEMS + groupOf(u)],
      ]);
    const updatedData = interactions(newUsers, ITEMS + 2, [
      ...plantedEvents(USERS, ITEMS, 1),
      ...newEvents,
    ]);

    const updated = (await recipe.train(
      updatedData,
      parameters(),
      options({ previous: model, seed: 9 }),
    )) as IalsModel;
    const retrained = (await recipe.train(
      updatedData,
      parameters(),
      options({ seed: 9 }),
    )) as IalsModel;

    const before = (model as IalsModel).data.userFactors;
    const known = (m: IalsModel) => m.data.userFactors.subarray(0, before.length);
    expect(relativeDistance(known(updated), before)).toBeLessThan(0.25);
    // A fresh start lands elsewhere: iALS's factors are only defined up to a rotation.
    expect(relativeDistance(known(retrained), before)).toBeGreaterThan(1);
    expect(updated.itemIds).toHaveLength(ITEMS + 2);
    for (let u = USERS; u < newUsers; u++) {
      const own = scores(updated, `user-${u}`);
      expect(topItems(own).map(groupOf)).toEqual(Array(TOP).fill(groupOf(u)));
      expect(topItems(own, 10)).toContain(ITEMS + groupOf(u));
    }
  });

  it('UPDATE rejects a previous model of another hidden_dimension', async () => {
    await expect(
      recipe.train(data, parameters({ hidden_dimension: '12' }), options({ previous: model })),
    ).rejects.toThrow(
      expect.objectContaining({
        name: 'InvalidInputException',
        message: 'trainingMode UPDATE needs hidden_dimension 8 as before, not 12.',
      }),
    );
  });

  it('throws NonFiniteFactorsError when the confidences overflow', async () => {
    const huge = { ...data, weight: new Float32Array(data.weight.length).fill(3e38) };

    await expect(recipe.train(huge, parameters(), options())).rejects.toThrow(
      NonFiniteFactorsError,
    );
  });
});

describe('iALS kernels', () => {
  // 400 users and 200 items fill the 32 YᵀY blocks with 12 and 6 rows: the WebAssembly kernel's
  // four-rows-at-a-time path and its remainder both run. 10 factors pad to 12 columns; 20 run
  // one 16-float turn of the unrolled loops and one 4-float turn.
  const data = interactions(400, 200, plantedEvents(400, 200, 3));

  it.each([
    ['10 factors', { hidden_dimension: '10' }],
    ['20 factors', { hidden_dimension: '20' }],
    ['unobserved_weight 0.1', { unobserved_weight: '0.1', alpha: '9' }],
    ["Hu et al.'s single λ", { regularization_exponent: '0', regularization: '10' }],
  ])('agree on the factors and the loss with %s', async (_label, given) => {
    const train = async (kernel: IalsKernelFactory) => {
      const losses: number[] = [];
      const log = (line: string) => losses.push(Number(/loss (\S+)/.exec(line)![1]));
      const trained = await ialsRecipe('aws-user-personalization', kernel).train(
        data,
        parameters({ hidden_dimension: '12', num_iterations: '4', ...given }),
        options({ log }),
      );
      return { model: trained as IalsModel, losses };
    };

    const reference = await train(referenceKernel);
    const wasm = await train(wasmKernel);

    const { userFactors, itemFactors } = reference.model.data;
    expect(relativeDistance(wasm.model.data.userFactors, userFactors)).toBeLessThan(1e-4);
    expect(relativeDistance(wasm.model.data.itemFactors, itemFactors)).toBeLessThan(1e-4);
    wasm.losses.forEach((loss, i) => expect(loss).toBeCloseTo(reference.losses[i], 5));
  });
});

describe('aws-user-personalization and aws-personalized-ranking', () => {
  it('are the same model family under their own names and types', async () => {
    const data = interactions(USERS, ITEMS, plantedEvents(USERS, ITEMS, 1));

    const ranking = await personalizedRanking.train(data, parameters(), options());
    const personal = await userPersonalization.train(
      data,
      { ...parameters(), algorithm: 'ials' },
      options(),
    );

    expect([userPersonalization.type, personalizedRanking.type]).toEqual([
      'USER_PERSONALIZATION',
      'PERSONALIZED_RANKING',
    ]);
    expect(ranking.recipe).toBe('aws-personalized-ranking');
    expect(scores(ranking, 'user-4')).toEqual(scores(personal, 'user-4'));
    expect(() => personalizedRanking.decode(personal.encode())).toThrow(ArtifactFormatError);
  });

  it('refuses an artifact whose arrays do not match its ids', async () => {
    const data = interactions(USERS, ITEMS, plantedEvents(USERS, ITEMS, 1));
    const model = await userPersonalization.train(
      data,
      { ...parameters(), algorithm: 'ials' },
      options(),
    );
    const { version, meta, arrays } = readArtifact(model.encode());
    const { userFactors, itemFactors } = arrays;

    const damaged = writeArtifact({
      recipe: 'aws-user-personalization',
      version,
      meta,
      arrays: { userFactors, itemFactors, itemGram: new Float64Array(3) },
    });

    expect(() => userPersonalization.decode(damaged)).toThrow(ArtifactFormatError);
  });
});
