import { ArtifactFormatError } from '../../../layers/core/recipes/artifact';
import {
  distinctUsersPerItem,
  popularityCount,
} from '../../../layers/core/recipes/popularity-count';
import { trendingNow } from '../../../layers/core/recipes/trending-now';
import {
  EMPTY_HISTORY,
  Event,
  historyOf,
  interactionsOf,
  OPTIONS,
  parametersOf,
  recommend,
  userScores,
} from './planted-data';

const train = (events: Event[], catalogue?: string[]) =>
  popularityCount.train(interactionsOf(events, catalogue), {}, OPTIONS);

describe('aws-popularity-count', () => {
  it('ranks items by distinct users, so a user repeating an item counts once', async () => {
    // Prepare: one user views "binge" ten times; three users view "hit" once each.
    const events: Event[] = [
      ...Array.from({ length: 10 }, (_, t): Event => ['fan', 'binge', t]),
      ['a', 'hit'],
      ['b', 'hit'],
      ['c', 'hit'],
      ['a', 'niche'],
    ];

    // Act
    const model = await train(events, ['binge', 'niche', 'hit']);

    // Assess
    expect(userScores(model, EMPTY_HISTORY)).toEqual([1, 1, 3]);
    expect(recommend(model, EMPTY_HISTORY, 3)).toEqual(['hit', 'binge', 'niche']);
  });

  it('ignores the user and their history', async () => {
    // Prepare
    const model = await train([
      ['a', 'x'],
      ['b', 'x'],
      ['a', 'y'],
    ]);

    // Act
    const anyone = userScores(model, EMPTY_HISTORY);
    const known = new Float32Array(2);
    model.scoreUser('a', historyOf([1, 1, 0]), known);

    // Assess
    expect([...known]).toEqual(anyone);
  });

  it('counts distinct users within a time window, bounds (after, until]', () => {
    // Prepare
    const data = interactionsOf([
      ['a', 'x', 10],
      ['a', 'x', 20],
      ['b', 'x', 30],
      ['c', 'y', 10],
    ]);

    // Act + Assess
    expect([...distinctUsersPerItem(data)]).toEqual([2, 1]);
    expect([...distinctUsersPerItem(data, 10, 30)]).toEqual([2, 0]);
    expect([...distinctUsersPerItem(data, 20, 30)]).toEqual([1, 0]);
  });

  it('decodes its artifact to a model with identical scores and identical bytes', async () => {
    // Prepare
    const events: Event[] = [
      ['a', 'x'],
      ['b', 'y'],
      ['c', 'y'],
    ];
    const model = await train(events);

    // Act
    const bytes = model.encode();
    const decoded = popularityCount.decode(bytes);

    // Assess
    expect(decoded.itemIds).toEqual(model.itemIds);
    expect(userScores(decoded, EMPTY_HISTORY)).toEqual(userScores(model, EMPTY_HISTORY));
    expect(decoded.encode()).toEqual(bytes);
    expect((await train(events)).encode()).toEqual(bytes);
  });

  it('fails to decode another recipe’s artifact', async () => {
    // Prepare
    const data = interactionsOf([['a', 'x']]);
    const other = await trendingNow.train(data, parametersOf('aws-trending-now'), OPTIONS);

    // Act + Assess
    expect(() => popularityCount.decode(other.encode())).toThrow(ArtifactFormatError);
  });
});
