/**
 * The iALS kernel in plain TypeScript, written to be obviously right rather than fast: float64
 * arithmetic, one row at a time, on the calling thread (`threads` is ignored). It is the
 * specification the WebAssembly kernel is tested against, and computes the loss by the direct
 * formula where the fast kernel uses a shortcut, so the two check each other.
 */
import type { IalsKernel, IalsKernelFactory, IalsProblem, Side } from './kernel';
import type { Csr } from '../user-item-matrix';

/** Below this squared residual norm a row counts as solved (benfred/implicit's threshold). */
const SOLVED = 1e-20;

export const referenceKernel: IalsKernelFactory = (problem) =>
  Promise.resolve(new ReferenceKernel(problem));

class ReferenceKernel implements IalsKernel {
  readonly userFactors: Float32Array;
  readonly itemFactors: Float32Array;
  private readonly k: number;
  /** YᵀY of the fixed side, without α₀ or λ. */
  private readonly gram: Float64Array;
  private readonly r: Float64Array;
  private readonly p: Float64Array;
  private readonly ap: Float64Array;

  constructor(private readonly problem: IalsProblem) {
    const { matrix, stride } = problem;
    this.k = stride;
    this.userFactors = new Float32Array(matrix.users * stride);
    this.itemFactors = new Float32Array(matrix.items * stride);
    this.gram = new Float64Array(stride * stride);
    this.r = new Float64Array(stride);
    this.p = new Float64Array(stride);
    this.ap = new Float64Array(stride);
  }

  solve(side: Side, withLoss: boolean): Promise<number> {
    const { matrix, regularization } = this.problem;
    const users = side === 'users';
    const X = users ? this.userFactors : this.itemFactors;
    const Y = users ? this.itemFactors : this.userFactors;
    const csr = users ? matrix.byUser : matrix.byItem;
    const loss = withLoss ? this.loss() : NaN;
    computeGram(Y, users ? matrix.items : matrix.users, this.k, this.gram);
    for (let u = 0; u < csr.indptr.length - 1; u++) {
      this.solveRow(X, Y, csr, u, regularization[side][u]);
    }
    return Promise.resolve(loss);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** A x = b with A = α₀YᵀY + λ_u I + Σ_i (c_i − α₀) y_i y_iᵀ and b = Σ_i c_i y_i, by CG from x. */
  private solveRow(X: Float32Array, Y: Float32Array, csr: Csr, u: number, lambda: number): void {
    const { k, r, p, ap } = this;
    const { cgSteps } = this.problem;
    const x = u * k;
    // r = b − A x
    this.times(Y, csr, u, lambda, X, x, r);
    for (let a = 0; a < k; a++) r[a] = -r[a];
    for (let e = csr.indptr[u]; e < csr.indptr[u + 1]; e++) {
      const y = csr.indices[e] * k;
      for (let a = 0; a < k; a++) r[a] += csr.values[e] * Y[y + a];
    }
    p.set(r);
    let rsold = dot(r, 0, r, 0, k);
    for (let step = 0; step < cgSteps && rsold >= SOLVED; step++) {
      this.times(Y, csr, u, lambda, p, 0, ap);
      const alpha = rsold / dot(p, 0, ap, 0, k);
      for (let a = 0; a < k; a++) {
        X[x + a] += alpha * p[a];
        r[a] -= alpha * ap[a];
      }
      const rsnew = dot(r, 0, r, 0, k);
      for (let a = 0; a < k; a++) p[a] = r[a] + (rsnew / rsold) * p[a];
      rsold = rsnew;
    }
  }

  /** out = A v for row u's A, whose λ_u is `lambda`, with v at v[at...]. */
  private times(
    Y: Float32Array,
    csr: Csr,
    u: number,
    lambda: number,
    v: Float32Array | Float64Array,
    at: number,
    out: Float64Array,
  ): void {
    const { k, gram } = this;
    const { unobservedWeight } = this.problem;
    for (let a = 0; a < k; a++) {
      let sum = 0;
      for (let j = 0; j < k; j++) sum += gram[a * k + j] * v[at + j];
      out[a] = unobservedWeight * sum + lambda * v[at + a];
    }
    for (let e = csr.indptr[u]; e < csr.indptr[u + 1]; e++) {
      const y = csr.indices[e] * k;
      const yv = dot(Y, y, v, at, k);
      for (let a = 0; a < k; a++) out[a] += (csr.values[e] - unobservedWeight) * yv * Y[y + a];
    }
  }

  /**
   * Σ_u [ Σ_i w_ui (p_ui − s_ui)² + λ_u‖x_u‖² ] + Σ_i λ_i‖y_i‖² with s_ui = x_u·y_i, over all
   * items i, w = c where observed and α₀ elsewhere: α₀ x_uᵀ(YᵀY)x_u = α₀ Σ_i s_ui² covers every
   * item as if unobserved, and each observed item then replaces its α₀s² by c(1 − s)².
   */
  private loss(): number {
    const { k } = this;
    const { matrix, regularization, unobservedWeight } = this.problem;
    const X = this.userFactors;
    const Y = this.itemFactors;
    const yty = computeGram(Y, matrix.items, k, new Float64Array(k * k));
    let loss = 0;
    for (let u = 0; u < matrix.users; u++) {
      for (let a = 0; a < k; a++) {
        for (let j = 0; j < k; j++) {
          loss += unobservedWeight * X[u * k + a] * yty[a * k + j] * X[u * k + j];
        }
      }
      for (let e = matrix.byUser.indptr[u]; e < matrix.byUser.indptr[u + 1]; e++) {
        const s = dot(X, u * k, Y, matrix.byUser.indices[e] * k, k);
        loss += matrix.byUser.values[e] * (1 - s) ** 2 - unobservedWeight * s * s;
      }
      loss += regularization.users[u] * dot(X, u * k, X, u * k, k);
    }
    for (let i = 0; i < matrix.items; i++) {
      loss += regularization.items[i] * dot(Y, i * k, Y, i * k, k);
    }
    return loss;
  }
}

/** a[i...]·b[j...] over n entries. */
function dot(
  a: Float32Array | Float64Array,
  i: number,
  b: Float32Array | Float64Array,
  j: number,
  n: number,
): number {
  let sum = 0;
  for (let t = 0; t < n; t++) sum += a[i + t] * b[j + t];
  return sum;
}

/** out = YᵀY over the first `rows` rows of Y. */
function computeGram(Y: Float32Array, rows: number, k: number, out: Float64Array): Float64Array {
  out.fill(0);
  for (let r = 0; r < rows; r++) {
    for (let a = 0; a < k; a++) {
      for (let j = 0; j < k; j++) out[a * k + j] += Y[r * k + a] * Y[r * k + j];
    }
  }
  return out;
}
