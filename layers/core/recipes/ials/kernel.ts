/**
 * What an iALS kernel does for the driver (train.ts): hold both factor matrices and solve one
 * side with the other fixed. Two implementations pass the same tests: reference-kernel.ts, the
 * obvious code, and wasm-kernel.ts, the same loops in WebAssembly SIMD on worker threads.
 *
 * One half-iteration for the users (the item half swaps the roles), with Y the item factors:
 *
 *   G = YᵀY + λI                                          once per half-iteration
 *   for every user u:  (G + Σ_i (c_ui − 1) y_i y_iᵀ) x_u = Σ_i c_ui y_i
 *
 * summing over the user's observed items only: the unobserved ones have c = 1 and p = 0, so
 * their share of the normal equations is already in YᵀY (Hu, Koren & Volinsky 2008, section 4).
 * Each system is solved approximately by `cgSteps` steps of conjugate gradient warm-started at
 * the current x_u (Takács, Pilászy & Tikk 2011), which never forms the k × k matrix.
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
  /** λ, the L2 weight on every factor row. */
  regularization: number;
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
   * Σ_ui c_ui (p_ui − x_u·y_i)² + λ(Σ‖x_u‖² + Σ‖y_i‖²) as it stood before this update, which
   * the fast kernel gets for free from the solve's first pass; otherwise NaN.
   */
  solve(side: Side, withLoss: boolean): Promise<number>;
  /** Frees threads and memory; the factor views are invalid afterwards. */
  close(): Promise<void>;
}

export type IalsKernelFactory = (problem: IalsProblem) => Promise<IalsKernel>;
