/**
 * EASE's weights B (Steck 2019, eq. 8) from the user × item matrix X, kept sparse: of each row of
 * B, the `keep` entries largest in magnitude.
 *
 * Two forms give the same B; the smaller inverse decides between them.
 *
 * Direct, when items ≤ users: with the Gram matrix G and its inverse P (items × items),
 *
 *   G = XᵀX + λI,   P = G⁻¹,   B_hj = −P_hj / P_jj  (j ≠ h),   B_hh = 0.             (eq. 8)
 *
 * Woodbury, when users < items. The direct form costs the items × items inverse whatever the
 * number of users; with fewer users than items the Woodbury identity (Woodbury 1950,
 * "Inverting Modified Matrices") (A + UCV)⁻¹ = A⁻¹ − A⁻¹U(C⁻¹ + VA⁻¹U)⁻¹VA⁻¹, with A = λI_I,
 * U = Xᵀ, C = I_U, V = X, trades it for the users × users one:
 *
 *   P = (XᵀX + λI_I)⁻¹ = (1/λ)(I − K),   K = Xᵀ·M·X,   M = (λI_U + XXᵀ)⁻¹,
 *
 * so with x_j the j-th column of X (its n_j users), K_hj = x_hᵀ·M·x_j, and
 *
 *   P_hj = −K_hj / λ  (h ≠ j),   P_jj = (1 − K_jj) / λ,   B_hj = K_hj / (1 − K_jj).
 *
 * XXᵀ takes Σ_j n_j²/2 multiply-adds, M users³/2 (inverse.ts), diag(K) Σ_j n_j²/2 more. The items ×
 * items K is never held: its rows come BLOCK items H at a time, K[H, :] = (Xᵀ·(M·X_H))ᵀ, where
 * M·X_H costs users·nnz(X_H) (a sum of rows of M per item) and Xᵀ·(M·X_H) nnz(X)·|H|: in all
 * (users + items)·nnz(X) against the direct form's items³/2.
 *
 * Either way row h of B is B_hj = r_hj·s_j, r_h a row of P or of K and s_j = −1/P_jj or
 * 1/(1 − K_jj), and the kernel (assembly/kernel.ts) keeps each row's largest |B_hj|.
 *
 * Threads: the inverse is the sweep's, on this thread. The rows of B are independent, so the row
 * pass runs on `threads` threads, each taking the next block of rows as it finishes one; who
 * computes a row never changes it, so the weights are the same for any thread count. The second
 * core pays when it is free, as on a training job's own machine: the Woodbury row pass for 2,000
 * users × 17,500 items × 400,000 interactions took 1.9 to 2.8 s on two threads against 3.0 to
 * 3.4 s on one on this 2-core machine idle; with another process busy on both cores, 5.4 s
 * either way.
 */
import type { Csr, UserItemMatrix } from '../user-item-matrix';
import { wasmSpdInverter } from './inverse';
import { kernelThreads, runTasks } from './threads';

export type Form = 'direct' | 'woodbury';

/** The form whose inverse is smaller: items × items when items ≤ users, else users × users. */
export const formFor = (users: number, items: number): Form =>
  items <= users ? 'direct' : 'woodbury';

/** x_ui from the pair's summed event weight. */
export const capped = (w: number): number => Math.min(1, w);

/**
 * Rows of B per task, a multiple of 8 (gatherRows' width). A Woodbury task's scratch is
 * 16·users + 24·keep bytes per row of the block (Z, Zᵀ, the row's candidates); 64 and 128 ran
 * alike, 32 slower (more passes over X per row).
 */
const BLOCK = 64;

export interface EaseWeights {
  /** B, items × items: each row's kept entries, columns ascending. */
  weights: Csr;
  /** Seconds spent on G (or XXᵀ), on its inverse, and on the rows of B. */
  seconds: { gram: number; inverse: number; rows: number };
}

export async function easeWeights(
  matrix: UserItemMatrix,
  lambda: number,
  form: Form,
  keep: number,
  threads: number,
): Promise<EaseWeights> {
  const { byUser, byItem } = matrix;
  const users = byUser.rows;
  const items = byItem.rows;
  const n = form === 'direct' ? items : users;
  const kept = Math.max(0, Math.min(keep, items - 1));
  const entries = byItem.indptr[items];
  const tasks = Math.ceil(items / BLOCK);
  const threadCount = Math.max(1, Math.min(threads, tasks));

  // The scratch, after the inverter's own memory: byte offsets from its start.
  const space = new Space();
  const scaleAt = space.take(8 * items);
  const columnsAt = space.take(4 * items * kept);
  const valuesAt = space.take(4 * items * kept);
  const countsAt = space.take(4 * items);
  const csrAt = {
    indptr: space.take(form === 'woodbury' ? 4 * (items + 1) : 0),
    indices: space.take(form === 'woodbury' ? 4 * entries : 0),
    x: space.take(form === 'woodbury' ? 8 * entries : 0),
  };
  // Each thread's: a buffer of 2·kept candidates per row of its block (one in the direct form),
  // their sizes and least magnitudes, and in the Woodbury form Z = M·X_H and its transpose.
  const buffers = form === 'direct' ? 1 : BLOCK;
  const threadAt = Array.from({ length: threadCount }, () => ({
    buffers: space.take(buffers * 24 * kept),
    sizes: space.take(4 * buffers),
    leasts: space.take(8 * buffers),
    z: space.take(form === 'woodbury' ? 8 * users * BLOCK : 0),
    zt: space.take(form === 'woodbury' ? 8 * BLOCK * users : 0),
  }));
  const inverter = wasmSpdInverter(n, space.bytes);
  const base = inverter.scratchAt;
  const { buffer } = inverter.memory;
  const a = inverter.matrix;

  let clock = performance.now();
  const lap = (): number => {
    const now = performance.now();
    const seconds = (now - clock) / 1000;
    clock = now;
    return seconds;
  };
  if (form === 'direct') gram(byUser, byItem, lambda, a);
  else gram(byItem, byUser, lambda, a);
  const gramSeconds = lap();
  inverter.invert();
  const inverseSeconds = lap();

  mirrorUpper(a, n);
  const scale = new Float64Array(buffer, base + scaleAt, items);
  if (form === 'direct') {
    for (let j = 0; j < items; j++) scale[j] = -1 / a[j * n + j];
  } else {
    new Uint32Array(buffer, base + csrAt.indptr, items + 1).set(byItem.indptr);
    new Uint32Array(buffer, base + csrAt.indices, entries).set(byItem.indices);
    const x = new Float64Array(buffer, base + csrAt.x, entries);
    for (let e = 0; e < entries; e++) x[e] = capped(byItem.values[e]);
    diagonalScale(byItem, x, a, users, scale);
  }

  const pool = kernelThreads(threadCount, inverter.memory);
  try {
    await runTasks(pool, tasks, (task, thread) => {
      const first = task * BLOCK;
      const last = Math.min(items, first + BLOCK);
      const at = threadAt[thread];
      const out = [base + columnsAt, base + valuesAt, base + countsAt];
      const buffersAt = [base + at.buffers, base + at.sizes, base + at.leasts];
      if (form === 'direct') {
        // Rows first to last of P, in place.
        const rows = a.byteOffset + first * n * 8;
        return [['selectRows', rows, base + scaleAt, n, first, last, kept, ...buffersAt, ...out]];
      }
      const csr = [base + csrAt.indptr, base + csrAt.indices, base + csrAt.x];
      return [
        [
          'combineColumns',
          base + at.z,
          base + at.zt,
          a.byteOffset,
          users,
          ...csr,
          first,
          last,
          BLOCK,
        ],
        [
          'gatherRows',
          base + at.z,
          BLOCK,
          items,
          ...csr,
          base + scaleAt,
          first,
          last,
          kept,
          ...buffersAt,
          ...out,
        ],
      ];
    });
  } finally {
    await pool.close();
  }
  const weights = compact(
    items,
    kept,
    new Uint32Array(buffer, base + countsAt, items),
    new Uint32Array(buffer, base + columnsAt, items * kept),
    new Float32Array(buffer, base + valuesAt, items * kept),
  );
  return { weights, seconds: { gram: gramSeconds, inverse: inverseSeconds, rows: lap() } };
}

/** Byte offsets handed out in order, each 16-byte aligned for the kernel's v128 loads. */
class Space {
  bytes = 0;
  take(bytes: number): number {
    const at = this.bytes;
    this.bytes += Math.ceil(bytes / 16) * 16;
    return at;
  }
}

/**
 * AᵀA + λI on and above the diagonal, into `g` (n × n, zeroed), for A given by rows (`a`) and by
 * columns (`aT`, its transpose): X for G = XᵀX + λI, Xᵀ for XXᵀ + λI. Row i is
 * Σ_{r ∋ i} a_ri · a_r[i:], each row of A read from column i on: rows of `a` list columns in
 * ascending order, and columns are visited in ascending order, so a cursor per row always points
 * at column i when i comes up. Every product is then taken once and written into one dense row:
 * Σ_r n_r²/2 multiply-adds for n_r the entries of row r.
 */
function gram(a: Csr, aT: Csr, lambda: number, g: Float64Array): void {
  const n = aT.rows;
  const { indptr, indices } = a;
  const x = a.values.map(capped);
  const cursor = indptr.slice(0, a.rows);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let e = aT.indptr[i]; e < aT.indptr[i + 1]; e++) {
      const r = aT.indices[e];
      const from = cursor[r]++;
      const xri = x[from];
      const end = indptr[r + 1];
      for (let f = from; f < end; f++) g[row + indices[f]] += xri * x[f];
    }
    g[row + i] += lambda;
  }
}

/** Copies the upper triangle of the symmetric n × n `a` below the diagonal, in cache-sized tiles. */
function mirrorUpper(a: Float64Array, n: number): void {
  const tile = 64;
  for (let i0 = 0; i0 < n; i0 += tile) {
    const i1 = Math.min(n, i0 + tile);
    for (let j0 = 0; j0 <= i0; j0 += tile) {
      for (let i = i0; i < i1; i++) {
        const j1 = Math.min(i, j0 + tile);
        for (let j = j0; j < j1; j++) a[i * n + j] = a[j * n + i];
      }
    }
  }
}

/**
 * s_j = 1/(1 − K_jj), K_jj = x_jᵀ·M·x_j = Σ_{u,v ∋ j} x_uj·x_vj·M_uv over item j's users, in
 * ascending order, so each pair is read once from M's upper triangle: Σ_j n_j²/2 multiply-adds.
 * 1 − K_jj = λP_jj > 0.
 */
function diagonalScale(
  byItem: Csr,
  x: Float64Array,
  m: Float64Array,
  users: number,
  scale: Float64Array,
): void {
  const { indptr, indices } = byItem;
  for (let j = 0; j < byItem.rows; j++) {
    let k = 0;
    for (let e = indptr[j]; e < indptr[j + 1]; e++) {
      const row = indices[e] * users;
      let mx = 0;
      for (let f = e + 1; f < indptr[j + 1]; f++) mx += m[row + indices[f]] * x[f];
      k += x[e] * (x[e] * m[row + indices[e]] + 2 * mx);
    }
    scale[j] = 1 / (1 - k);
  }
}

/** The kept entries, `kept` slots a row with counts[h] of them used, as compressed sparse rows. */
function compact(
  items: number,
  kept: number,
  counts: Uint32Array,
  columns: Uint32Array,
  values: Float32Array,
): Csr {
  const indptr = new Uint32Array(items + 1);
  for (let h = 0; h < items; h++) indptr[h + 1] = indptr[h] + counts[h];
  const indices = new Uint32Array(indptr[items]);
  const weights = new Float32Array(indptr[items]);
  for (let h = 0; h < items; h++) {
    for (let k = 0, at = indptr[h]; at < indptr[h + 1]; k++, at++) {
      indices[at] = columns[h * kept + k];
      weights[at] = values[h * kept + k];
    }
  }
  return { rows: items, columns: items, indptr, indices, values: weights };
}
