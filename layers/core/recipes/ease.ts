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
 * Training (ease/weights.ts) inverts the smaller of G (items × items) and λI + XXᵀ (users ×
 * users, by the Woodbury identity), in float64 in one WebAssembly memory, and keeps of each row
 * of B its KEEP entries largest in magnitude. Cost: min(users, items)³/2 multiply-adds for the
 * inverse (ease/inverse.ts), plus (users + items)·nnz(X) for the rows of B when users are the
 * fewer; easeTrainingCost estimates it in seconds. Measured on this 2-core machine (npm run
 * bench -- ease, while another process kept both cores busy): 5,500 users × 17,500 items ×
 * 400,000 interactions in 21 s on two threads and 25 s on one (the inverse 13 to 17 s of it), a
 * 70 MB artifact, scoring a 50-item history in 0.12 ms (p99 under 1 ms); citeulike-a (5,551 ×
 * 16,980) in 16 to 20 s; 20,000 users × 5,000 items (the direct form) in 11 to 12 s.
 *
 * Artifact, format 2: meta {itemIds, l2Regularization, historyDecay}; arrays B's kept entries as
 * compressed sparse rows: indptr (u32, items + 1), indices (u32, columns ascending within a
 * row) and values (f32); and users (u32, items), each item's distinct users in training.
 */
import { ArtifactFormatError, writeArtifact } from './artifact';
import { capped, easeWeights, formFor } from './ease/weights';
import { artifactArray, CatalogueMeta, numberParameter, openArtifact } from './model-io';
import type { History, Interactions, Model, Recipe, TrainOptions } from './recipe';
import type { Csr } from './user-item-matrix';
import { userItemMatrix } from './user-item-matrix';

const NAME = 'tailor-ease';
const VERSION = 2;

/**
 * Entries kept per row of B: 8 bytes each, so 70 MB at 17,500 items, which S3 holds and a
 * 512 MB Lambda loads. NDCG@10 against the whole B (npm run bench -- quality --seeds 1 --recipes
 * tailor-ease, λ 500, settings W / S):
 *
 *              whole B         1000            500             200             100
 *   ml-100k    0.1405/0.1407   0.1404/0.1415   0.1408/0.1415   0.1319/0.1395   0.1307/0.1391
 *   ML-1M      0.3280/0.3266   0.3279/0.3283   0.3270/0.3277   0.3240/0.3230   0.3166/0.3190
 *   citeulike  0.2025/0.1927   0.2006/0.1910   0.1963/0.1903   0.1840/0.1816   0.1681/0.1702
 *
 * 500 loses nothing on MovieLens and 3% (W) or 1% (S) on citeulike-a's 16,980 items; 1000 would
 * lose 1% there at twice the size, 200 loses 6% on ml-100k and 9% on citeulike-a.
 */
export const KEEP = 500;

/**
 * The largest inverse EASE takes on, min(users, items): n² float64 must fit WebAssembly's 4 GiB
 * with the row pass's scratch beside it (3.2 GB at 20,000), and n³/2 multiply-adds take about
 * 10 minutes at 20,000.
 */
export const MAX_INVERSE = 20_000;

/**
 * Rates on this 2-core machine, one thread, fitted to npm run bench -- ease --threads 1 (its
 * three cases then estimated within 12%, on one thread or two): the sweep's multiply-adds per
 * second (ease/inverse.ts: 6.5 G on an idle machine, 5 G on a busy one); entries of the
 * inverted matrix per second for everything else that touches it (its first writes, which
 * fault its pages in, the Gram matrix, the mirror, reading P's rows); and the Woodbury row
 * pass's (users + items)·interactions per second (M·X_H, then Xᵀ·(M·X_H) with the selection).
 */
const SWEEP_RATE = 6e9;
const MATRIX_RATE = 1.8e7;
const ROW_RATE = 1.3e9;

/**
 * Estimated seconds to train on this 2-core machine, with n = min(users, items):
 *
 *   n³/2 / SWEEP_RATE + n² / MATRIX_RATE + [users < items] (users + items)·interactions /
 *   (ROW_RATE·threads)
 *
 * the inverse, the matrix around it, and the Woodbury form's row pass. Lets AutoML and HPO skip
 * EASE where it cannot finish in their budget.
 */
export function easeTrainingCost(
  users: number,
  items: number,
  interactions: number,
  threads = 1,
): number {
  const n = Math.min(users, items);
  const woodbury = formFor(users, items) === 'woodbury';
  const rows = woodbury ? ((users + items) * interactions) / ROW_RATE / threads : 0;
  return n ** 3 / 2 / SWEEP_RATE + n ** 2 / MATRIX_RATE + rows;
}

/** Raised before any work when the inverse would be too large; training ends CREATE FAILED with it. */
export class CatalogueTooLargeError extends Error {
  override readonly name = 'CatalogueTooLargeError';
}

interface EaseMeta extends CatalogueMeta {
  l2Regularization: number;
  /** ρ: a history's event weighs ρ^k when k events follow it (aws-user-personalization). */
  historyDecay: number;
}

/** EASE's model, under tailor-ease or aws-user-personalization (user-personalization.ts). */
export class EaseModel implements Model {
  readonly itemIds: readonly string[];
  /** Scratch for scoreUser, allocated once: x_u by item, and the items it holds. */
  private readonly x: Float32Array;
  private readonly held: Uint32Array;

  constructor(
    readonly recipe: string,
    readonly meta: EaseMeta,
    private readonly weights: Csr,
    /**
     * Each item's distinct users in training: what someone with no history is shown
     * (serving/models.ts popularityOf), since x = 0 scores every item alike.
     */
    private readonly users: Uint32Array,
  ) {
    this.itemIds = meta.itemIds;
    this.x = new Float32Array(meta.itemIds.length);
    this.held = new Uint32Array(meta.itemIds.length);
  }

  /** The same weights scoring histories under decay ρ instead. */
  withHistoryDecay(historyDecay: number): EaseModel {
    return new EaseModel(this.recipe, { ...this.meta, historyDecay }, this.weights, this.users);
  }

  /** score_j = Σ_{i ∈ history} x_i·B_ij, over each history item's kept entries. */
  scoreUser(_userId: string | undefined, history: History, scores: Float32Array): void {
    const { x, held } = this;
    const { indptr, indices, values } = this.weights;
    const { historyDecay } = this.meta;
    const events = history.items.length;
    let count = 0;
    for (let k = 0; k < events; k++) {
      const i = history.items[k];
      if (x[i] === 0) held[count++] = i;
      // ρ^(events after this one), as iALS's fold-in weighs a history (ials/model.ts).
      x[i] += history.weights[k] * (historyDecay === 1 ? 1 : historyDecay ** (events - 1 - k));
    }
    // In item order, so the sum does not depend on the order of the history.
    const items = held.subarray(0, count).sort();
    scores.fill(0);
    for (let k = 0; k < count; k++) {
      const i = items[k];
      const xi = capped(x[i]);
      x[i] = 0;
      for (let e = indptr[i]; e < indptr[i + 1]; e++) scores[indices[e]] += xi * values[e];
    }
  }

  encode(): Uint8Array {
    const { indptr, indices, values } = this.weights;
    return writeArtifact({
      recipe: this.recipe,
      version: VERSION,
      meta: this.meta,
      arrays: { indptr, indices, values, users: this.users },
    });
  }
}

/** EASE with l2_regularization λ, as `recipe`'s model. */
export async function trainEase(
  recipe: string,
  data: Interactions,
  lambda: number,
  options: TrainOptions,
): Promise<EaseModel> {
  const users = data.userIds.length;
  const items = data.itemIds.length;
  if (Math.min(users, items) > MAX_INVERSE) {
    throw new CatalogueTooLargeError(
      `EASE trains where users or items number at most ${MAX_INVERSE}; these data have ${users} users and ${items} items. Use aws-user-personalization with algorithm ials instead.`,
    );
  }
  const form = formFor(users, items);
  options.log(
    `EASE: ${users} users, ${items} items, λ = ${lambda}: the ${form} form, a ${Math.min(users, items)}-square inverse`,
  );
  const matrix = userItemMatrix(data);
  const { weights, seconds } = await easeWeights(matrix, lambda, form, KEEP, options.threads);
  options.log(
    `EASE: ${form === 'direct' ? 'XᵀX' : 'XXᵀ'} in ${seconds.gram.toFixed(2)} s, its inverse in ${seconds.inverse.toFixed(2)} s, the rows of B in ${seconds.rows.toFixed(2)} s; ${weights.indptr[items]} entries kept (at most ${KEEP} a row)`,
  );
  return new EaseModel(
    recipe,
    { itemIds: [...data.itemIds], l2Regularization: lambda, historyDecay: 1 },
    weights,
    Uint32Array.from(
      { length: items },
      (_, i) => matrix.byItem.indptr[i + 1] - matrix.byItem.indptr[i],
    ),
  );
}

/** An EASE artifact written as `recipe`'s, every array checked. */
export function decodeEase(recipe: string, bytes: Uint8Array): EaseModel {
  const artifact = openArtifact(bytes, recipe, VERSION);
  const meta = artifact.meta as EaseMeta;
  if (typeof meta.l2Regularization !== 'number' || typeof meta.historyDecay !== 'number') {
    throw new ArtifactFormatError(
      `The ${recipe} artifact has no l2Regularization or historyDecay.`,
    );
  }
  const n = meta.itemIds.length;
  const indptr = artifactArray(artifact, 'indptr', Uint32Array, n + 1);
  const entries = indptr[n];
  const indices = artifactArray(artifact, 'indices', Uint32Array, entries);
  const values = artifactArray(artifact, 'values', Float32Array, entries);
  // Scoring indexes by these: rows must be in order and columns in the catalogue.
  for (let i = 0; i < n; i++) {
    if (indptr[i] > indptr[i + 1]) {
      throw new ArtifactFormatError(`The ${recipe} artifact's indptr decreases at row ${i}.`);
    }
  }
  if (indptr[0] !== 0 || indices.some((j) => j >= n)) {
    throw new ArtifactFormatError(`The ${recipe} artifact's weights point outside its catalogue.`);
  }
  return new EaseModel(
    recipe,
    meta,
    { rows: n, columns: n, indptr, indices, values },
    artifactArray(artifact, 'users', Uint32Array, n),
  );
}

export const ease: Recipe = {
  name: NAME,
  type: 'USER_PERSONALIZATION',
  train: (data, parameters, options) =>
    trainEase(NAME, data, numberParameter(parameters, 'l2_regularization'), options),
  decode: (bytes) => decodeEase(NAME, bytes),
  estimateSeconds: (data) =>
    easeTrainingCost(data.userIds.length, data.itemIds.length, data.item.length),
};
