import { transpose, userItemMatrix } from '../../../layers/core/recipes/user-item-matrix';
import { interactionsOf } from './planted-data';

const rowsOf = (m: {
  rows: number;
  indptr: Uint32Array;
  indices: Uint32Array;
  values: Float32Array;
}) =>
  Array.from({ length: m.rows }, (_, r) => {
    const [from, to] = [m.indptr[r], m.indptr[r + 1]];
    return [...m.indices.subarray(from, to)].map((c, k) => [c, m.values[from + k]]);
  });

describe('userItemMatrix', () => {
  it('keeps one entry per user and item, summing weights, columns ascending, both ways', () => {
    // Prepare: items numbered a 0, b 1, c 2; users u 0, v 1.
    const data = interactionsOf(
      [
        ['u', 'c', 1, 1],
        ['u', 'a', 2, 0.5],
        ['u', 'c', 3, 2],
        ['v', 'b', 1, 1],
        ['v', 'a', 2, 1],
      ],
      ['a', 'b', 'c'],
    );

    // Act
    const { byUser, byItem } = userItemMatrix(data);

    // Assess
    expect(rowsOf(byUser)).toEqual([
      [
        [0, 0.5],
        [2, 3],
      ],
      [
        [0, 1],
        [1, 1],
      ],
    ]);
    expect(rowsOf(byItem)).toEqual([
      [
        [0, 0.5],
        [1, 1],
      ],
      [[1, 1]],
      [[0, 3]],
    ]);
    expect([byUser.rows, byUser.columns, byItem.rows, byItem.columns]).toEqual([2, 3, 3, 2]);
  });

  it('keeps users and items with no interactions as empty rows', () => {
    // Prepare
    const data = interactionsOf([['u', 'a']], ['a', 'unseen']);

    // Act
    const { byItem } = userItemMatrix(data);

    // Assess
    expect(rowsOf(byItem)).toEqual([[[0, 1]], []]);
  });

  it('fails on a userStart that does not cover the interactions', () => {
    // Prepare
    const data = { ...interactionsOf([['u', 'a']]), userStart: Uint32Array.from([0, 2]) };

    // Act + Assess
    expect(() => userItemMatrix(data)).toThrow(RangeError);
  });
});

describe('transpose', () => {
  it('is its own inverse', () => {
    // Prepare
    const { byUser } = userItemMatrix(
      interactionsOf([
        ['u', 'x'],
        ['v', 'y'],
        ['v', 'x'],
        ['w', 'z'],
      ]),
    );

    // Act
    const twice = transpose(transpose(byUser));

    // Assess
    expect(rowsOf(twice)).toEqual(rowsOf(byUser));
  });
});
