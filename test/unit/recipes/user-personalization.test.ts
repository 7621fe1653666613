import { evaluate, topK } from '../../../layers/core/recipes/evaluation/evaluate';
import { createRandom } from '../../../layers/core/recipes/evaluation/random';
import { splitInteractions } from '../../../layers/core/recipes/evaluation/split';
import { EaseModel } from '../../../layers/core/recipes/ease';
import { userPersonalization } from '../../../layers/core/recipes/user-personalization';
import { type Event, interactionsOf, parametersOf, twoGroups } from './planted-data';

const NAME = 'aws-user-personalization';

/**
 * A long tail with planted tastes: 100 niches of 30 articles each, and a head of 10 items every
 * user takes a few of. Each of 15 users a niche reads 15 articles of their niche and 3 head
 * items, in a random order: 0.6% of the catalogue, as sparse as a library of citations. Most of
 * what a held-out user does next is in their niche, so a model that collapses onto the head
 * (the popular 10 of 3,010 items) misses most of it.
 */
function longTail() {
  const random = createRandom(11);
  const events: Event[] = [];
  const nicheOf = new Map<string, number>();
  for (let u = 0; u < 1500; u++) {
    const user = `u${u}`;
    const niche = u % 100;
    nicheOf.set(user, niche);
    const articles = Array.from({ length: 30 }, (_, a) => a);
    random.shuffle(articles);
    const head = Array.from({ length: 10 }, (_, h) => h);
    random.shuffle(head);
    const taken = [
      ...articles.slice(0, 15).map((a) => `n${niche}-a${a}`),
      ...head.slice(0, 3).map((h) => `head-${h}`),
    ];
    random.shuffle(taken);
    taken.forEach((item, t) => events.push([user, item, t]));
  }
  return { data: interactionsOf(events), nicheOf };
}

const options = { seed: 3, threads: 2, log: () => undefined };

describe('aws-user-personalization with its defaults', () => {
  it('recommends the niche of a user in a long tail, not the popular head', async () => {
    // Prepare
    const { data, nicheOf } = longTail();
    const { training, test } = splitInteractions(data, 5);

    // Act
    const model = await userPersonalization.train(training, parametersOf(NAME), options);

    // Assess
    const scores = new Float32Array(model.itemIds.length);
    let inNiche = 0;
    for (const user of test) {
      model.scoreUser(undefined, user.history, scores);
      const top = topK(scores, 10, undefined, user.history.items);
      const niche = `n${nicheOf.get(user.userId)}-`;
      inNiche += Array.from(top).filter((i) => model.itemIds[i]!.startsWith(niche)).length;
    }
    // 15 or more unread articles of the user's niche are left; the head has 7 unread items.
    // The former defaults (iALS alone, unobserved_weight 1) placed 4.8 there, the rest the head.
    expect(inNiche / test.length).toBeGreaterThanOrEqual(7);
    const metrics = evaluate(model, test, { excludeHistory: true });
    expect(metrics.coverage).toBeGreaterThan(0.5);
  }, 90_000);

  it('keeps the model it chose, and its history decay, through encode and decode', async () => {
    // Prepare
    const model = await userPersonalization.train(twoGroups(), parametersOf(NAME), options);

    // Act
    const bytes = model.encode();
    const decoded = userPersonalization.decode(bytes);

    // Assess
    expect(decoded.encode()).toEqual(bytes);
    expect(decoded.recipe).toBe(NAME);
  });

  it("trains iALS alone with algorithm 'ials'", async () => {
    // Prepare
    const logged: string[] = [];

    // Act
    await userPersonalization.train(twoGroups(), parametersOf(NAME, { algorithm: 'ials' }), {
      ...options,
      log: (line) => logged.push(line),
    });

    // Assess
    expect(logged.some((line) => line.includes('validation'))).toBe(false);
    expect(logged.some((line) => line.startsWith('iALS iteration'))).toBe(true);
  });

  it('chooses explicit hyperparameters, which train the same model as the choice did', async () => {
    // Prepare
    const data = twoGroups();
    const parameters = parametersOf(NAME);

    // Act
    const chosen = await userPersonalization.choose!(data, parameters, options);
    const direct = await userPersonalization.train(data, parameters, options);
    const again = await userPersonalization.train(data, chosen, options);

    // Assess
    expect(['ials', 'ease']).toContain(chosen['algorithm']);
    expect(again.encode()).toEqual(direct.encode());
  });

  it("trains EASE under its own name with algorithm 'ease', and updates it as EASE", async () => {
    // Prepare
    const data = twoGroups();
    const given = parametersOf(NAME, { algorithm: 'ease', l2_regularization: '10' });
    const first = await userPersonalization.train(data, given, options);

    // Act
    const updated = await userPersonalization.train(data, parametersOf(NAME), {
      ...options,
      previous: first,
    });

    // Assess
    expect(first).toBeInstanceOf(EaseModel);
    expect(first.recipe).toBe(NAME);
    expect(updated.encode()).toEqual(first.encode());
  });
});
