/**
 * What an iALS kernel does for the driver (train.ts): hold both factor matrices and solve one
 * side with the other fixed. Two implementations pass the same tests: reference-kernel.ts, the
 * obvious code, and wasm-kernel.ts, the same loops in WebAssembly SIMD on worker threads.
 *
 * One half-iteration for the users (the item half swaps the roles), with Y the item factors,
 * α₀ the weight of an unobserved pair and λ_u user u's regularisation (matrix.ts):
 *
 *   G = α₀ YᵀY                                             once per half-iteration
 *   for every user u:  (G + λ_u I + Σ_i (c_ui − α₀) y_i y_iᵀ) x_u = Σ_i c_ui y_i
 *
 * summing over the user's observed items only: the unobserved ones have weight α₀ and p = 0, so
 * their share of the normal equations is already in α₀ YᵀY (Hu, Koren & Volinsky 2008, section
 * 4, where α₀ = 1; Rendle et al. 2022 for α₀ and a λ_u per row). Each system is solved
 * approximately by `cgSteps` steps of conjugate gradient warm-started at the current x_u
 * (Takács, Pilászy & Tikk 2011), which never forms the k × k matrix.
 */
import type { ConfidenceMatrix } from './matrix';

export type Side = 'users' | 'items';

export interface IalsProblem {
  matrix: ConfidenceMatrix;
  /**
   * Floats per factor row: the factor count rounded up to a multiple of 4, the SIMD width. The
   * extra columns start at 0 and stay 0: every update of a row is a combination of rows.
   */
  stride: number;
  /** α₀, the weight of every unobserved (user, item) pair. */
  unobservedWeight: number;
  /** λ_u of every user row and λ_i of every item row: the L2 weights (matrix.ts). */
  regularization: Record<Side, Float32Array>;
  cgSteps: number;
  /** Worker threads; the reference kernel runs on the calling thread. */
  threads: number;
}

export interface IalsKernel {
  /** users × stride, filled by the driver with the initial factors, updated by `solve`. */
  readonly userFactors: Float32Array;
  /** items × stride, likewise. */
  readonly itemFactors: Float32Array;
  /**
   * Solves every row of `side` against the other side. With `withLoss`, returns the objective
   *
   *   Σ_obs c_ui (1 − x_u·y_i)² + α₀ Σ_unobs (x_u·y_i)² + Σ_u λ_u‖x_u‖² + Σ_i λ_i‖y_i‖²
   *
   * as it stood before this update, which the fast kernel gets for free from the solve's first
   * pass; otherwise NaN.
   */
  solve(side: Side, withLoss: boolean): Promise<number>;
  /** Frees threads and memory; the factor views are invalid afterwards. */
  close(): Promise<void>;
}

export type IalsKernelFactory = (problem: IalsProblem) => Promise<IalsKernel>;
