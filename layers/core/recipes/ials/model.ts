/**
 * A trained iALS model: user and item factors, scored by dot product. A user the model learned
 * is scored from their factor; anyone else (a new user, an anonymous session, a held-out test
 * user) is folded in from their history: one exact user half-step against the fixed item
 * factors, with the training's confidence rule. That is how real-time serving personalises from
 * the first events, so the artifact keeps what fold-in needs: the item factors, their Gram
 * matrix YᵀY, λ, α and the recency decay.
 *
 * Artifact (artifact.ts container, recipe format version 1):
 *   meta    {factors, regularization, alpha, recency: {newest, halfLife} | null,
 *            hyperParameters (sorted by name), userIds, itemIds}
 *   arrays  userFactors  f32  users × factors, row-major, in userIds order
 *           itemFactors  f32  items × factors, in itemIds order
 *           itemGram     f64  factors × factors, YᵀY of itemFactors
 * Users with no training interaction are left out: they have no factor to learn and are
 * folded in like any new user.
 */
import { ArtifactFormatError, writeArtifact } from '../artifact';
import { artifactArray, openArtifact } from '../model-io';
import type { History, HyperParameters, Model } from '../recipe';
import { decay, type Recency } from './matrix';

const ARTIFACT_VERSION = 1;

/** The artifact's meta as encode writes it; decode checks each field. */
type IalsMeta = Pick<
  IalsModelData,
  'factors' | 'regularization' | 'alpha' | 'recency' | 'hyperParameters' | 'userIds' | 'itemIds'
>;

export interface IalsModelData {
  factors: number;
  regularization: number;
  alpha: number;
  /** recency_mask's decay; null when off or when the training events all had one time. */
  recency: Recency | null;
  hyperParameters: HyperParameters;
  userIds: readonly string[];
  itemIds: readonly string[];
  /** users × factors. */
  userFactors: Float32Array;
  /** items × factors. */
  itemFactors: Float32Array;
  /** factors × factors: YᵀY of itemFactors, in float64. */
  itemGram: Float64Array;
}

export class IalsModel implements Model {
  readonly itemIds: readonly string[];
  private readonly userRows: ReadonlyMap<string, number>;
  // Scratch for scoreUser, allocated once: the user's factor and fold-in's normal equations.
  private readonly x: Float64Array;
  private readonly system: Float64Array;
  private readonly itemWeight: Float64Array;
  private readonly inHistory: Uint8Array;
  private readonly historyItems: Uint32Array;

  constructor(
    readonly recipe: string,
    readonly data: IalsModelData,
  ) {
    const { factors: k, itemIds } = data;
    this.itemIds = itemIds;
    this.userRows = new Map(data.userIds.map((id, row) => [id, row]));
    this.x = new Float64Array(k);
    this.system = new Float64Array(k * k);
    this.itemWeight = new Float64Array(itemIds.length);
    this.inHistory = new Uint8Array(itemIds.length);
    this.historyItems = new Uint32Array(itemIds.length);
  }

  /** scores_i = x·y_i for every item, x learned or folded in. */
  scoreUser(userId: string | undefined, history: History, scores: Float32Array): void {
    const { factors: k, itemFactors } = this.data;
    if (scores.length !== this.itemIds.length) {
      throw new RangeError(`scores has ${scores.length} entries for ${this.itemIds.length} items.`);
    }
    const row = userId === undefined ? undefined : this.userRows.get(userId);
    const x = this.x;
    if (row === undefined) this.foldIn(history);
    else for (let a = 0; a < k; a++) x[a] = this.data.userFactors[row * k + a];
    for (let i = 0; i < scores.length; i++) {
      let score = 0;
      for (let a = 0; a < k; a++) score += x[a] * itemFactors[i * k + a];
      scores[i] = score;
    }
  }

  /**
   * this.x = argmin_x Σ_i c_i (p_i − x·y_i)² + λ‖x‖² over all items, p_i = 1 for the history's
   * items: the normal equations (YᵀY + λI + Σ_h (c_h − 1) y_h y_hᵀ) x = Σ_h c_h y_h over the
   * distinct history items h, with c_h = 1 + α·w_h as in training (w_h sums the item's event
   * weights, decayed by age from the newer of the training's newest event and the history's),
   * solved exactly by Cholesky: one system, so no need for CG's shortcut.
   */
  private foldIn(history: History): void {
    const { factors: k, itemFactors, itemGram, regularization, alpha, recency } = this.data;
    const { x, system, itemWeight, inHistory, historyItems } = this;
    let newest = recency?.newest ?? 0;
    for (let e = 0; e < history.times.length; e++) newest = Math.max(newest, history.times[e]);
    let distinct = 0;
    for (let e = 0; e < history.items.length; e++) {
      const i = history.items[e];
      if (i >= this.itemIds.length) {
        throw new RangeError(`History item ${i} is outside the ${this.itemIds.length} items.`);
      }
      if (!inHistory[i]) {
        inHistory[i] = 1;
        historyItems[distinct++] = i;
      }
      itemWeight[i] += history.weights[e] * decay(recency, newest, history.times[e]);
    }
    x.fill(0);
    if (distinct === 0) return;

    system.set(itemGram);
    for (let a = 0; a < k; a++) system[a * k + a] += regularization;
    for (let h = 0; h < distinct; h++) {
      const i = historyItems[h];
      const c = 1 + alpha * itemWeight[i];
      const y = i * k;
      for (let a = 0; a < k; a++) {
        x[a] += c * itemFactors[y + a];
        for (let j = 0; j <= a; j++) {
          system[a * k + j] += (c - 1) * itemFactors[y + a] * itemFactors[y + j];
        }
      }
      inHistory[i] = 0;
      itemWeight[i] = 0;
    }
    choleskySolve(system, x, k);
  }

  encode(): Uint8Array {
    const d = this.data;
    const hyperParameters = Object.fromEntries(
      Object.keys(d.hyperParameters)
        .sort()
        .map((name) => [name, d.hyperParameters[name]]),
    );
    const meta: IalsMeta = {
      factors: d.factors,
      regularization: d.regularization,
      alpha: d.alpha,
      recency: d.recency,
      hyperParameters,
      userIds: d.userIds,
      itemIds: d.itemIds,
    };
    return writeArtifact({
      recipe: this.recipe,
      version: ARTIFACT_VERSION,
      meta,
      arrays: { userFactors: d.userFactors, itemFactors: d.itemFactors, itemGram: d.itemGram },
    });
  }

  /** Reads an artifact of `recipe` as data only, checking every field's type and size. */
  static decode(recipe: string, bytes: Uint8Array): IalsModel {
    const artifact = openArtifact(bytes, recipe, ARTIFACT_VERSION);
    const meta = artifact.meta as Partial<IalsMeta> & { itemIds: string[] };
    const k = meta.factors;
    const recency = meta.recency;
    if (
      recency === undefined ||
      typeof k !== 'number' ||
      !Number.isInteger(k) ||
      k < 1 ||
      typeof meta.regularization !== 'number' ||
      typeof meta.alpha !== 'number' ||
      typeof meta.hyperParameters !== 'object' ||
      meta.hyperParameters === null ||
      !Array.isArray(meta.userIds) ||
      !meta.userIds.every((id) => typeof id === 'string') ||
      (recency !== null &&
        (typeof recency.newest !== 'number' || typeof recency.halfLife !== 'number'))
    ) {
      throw new ArtifactFormatError(`The ${recipe} artifact's metadata is malformed.`);
    }
    return new IalsModel(recipe, {
      factors: k,
      regularization: meta.regularization,
      alpha: meta.alpha,
      recency,
      hyperParameters: meta.hyperParameters,
      userIds: meta.userIds,
      itemIds: meta.itemIds,
      userFactors: artifactArray(artifact, 'userFactors', Float32Array, meta.userIds.length * k),
      itemFactors: artifactArray(artifact, 'itemFactors', Float32Array, meta.itemIds.length * k),
      itemGram: artifactArray(artifact, 'itemGram', Float64Array, k * k),
    });
  }
}

/**
 * Solves A x = b in place for a symmetric positive definite A given by its lower triangle:
 * A = L Lᵀ (Cholesky, L overwrites A's lower triangle), then L z = b and Lᵀ x = z.
 */
function choleskySolve(A: Float64Array, b: Float64Array, k: number): void {
  for (let j = 0; j < k; j++) {
    let d = A[j * k + j];
    for (let m = 0; m < j; m++) d -= A[j * k + m] * A[j * k + m];
    const ljj = Math.sqrt(d);
    A[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let s = A[i * k + j];
      for (let m = 0; m < j; m++) s -= A[i * k + m] * A[j * k + m];
      A[i * k + j] = s / ljj;
    }
  }
  for (let i = 0; i < k; i++) {
    let s = b[i];
    for (let m = 0; m < i; m++) s -= A[i * k + m] * b[m];
    b[i] = s / A[i * k + i];
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = b[i];
    for (let m = i + 1; m < k; m++) s -= A[m * k + i] * b[m];
    b[i] = s / A[i * k + i];
  }
}
