import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileAssembly } from '../../helpers/assembly';
import { createRandom } from '../../../layers/core/recipes/evaluation/random';
import {
  NotPositiveDefiniteError,
  referenceSpdInverter,
  SpdInverter,
  wasmSpdInverter,
} from '../../../layers/core/recipes/ease/inverse';

const ASSEMBLY = join(__dirname, '../../../layers/core/recipes/ease/assembly');

/** XᵀX + I for a random 0/1 matrix X of 2n rows: symmetric positive definite. */
function randomSpd(n: number, seed: number): Float64Array {
  const random = createRandom(seed);
  const rows = Array.from({ length: 2 * n }, () =>
    Array.from({ length: n }, () => (random.next() < 0.3 ? 1 : 0)),
  );
  const g = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      g[i * n + j] = (i === j ? 1 : 0) + rows.reduce((sum, x) => sum + x[i] * x[j], 0);
    }
  }
  return g;
}

/** Loads the upper triangle of g into the inverter, poisoning the scratch below it. */
function load(inverter: SpdInverter, g: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) inverter.matrix[i * n + j] = j >= i ? g[i * n + j] : NaN;
  }
}

/** The upper triangle mirrored: the full inverse. */
const full = (m: Float64Array, n: number) => (i: number, j: number) =>
  j >= i ? m[i * n + j] : m[j * n + i];

describe.each([
  ['the reference', referenceSpdInverter],
  ['the WebAssembly', wasmSpdInverter],
])('%s SPD inverter', (_name, create) => {
  // Sizes on both sides of the blocked version's 32-pivot blocks and its 4-wide kernel.
  it.each([1, 2, 5, 31, 32, 33, 70])(
    'inverts an n × n matrix from its upper triangle, n = %i',
    (n) => {
      // Prepare
      const g = randomSpd(n, n);
      const inverter = create(n);
      load(inverter, g, n);

      // Act
      inverter.invert();

      // Assess: G·G⁻¹ = I.
      const inverse = full(inverter.matrix, n);
      let worst = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let sum = 0;
          for (let k = 0; k < n; k++) sum += g[i * n + k] * inverse(k, j);
          worst = Math.max(worst, Math.abs(sum - (i === j ? 1 : 0)));
        }
      }
      expect(worst).toBeLessThan(1e-12);
    },
  );

  it.each([
    ['an indefinite matrix', [1, 2, 2, 1]],
    ['a matrix with NaN', [1, NaN, NaN, 1]],
  ])('fails with NotPositiveDefiniteError on %s', (_case, values) => {
    // Prepare
    const inverter = create(2);
    inverter.matrix.set(values);

    // Act + Assess
    expect(() => inverter.invert()).toThrow(NotPositiveDefiniteError);
  });
});

describe('the WebAssembly SPD inverter', () => {
  it('agrees with the reference', () => {
    // Prepare
    const n = 77;
    const g = randomSpd(n, 9);
    const [reference, fast] = [referenceSpdInverter(n), wasmSpdInverter(n)];
    load(reference, g, n);
    load(fast, g, n);

    // Act
    reference.invert();
    fast.invert();

    // Assess
    const [r, f] = [full(reference.matrix, n), full(fast.matrix, n)];
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) expect(f(i, j)).toBeCloseTo(r(i, j), 12);
    }
  });

  it('runs kernel.wasm, which is assembly/kernel.ts compiled', () => {
    expect(compileAssembly(ASSEMBLY)).toEqual(readFileSync(join(ASSEMBLY, 'kernel.wasm')));
  });
});
