import {
  confidenceMatrix,
  recencyOf,
  regularizationOf,
  rowRegularization,
} from '../../../layers/core/recipes/ials/matrix';
import type { Interactions } from '../../../layers/core/recipes/recipe';

/** Users a and b over items x, y, z: a meets z twice (weights 1 and 2), then x; b meets y. */
const data: Interactions = {
  userIds: ['a', 'b'],
  itemIds: ['x', 'y', 'z'],
  userStart: Uint32Array.of(0, 3, 4),
  item: Uint32Array.of(2, 2, 0, 1),
  weight: Float32Array.of(1, 2, 1, 1),
  time: Float64Array.of(100, 200, 300, 300),
};

// The aggregation itself (sums, order, transpose) is user-item-matrix.test.ts's.
describe('iALS confidence matrix', () => {
  it('turns summed weights into c = 1 + alpha·w, both ways', () => {
    const matrix = confidenceMatrix(data, 10, null);

    expect([matrix.users, matrix.items]).toEqual([2, 3]);
    expect([...matrix.byUser.indices]).toEqual([0, 2, 1]);
    expect([...matrix.byUser.values]).toEqual([11, 31, 11]);
    expect([...matrix.byItem.values]).toEqual([11, 11, 31]);
    expect(matrix.totalConfidence).toBe(53);
  });

  it('halves the weight of the oldest event under recency_mask, and keeps the newest whole', () => {
    const recency = recencyOf(data.time);

    const matrix = confidenceMatrix(data, 10, recency);

    expect(recency).toEqual({ newest: 300, halfLife: 200 });
    // z: 1·2^(−200/200) + 2·2^(−100/200); x and y at the newest time.
    expect(matrix.byUser.values[1]).toBeCloseTo(1 + 10 * (0.5 + 2 * Math.SQRT1_2), 5);
    expect(matrix.byUser.values[0]).toBe(11);
  });

  it('does not decay events that all share one time', () => {
    expect(recencyOf(Float64Array.of(5, 5, 5))).toBeNull();
    expect(recencyOf(new Float64Array(0))).toBeNull();
  });

  it('leaves the given interactions untouched', () => {
    confidenceMatrix(data, 10, recencyOf(data.time));

    expect([...data.weight]).toEqual([1, 2, 1, 1]);
  });

  it("scales λ by each row's entries plus α₀ times the other side's rows, to the power ν", () => {
    const { byUser, byItem } = confidenceMatrix(data, 10, null);

    // a has 2 items and b 1, of 3; x, y and z have 1 user each, of 2.
    expect([...regularizationOf(byUser, 0.5, 1, 0.25)]).toEqual([0.5 * 2.75, 0.5 * 1.75]);
    expect([...regularizationOf(byItem, 0.5, 1, 0.25)]).toEqual([0.75, 0.75, 0.75]);
    expect(rowRegularization(0.5, 0.5, 1, 6, 3)).toBe(1.5);
    expect(rowRegularization(0.5, 0, 0.25, 6, 3)).toBe(0.5);
  });
});
