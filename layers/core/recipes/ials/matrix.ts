/**
 * The user × item confidence matrix of iALS, built once per training from event-level
 * Interactions, on typed arrays only.
 *
 * Hu, Koren & Volinsky (2008), "Collaborative Filtering for Implicit Feedback Datasets", eq. (1)
 * and section 4: every (user, item) pair has a preference p_ui = 1 when observed, else 0, and a
 * confidence c_ui = 1 + α·w_ui, where w_ui is the summed weight of the pair's events (event
 * weights and values are already in `Interactions.weight`). Unobserved pairs have weight α₀
 * (unobserved_weight; 1 in Hu et al.) and are never stored: the Gram trick (kernel.ts) accounts
 * for them through α₀YᵀY.
 *
 * The matrix is the shared user × item matrix (../user-item-matrix.ts) with its values turned
 * into confidences: by user for the user half-iteration, by item for the item half. Columns
 * ascend within a row, so the result does not depend on the order of a user's events and the
 * kernels read the fixed factors in memory order.
 */
import type { Interactions } from '../recipe';
import { type Csr, userItemMatrix } from '../user-item-matrix';

export interface ConfidenceMatrix {
  users: number;
  items: number;
  /** Values are confidences c = 1 + α·w, not c − 1. */
  byUser: Csr;
  byItem: Csr;
  /** Σ c over the stored entries, in float64: normalises the loss. */
  totalConfidence: number;
}

/**
 * recency_mask. Each event's weight is multiplied by 2^(−age / halfLife), where age is measured
 * back from the newest event of the data set and the half-life is the data set's time span
 * (newest − oldest). So weights fall smoothly from 1 for the newest events to 1/2 for the
 * oldest, whatever the time scale of the data: recent tastes count more, and old history still
 * counts. Data with a single timestamp (or none: all 0) is not decayed.
 */
export interface Recency {
  /** Epoch seconds of the newest training event: age 0. */
  newest: number;
  /** Seconds for a weight to halve. */
  halfLife: number;
}

/** The decay of `recency_mask` for these events, or null when their times do not differ. */
export function recencyOf(time: Float64Array): Recency | null {
  let oldest = Infinity;
  let newest = -Infinity;
  for (let e = 0; e < time.length; e++) {
    const t = time[e];
    if (t < oldest) oldest = t;
    if (t > newest) newest = t;
  }
  return newest > oldest ? { newest, halfLife: newest - oldest } : null;
}

/** 2^(−(newest − t) / halfLife), or 1 without recency. */
export const decay = (recency: Recency | null, newest: number, t: number): number =>
  recency ? Math.pow(2, (t - newest) / recency.halfLife) : 1;

/**
 * The L2 weight of one factor row, scaled by how much of the loss the row carries: the
 * frequency-based regularisation of Rendle, Krichene, Zhang & Koren (2022, "Revisiting the
 * Performance of iALS on Item Recommendation Benchmarks"),
 *
 *   λ_u = λ·(n_u + α₀·m)^ν
 *
 * where n_u is the row's observed entries, m the rows of the other side and α₀ the weight of an
 * unobserved pair, so n_u + α₀·m is the row's weight in the loss when c = 1. With ν = 0 this is
 * Hu et al.'s single λ, strong for short rows, negligible for long ones and to be retuned for
 * every catalogue size; with ν = 1 the penalty grows with the loss it balances, so one λ suits
 * rows of every length and data sets of every size.
 */
export const rowRegularization = (
  lambda: number,
  exponent: number,
  unobservedWeight: number,
  observed: number,
  otherRows: number,
): number => lambda * Math.pow(observed + unobservedWeight * otherRows, exponent);

/** rowRegularization of every row of `csr`, against the `columns` rows of the other side. */
export function regularizationOf(
  csr: Csr,
  lambda: number,
  exponent: number,
  unobservedWeight: number,
): Float32Array {
  const out = new Float32Array(csr.rows);
  for (let r = 0; r < csr.rows; r++) {
    const observed = csr.indptr[r + 1] - csr.indptr[r];
    out[r] = rowRegularization(lambda, exponent, unobservedWeight, observed, csr.columns);
  }
  return out;
}

/** Aggregates the events into confidences: one entry per distinct (user, item) pair. */
export function confidenceMatrix(
  data: Interactions,
  alpha: number,
  recency: Recency | null,
): ConfidenceMatrix {
  const weight = recency
    ? data.weight.map((w, e) => w * decay(recency, recency.newest, data.time[e]))
    : data.weight;
  const { byUser, byItem } = userItemMatrix({ ...data, weight });
  for (const { values } of [byUser, byItem]) {
    for (let e = 0; e < values.length; e++) values[e] = 1 + alpha * values[e];
  }
  let totalConfidence = 0;
  for (let e = 0; e < byUser.values.length; e++) totalConfidence += byUser.values[e];
  return { users: byUser.rows, items: byItem.rows, byUser, byItem, totalConfidence };
}
