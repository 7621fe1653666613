/**
 * tailor-ease (USER_PERSONALIZATION): EASE, "Embarrassingly Shallow Autoencoders for Sparse
 * Data" (Harald Steck, WWW 2019). Not in Personalize.
 *
 * An item × item weight matrix B reconstructs each user's row of the user × item matrix X from
 * the user's other items:
 *
 *   min_B ‖X − X·B‖²_F + λ‖B‖²_F   subject to diag(B) = 0
 *
 * whose closed form (the paper's eq. 8) is, with the Gram matrix G and its inverse P,
 *
 *   G = XᵀX + λI,   P = G⁻¹,   B_ij = −P_ij / P_jj (i ≠ j),   B_jj = 0.
 *
 * Here x_ui = min(1, w_ui), w_ui the summed weight of the pair's events: binary, as in the
 * paper, when every event weighs 1; eventsConfig weights below 1 count for less; repeats and
 * heavy events saturate at 1. λ is l2_regularization. A user is scored from their history
 * alone, with the same x: score = x_u·B, the sum of the rows of B of the history's items. There
 * is nothing per user to learn, so known and new users are scored alike, and trainingMode
 * UPDATE retrains in full.
 *
 * Cost: G takes Σ_u n_u²/2 multiply-adds and its inverse n³/2 (ease/inverse.ts), in float64 in
 * one WebAssembly memory, on one thread; B is kept as float32. Measured on this 2-core machine:
 * ml-100k (1,682 items) trains in about 0.45 s (0.35 s of it the inverse), ML-1M (3,706 items)
 * in about 5 s (3.9 s; G 0.8 s). Catalogues over MAX_ITEMS items are refused (memory n²·12 bytes,
 * time n³).
 *
 * Artifact, format 1: meta {itemIds, l2Regularization}; arrays weights (f32, items × items,
 * row-major: B).
 */
import { ArtifactFormatError, writeArtifact } from './artifact';
import { wasmSpdInverter } from './ease/inverse';
import { artifactArray, CatalogueMeta, numberParameter, openArtifact } from './model-io';
import type { History, Model, Recipe } from './recipe';
import { Csr, userItemMatrix } from './user-item-matrix';

const NAME = 'tailor-ease';
const VERSION = 1;
/**
 * The largest catalogue EASE trains on: G takes n² float64 (3.2 GB at 20,000 items, within
 * WebAssembly's 4 GiB) and B n² float32, and the inversion n³/2 multiply-adds (minutes at 20,000).
 */
export const MAX_ITEMS = 20_000;

/** Raised before any work when the catalogue is too large; training ends CREATE FAILED with it. */
export class CatalogueTooLargeError extends Error {
  override readonly name = 'CatalogueTooLargeError';
}

interface EaseMeta extends CatalogueMeta {
  l2Regularization: number;
}

/**
 * G = XᵀX + λI on and above the diagonal, into `g` (n × n, zeroed). Item i's row is
 * Σ_{u ∋ i} x_ui · x_u[i:], each user's row read from item i on: byUser rows list items in
 * ascending order, and items are visited in ascending order, so a cursor per user always points
 * at item i when i comes up. Every product is then taken once and written into one dense row.
 */
function gram(byUser: Csr, byItem: Csr, lambda: number, g: Float64Array): void {
  const n = byItem.rows;
  const { indptr, indices } = byUser;
  const x = byUser.values.map(capped);
  const cursor = indptr.slice(0, byUser.rows);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let e = byItem.indptr[i]; e < byItem.indptr[i + 1]; e++) {
      const u = byItem.indices[e];
      const from = cursor[u]++;
      const xui = x[from];
      const end = indptr[u + 1];
      for (let f = from; f < end; f++) g[row + indices[f]] += xui * x[f];
    }
    g[row + i] += lambda;
  }
}

/** B_ij = −P_ij / P_jj off the diagonal, 0 on it, from P's upper triangle (P is symmetric). */
function weightsFrom(p: Float64Array, n: number): Float32Array {
  const b = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    const pii = p[i * n + i];
    for (let j = i + 1; j < n; j++) {
      const pij = p[i * n + j];
      b[i * n + j] = -pij / p[j * n + j];
      b[j * n + i] = -pij / pii;
    }
  }
  return b;
}

/** x_ui from the pair's summed event weight. */
const capped = (w: number): number => Math.min(1, w);

class EaseModel implements Model {
  readonly recipe = NAME;
  readonly itemIds: readonly string[];
  /** Scratch for scoreUser, allocated once: x_u by item, and the items it holds. */
  private readonly x: Float32Array;
  private readonly held: Uint32Array;

  constructor(
    private readonly meta: EaseMeta,
    private readonly weights: Float32Array,
  ) {
    this.itemIds = meta.itemIds;
    this.x = new Float32Array(meta.itemIds.length);
    this.held = new Uint32Array(meta.itemIds.length);
  }

  scoreUser(_userId: string | undefined, history: History, scores: Float32Array): void {
    const n = this.itemIds.length;
    const { x, held } = this;
    let count = 0;
    for (let k = 0; k < history.items.length; k++) {
      const i = history.items[k];
      if (x[i] === 0) held[count++] = i;
      x[i] += history.weights[k];
    }
    // In item order, so the sum does not depend on the order of the history.
    const items = held.subarray(0, count).sort();
    scores.fill(0);
    for (let k = 0; k < count; k++) {
      const i = items[k];
      const xi = capped(x[i]);
      x[i] = 0;
      const row = i * n;
      for (let j = 0; j < n; j++) scores[j] += xi * this.weights[row + j];
    }
  }

  encode(): Uint8Array {
    return writeArtifact({
      recipe: NAME,
      version: VERSION,
      meta: this.meta,
      arrays: { weights: this.weights },
    });
  }
}

export const ease: Recipe = {
  name: NAME,
  type: 'USER_PERSONALIZATION',
  async train(data, parameters, options) {
    const n = data.itemIds.length;
    if (n > MAX_ITEMS) {
      throw new CatalogueTooLargeError(
        `${NAME} trains on catalogues of up to ${MAX_ITEMS} items; this one has ${n}. Use aws-user-personalization instead.`,
      );
    }
    const lambda = numberParameter(parameters, 'l2_regularization');
    const started = performance.now();
    const { byUser, byItem } = userItemMatrix(data);
    const inverter = wasmSpdInverter(n);
    gram(byUser, byItem, lambda, inverter.matrix);
    inverter.invert();
    const weights = weightsFrom(inverter.matrix, n);
    options.log(
      `${NAME}: ${n} items, λ = ${lambda}: Gram matrix, inverse and weights in ${Math.round(performance.now() - started)} ms`,
    );
    return new EaseModel({ itemIds: [...data.itemIds], l2Regularization: lambda }, weights);
  },
  decode(bytes) {
    const artifact = openArtifact(bytes, NAME, VERSION);
    const meta = artifact.meta as EaseMeta;
    if (typeof meta.l2Regularization !== 'number') {
      throw new ArtifactFormatError(`The ${NAME} artifact has no l2Regularization.`);
    }
    const n = meta.itemIds.length;
    return new EaseModel(meta, artifactArray(artifact, 'weights', Float32Array, n * n));
  },
};
