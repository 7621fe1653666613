import type { Interactions } from '../../../layers/core/recipes/recipe';
import { splitInteractions, validationSplit } from '../../../layers/core/recipes/evaluation/split';

/** Interactions from each user's items, oldest first; user u's j-th interaction is at time 100u + j. */
function interactions(users: number[][], itemCount: number): Interactions {
  const userStart = new Uint32Array(users.length + 1);
  users.forEach((items, u) => (userStart[u + 1] = userStart[u] + items.length));
  const flat = users.flat();
  return {
    userIds: users.map((_, u) => `user-${u}`),
    itemIds: Array.from({ length: itemCount }, (_, i) => `item-${i}`),
    userStart,
    item: Uint32Array.from(flat),
    weight: Float32Array.from(users.flatMap((items, u) => items.map((_, j) => 1 + u + j / 100))),
    time: Float64Array.from(users.flatMap((items, u) => items.map((_, j) => 100 * u + j))),
  };
}

/** `count` users with `length` interactions each, on items 0 to length - 1 in order. */
const uniform = (count: number, length: number): Interactions =>
  interactions(
    Array.from({ length: count }, () => Array.from({ length }, (_, j) => j)),
    length,
  );

/** One user's interactions as [item, weight, time] rows. */
function rowsOf(data: Interactions, userId: string): number[][] {
  const u = data.userIds.indexOf(userId);
  const rows: number[][] = [];
  for (let i = data.userStart[u]; i < data.userStart[u + 1]; i++) {
    rows.push([data.item[i], data.weight[i], data.time[i]]);
  }
  return rows;
}

describe('splitInteractions', () => {
  it('holds out 10% of the users and trains on the rest', () => {
    // Prepare
    const data = uniform(100, 20);

    // Act
    const { training, test } = splitInteractions(data, 1);

    // Assess
    expect(test).toHaveLength(10);
    expect(training.userIds).toHaveLength(90);
    const testIds = test.map((user) => user.userId);
    expect([...training.userIds, ...testIds].sort()).toEqual([...data.userIds].sort());
  });

  it('keeps the catalogue and every training user’s interactions unchanged, users in order', () => {
    // Prepare
    const data = interactions(
      Array.from({ length: 30 }, (_, u) => [u % 7, (u * 3) % 7, 6 - (u % 7)]),
      7,
    );

    // Act
    const { training, test } = splitInteractions(data, 2);

    // Assess
    expect(training.itemIds).toBe(data.itemIds);
    const heldOut = new Set(test.map((user) => user.userId));
    expect(training.userIds).toEqual(data.userIds.filter((id) => !heldOut.has(id)));
    expect(training.userStart[training.userIds.length]).toBe(training.item.length);
    for (const id of training.userIds) expect(rowsOf(training, id)).toEqual(rowsOf(data, id));
  });

  it('gives a held-out user its oldest 90% as history and its newest 10% as truth', () => {
    // Prepare: items equal positions, so the truth of 20 interactions is items 18 and 19.
    const data = uniform(10, 20);

    // Act
    const [user] = splitInteractions(data, 3).test;

    // Assess
    const rows = rowsOf(data, user.userId);
    expect(Array.from(user.history.items)).toEqual(rows.slice(0, 18).map((row) => row[0]));
    expect(Array.from(user.history.weights)).toEqual(rows.slice(0, 18).map((row) => row[1]));
    expect(Array.from(user.history.times)).toEqual(rows.slice(0, 18).map((row) => row[2]));
    expect(Array.from(user.truth)).toEqual([18, 19]);
  });

  it('puts every truth interaction after every history interaction', () => {
    // Prepare: users of varied lengths with items in shuffled order.
    const data = interactions(
      Array.from({ length: 200 }, (_, u) =>
        Array.from({ length: 2 + (u % 37) }, (_, j) => (u * 31 + j * 17) % 50),
      ),
      50,
    );

    // Act
    const { test } = splitInteractions(data, 4);

    // Assess
    expect(test).toHaveLength(20);
    for (const user of test) {
      const rows = rowsOf(data, user.userId);
      const cut = user.history.items.length;
      expect(cut).toBeGreaterThan(0);
      expect(Array.from(user.history.times)).toEqual(rows.slice(0, cut).map((row) => row[2]));
      const newest = [...new Set(rows.slice(cut).map((row) => row[0]))].sort((a, b) => a - b);
      expect(Array.from(user.truth)).toEqual(newest);
    }
  });

  it.each([
    [2, 1],
    [9, 1],
    [14, 1],
    [15, 2],
    [20, 2],
    [25, 3],
  ])('gives a user with %i interactions %i as truth', (length, truthLength) => {
    // Prepare: distinct items, so the truth's size is the number of truth interactions.
    const data = uniform(2, length);

    // Act
    const [user] = splitInteractions(data, 5).test;

    // Assess
    expect(user.history.items).toHaveLength(length - truthLength);
    expect(user.truth).toHaveLength(truthLength);
  });

  it('gives the truth as distinct items, ascending', () => {
    // Prepare: 23 interactions, so the truth is the newest round(2.3) = 2, items 9 and 7. The other
    // user has one interaction and cannot be held out.
    const data = interactions([[...Array.from({ length: 20 }, (_, j) => j % 5), 5, 9, 7], [0]], 10);

    // Act
    const [user] = splitInteractions(data, 6).test;

    // Assess
    expect(user.userId).toBe('user-0');
    expect(Array.from(user.truth)).toEqual([7, 9]);
  });

  it('collapses a repeated truth item to one entry', () => {
    const data = interactions([[...Array.from({ length: 18 }, (_, j) => j), 3, 3], [0]], 20);

    const [user] = splitInteractions(data, 6).test;

    expect(Array.from(user.truth)).toEqual([3]);
    expect(user.history.items).toHaveLength(18);
  });

  it('chooses the same users and data for the same seed and other users for another', () => {
    const data = uniform(100, 10);

    const first = splitInteractions(data, 7);
    const again = splitInteractions(data, 7);
    const other = splitInteractions(data, 8);

    expect(again).toEqual(first);
    expect(other.test.map((user) => user.userId)).not.toEqual(
      first.test.map((user) => user.userId),
    );
  });

  it('holds out round(10%) of active users: 2 of 15', () => {
    expect(splitInteractions(uniform(15, 3), 9).test).toHaveLength(2);
  });

  it('holds out one of two users, leaving the other for training', () => {
    const { training, test } = splitInteractions(uniform(2, 2), 10);

    expect(test).toHaveLength(1);
    expect(training.userIds).toHaveLength(1);
  });

  it('holds out nobody when there is one user', () => {
    const data = uniform(1, 30);

    const { training, test } = splitInteractions(data, 11);

    expect(test).toEqual([]);
    expect(training).toEqual(data);
  });

  it('never holds out a user with fewer than 2 interactions', () => {
    // Prepare: 30 users with one interaction each and one with three; 10% of 31 rounds to 3.
    const data = interactions([...Array.from({ length: 30 }, (_, u) => [u % 4]), [0, 1, 2]], 4);

    // Act
    const { training, test } = splitInteractions(data, 12);

    // Assess
    expect(test.map((user) => user.userId)).toEqual(['user-30']);
    expect(training.userIds).toHaveLength(30);
  });

  it('keeps users with no interactions in training without counting them', () => {
    // Prepare: 5 active users and 20 empty ones; 10% of the 5 active rounds to 1.
    const empty = Array.from({ length: 20 }, (): number[] => []);
    const data = interactions([...empty, ...Array.from({ length: 5 }, () => [0, 1, 2, 3])], 4);

    // Act
    const { training, test } = splitInteractions(data, 13);

    // Assess
    expect(test).toHaveLength(1);
    expect(training.userIds).toHaveLength(24);
  });
});

describe("splitInteractions' warm setting", () => {
  it('keeps each held-out user in training with their history and without their truth', () => {
    // Prepare
    const data = uniform(50, 20);
    const cold = splitInteractions(data, 9);

    // Act
    const warm = splitInteractions(data, 9, 'warm');

    // Assess
    expect(warm.test).toEqual(cold.test);
    expect(warm.training.userIds).toEqual(data.userIds);
    for (const user of warm.test) {
      const history = Array.from(user.history.items);
      expect(rowsOf(warm.training, user.userId).map(([item]) => item)).toEqual(history);
    }
    const kept = data.userIds.filter((id) => !warm.test.some((user) => user.userId === id));
    for (const id of kept) expect(rowsOf(warm.training, id)).toEqual(rowsOf(data, id));
  });
});

describe('validationSplit', () => {
  it('carves its validation users from the training users only', () => {
    // Prepare
    const data = uniform(300, 10);
    const { training, test } = splitInteractions(data, 14);

    // Act
    const { training: rest, validation } = validationSplit(training, 14);

    // Assess
    const testIds = new Set(test.map((user) => user.userId));
    const validationIds = validation.map((user) => user.userId);
    expect(validation).toHaveLength(27);
    expect(rest.userIds).toHaveLength(243);
    for (const id of validationIds) {
      expect(training.userIds).toContain(id);
      expect(testIds.has(id)).toBe(false);
      expect(rest.userIds).not.toContain(id);
    }
    expect(rest.itemIds).toBe(data.itemIds);
  });

  it('is deterministic for a seed', () => {
    const { training } = splitInteractions(uniform(100, 10), 15);

    expect(validationSplit(training, 16)).toEqual(validationSplit(training, 16));
  });
});
