/**
 * A trained iALS model: user and item factors, scored by dot product. A user the model learned
 * is scored from their factor; anyone else (a new user, an anonymous session, a held-out test
 * user) is folded in from their history: one exact user half-step against the fixed item
 * factors, with the training's confidence and regularisation rules, and the newest events
 * weighing most (history_decay). That is how real-time serving personalises from the first
 * events, so the artifact keeps what fold-in needs: the item factors, their Gram matrix YᵀY,
 * λ, ν, α₀, α, ρ and the recency decay.
 *
 * Artifact (artifact.ts container, recipe format version 2):
 *   meta    {factors, regularization, regularizationExponent, unobservedWeight, alpha,
 *            historyDecay, recency: {newest, halfLife} | null, hyperParameters (sorted by
 *            name), userIds, itemIds}
 *   arrays  userFactors  f32  users × factors, row-major, in userIds order
 *           itemFactors  f32  items × factors, in itemIds order
 *           itemGram     f64  factors × factors, YᵀY of itemFactors
 * Users with no training interaction are left out: they have no factor to learn and are
 * folded in like any new user.
 */
import { ArtifactFormatError, writeArtifact } from '../artifact';
import { artifactArray, openArtifact } from '../model-io';
import type { History, HyperParameters, Model } from '../recipe';
import { decay, type Recency, rowRegularization } from './matrix';

/** Version 2 added regularizationExponent, unobservedWeight and historyDecay. */
const ARTIFACT_VERSION = 2;

/** The artifact's meta as encode writes it; decode checks each field. */
type IalsMeta = Omit<IalsModelData, 'userFactors' | 'itemFactors' | 'itemGram'>;

export interface IalsModelData {
  factors: number;
  /** λ, ν and α₀ of the training's objective (train.ts). */
  regularization: number;
  regularizationExponent: number;
  unobservedWeight: number;
  alpha: number;
  /** ρ of history_decay: fold-in weighs an event ρ^k when k events of the history follow it. */
  historyDecay: number;
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
  private readonly itemRecency: Float64Array;
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
    this.itemRecency = new Float64Array(itemIds.length);
    this.inHistory = new Uint8Array(itemIds.length);
    this.historyItems = new Uint32Array(itemIds.length);
  }

  /** The same model folding histories in under decay ρ (history_decay) instead. */
  withHistoryDecay(historyDecay: number): IalsModel {
    const hyperParameters = { ...this.data.hyperParameters, history_decay: historyDecay };
    return new IalsModel(this.recipe, { ...this.data, historyDecay, hyperParameters });
  }

  /** scores_i = x·y_i for every item, x learned or folded in. */
  scoreUser(userId: string | undefined, history: History, scores: Float32Array): void {
    const { factors: k, itemFactors } = this.data;
    if (scores.length !== this.itemIds.length) {
      throw new RangeError(`scores has ${scores.length} entries for ${this.itemIds.length} items.`);
    }
    const x = this.userFactor(userId, history);
    for (let i = 0; i < scores.length; i++) {
      let score = 0;
      for (let a = 0; a < k; a++) score += x[a] * itemFactors[i * k + a];
      scores[i] = score;
    }
  }

  userFactor(userId: string | undefined, history: History): Float64Array {
    const k = this.data.factors;
    const row = userId === undefined ? undefined : this.userRows.get(userId);
    if (row === undefined) this.foldIn(history);
    else for (let a = 0; a < k; a++) this.x[a] = this.data.userFactors[row * k + a];
    return this.x;
  }

  /**
   * this.x = argmin_x Σ_i w_i (p_i − x·y_i)² + λ_h‖x‖² over all items, p_i = 1 and w_i = c_i
   * for the history's items, p = 0 and w = α₀ elsewhere: the normal equations
   *
   *   (α₀YᵀY + λ_h I + Σ_h (c_h − α₀) y_h y_hᵀ) x = Σ_h c_h y_h
   *
   * over the distinct history items h, solved exactly by Cholesky: one system, so no need for
   * CG's shortcut. As in training, λ_h = λ·(n + α₀·items)^ν for n distinct items, and the
   * confidence 1 + α·w_h (w_h sums the item's event weights, decayed by age from the newer of
   * the training's newest event and the history's) is then scaled by ρ^k, k the events after the
   * item's last one:
   *
   *   c_h = ρ^k (1 + α·w_h)
   *
   * so the user's latest events say most about what they want next, and an event far back
   * fades towards no evidence at all (weight 0), not towards a dislike. Like aws-sims's
   * RECENCY, ρ counts events, not seconds, whatever the data's time scale. Training leaves ρ
   * out: every past interaction is evidence of which items go together.
   */
  private foldIn(history: History): void {
    const { factors: k, itemFactors, itemGram, alpha, recency } = this.data;
    const { unobservedWeight, historyDecay } = this.data;
    const { x, system, itemWeight, itemRecency, inHistory, historyItems } = this;
    const events = history.items.length;
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
      // ρ^k for the k events after this one; a later event of the item overwrites it.
      itemRecency[i] = Math.pow(historyDecay, events - 1 - e);
    }
    x.fill(0);
    if (distinct === 0) return;

    const lambda = rowRegularization(
      this.data.regularization,
      this.data.regularizationExponent,
      unobservedWeight,
      distinct,
      this.itemIds.length,
    );
    for (let a = 0; a < k * k; a++) system[a] = unobservedWeight * itemGram[a];
    for (let a = 0; a < k; a++) system[a * k + a] += lambda;
    for (let h = 0; h < distinct; h++) {
      const i = historyItems[h];
      const c = itemRecency[i] * (1 + alpha * itemWeight[i]);
      const y = i * k;
      for (let a = 0; a < k; a++) {
        x[a] += c * itemFactors[y + a];
        for (let j = 0; j <= a; j++) {
          system[a * k + j] += (c - unobservedWeight) * itemFactors[y + a] * itemFactors[y + j];
        }
      }
      inHistory[i] = 0;
      itemWeight[i] = 0;
      itemRecency[i] = 0;
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
      regularizationExponent: d.regularizationExponent,
      unobservedWeight: d.unobservedWeight,
      alpha: d.alpha,
      historyDecay: d.historyDecay,
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
      typeof meta.regularizationExponent !== 'number' ||
      typeof meta.unobservedWeight !== 'number' ||
      typeof meta.alpha !== 'number' ||
      typeof meta.historyDecay !== 'number' ||
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
      regularizationExponent: meta.regularizationExponent,
      unobservedWeight: meta.unobservedWeight,
      alpha: meta.alpha,
      historyDecay: meta.historyDecay,
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
