import { InvalidInputException } from '../../../layers/core/api/errors';
import { trendingNow, trendScores } from '../../../layers/core/recipes/trending-now';
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

const HOUR = 3600;
const DAY = 24 * HOUR;
const END = 100 * DAY;

/** `count` distinct users interacting with `item` inside the day `daysAgo` days before END. */
const usersOnDay = (item: string, daysAgo: number, count: number): Event[] =>
  Array.from({ length: count }, (_, k): Event => [
    `${item}-${daysAgo}-${k}`,
    item,
    END - daysAgo * DAY - 1 - k,
  ]);

const train = (events: Event[], frequency = '1 day') =>
  trendingNow.train(
    interactionsOf(events),
    parametersOf('aws-trending-now', { trend_discovery_frequency: frequency }),
    OPTIONS,
  );

describe('aws-trending-now', () => {
  it('ranks a rising item above a steady popular one', async () => {
    // Prepare: "steady" has 20 users every day; "rising" went from 2 users to 15 in the last day.
    const events = [
      ...[0, 1, 2, 3, 4].flatMap((d) => usersOnDay('steady', d, 20)),
      ...usersOnDay('rising', 1, 2),
      ...usersOnDay('rising', 0, 15),
      [`last`, 'rising', END] as Event,
    ];

    // Act
    const model = await train(events);

    // Assess
    expect(recommend(model, EMPTY_HISTORY, 2)).toEqual(['rising', 'steady']);
  });

  it('ranks items by the rise over their noise, so a strong riser beats a 0 → 2 spike', () => {
    // Prepare: items 0..3 go 10 → 40, 0 → 2, 0 → 1 (noise), 100 → 100 (steady).
    const recent = Uint32Array.from([40, 2, 1, 100]);
    const previous = Uint32Array.from([10, 0, 0, 100]);
    const users = Uint32Array.from([50, 2, 1, 500]);

    // Act
    const scores = trendScores(recent, previous, users);

    // Assess: the 0 → 1 blip is not a trend; it falls back to popularity, below "steady".
    const order = [0, 1, 2, 3].sort((a, b) => scores[b] - scores[a]);
    expect(order).toEqual([0, 1, 3, 2]);
    expect([...scores]).toEqual([1, 0.75, 0.25, 0.5]);
  });

  it('falls back to popularity order, then item order, when nothing rises', async () => {
    // Prepare: every item flat, with 3, 5, 5 and 1 distinct users per day.
    const events = [0, 1].flatMap((d) => [
      ...usersOnDay('a', d, 3),
      ...usersOnDay('b', d, 5),
      ...usersOnDay('c', d, 5),
      ...usersOnDay('d', d, 1),
    ]);

    // Act
    const model = await train(events);

    // Assess
    expect(recommend(model, EMPTY_HISTORY, 4)).toEqual(['b', 'c', 'a', 'd']);
  });

  it('measures the rise over trend_discovery_frequency windows', async () => {
    // Prepare: "hourly" rose within the last hour (0 → 6 users), after a quieter day than
    // "daily", which rose over the last day (4 → 30 users) but not within the last hour.
    const events: Event[] = [
      ...Array.from({ length: 6 }, (_, k): Event => [`h${k}`, 'hourly', END - k]),
      ...usersOnDay('daily', 1, 4),
      ...Array.from({ length: 30 }, (_, k): Event => [`d${k}`, 'daily', END - 2 * HOUR - k]),
    ];

    // Act
    const hourly = await train(events, '1 hour');
    const daily = await train(events, '1 day');

    // Assess
    expect(recommend(hourly, EMPTY_HISTORY, 1)).toEqual(['hourly']);
    expect(recommend(daily, EMPTY_HISTORY, 1)).toEqual(['daily']);
  });

  it('ignores the user and their history', async () => {
    // Prepare
    const model = await train([...usersOnDay('a', 0, 3), ...usersOnDay('b', 1, 2)]);

    // Act
    const known = new Float32Array(2);
    model.scoreUser('a-0-0', historyOf([1, 1]), known);

    // Assess
    expect([...known]).toEqual(userScores(model, EMPTY_HISTORY));
  });

  it('fails on a trend_discovery_frequency it does not know', async () => {
    // Act + Assess
    await expect(
      trendingNow.train(
        interactionsOf([['a', 'x']]),
        { trend_discovery_frequency: '1 week' },
        OPTIONS,
      ),
    ).rejects.toThrow(InvalidInputException);
  });

  it('decodes its artifact to a model with identical scores and identical bytes', async () => {
    // Prepare
    const events = [...usersOnDay('a', 0, 4), ...usersOnDay('b', 1, 6), ...usersOnDay('b', 0, 1)];
    const model = await train(events, '3 hours');

    // Act
    const bytes = model.encode();
    const decoded = trendingNow.decode(bytes);

    // Assess
    expect(userScores(decoded, EMPTY_HISTORY)).toEqual(userScores(model, EMPTY_HISTORY));
    expect(decoded.encode()).toEqual(bytes);
    expect((await train(events, '3 hours')).encode()).toEqual(bytes);
  });

  it('trains on no interactions at all', async () => {
    // Act
    const model = await trendingNow.train(
      interactionsOf([], ['x', 'y']),
      parametersOf('aws-trending-now'),
      OPTIONS,
    );

    // Assess: catalogue order.
    expect(recommend(model, EMPTY_HISTORY, 2)).toEqual(['x', 'y']);
  });
});
