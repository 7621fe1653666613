/**
 * Scores of a factor model's learned users, s_i = x_u·y_i, in WebAssembly SIMD
 * (assembly/kernel.ts): about ten times the speed of the same loop in TypeScript (measured on
 * this 2-core machine at 64 factors: 0.1 ms against 0.8 ms for 10,000 items, 1.1 ms against 8
 * to 19 ms for 100,000), which is what keeps a large catalogue within the latency targets.
 *
 * It reads the artifact format iALS documents (recipes/ials/model.ts): `meta.factors`,
 * `meta.userIds`, `userFactors` and `itemFactors` (float32, row-major), and serves exactly the
 * users iALS scores from their learned factor, by the same formula (a test holds the two
 * equal), and anyone the model folds in (Model.userFactor) by the same kernel.
 *
 * The item factors are copied once into a WebAssembly memory of the model's own, each row
 * padded with zeros to a multiple of four factors; the scores land in that memory too, and the
 * serving scratch vector is a view of them, so nothing is copied per request.
 */
import type { Artifact } from '../recipes/artifact';
import { compileOnce, MAX_PAGES, PAGE_BYTES, wasm } from '../recipes/wasm';
import { KERNEL_WASM_BASE64 } from './kernel-wasm';

/** Items per kernel call while warming up: V8 swaps in optimised code only between calls. */
const WARM_UP_ITEMS = 1024;

interface KernelExports {
  scores(items: number, rowBytes: number, x: number, out: number, count: number): void;
}

const kernelModule = compileOnce(() => Buffer.from(KERNEL_WASM_BASE64, 'base64'));

export class FactorScorer {
  /** Scores of the last call, one per item: a view of the WebAssembly memory. */
  readonly scores: Float32Array;
  /** The WebAssembly memory's size. */
  readonly bytes: number;
  private readonly userRows: ReadonlyMap<string, number>;
  private readonly x: Float32Array;
  /** The item factors, each row padded to `padded` floats. */
  private readonly rows: Float32Array;
  private readonly padded: number;
  /** Each item's factor's length, computed when first needed. */
  private norms?: Float32Array;
  private readonly kernel: KernelExports;
  private readonly offsets: { items: number; x: number; out: number; rowBytes: number };

  private constructor(
    userIds: readonly string[],
    private readonly userFactors: Float32Array,
    itemFactors: Float32Array,
    private readonly k: number,
  ) {
    const itemCount = itemFactors.length / k;
    const padded = Math.ceil(k / 4) * 4;
    const rowBytes = padded * 4;
    const items = 0;
    const x = items + itemCount * rowBytes;
    const out = x + rowBytes;
    const pages = Math.ceil((out + itemCount * 4) / PAGE_BYTES);
    if (pages > MAX_PAGES) {
      throw new RangeError(`${itemCount} items × ${k} factors exceed WebAssembly's 4 GiB memory.`);
    }
    const memory = new wasm.Memory({ initial: pages, maximum: pages });
    this.bytes = pages * PAGE_BYTES;
    const rows = new Float32Array(memory.buffer, items, itemCount * padded);
    for (let i = 0; i < itemCount; i++) {
      rows.set(itemFactors.subarray(i * k, (i + 1) * k), i * padded);
    }
    this.rows = rows;
    this.padded = padded;
    this.x = new Float32Array(memory.buffer, x, padded);
    this.scores = new Float32Array(memory.buffer, out, itemCount);
    this.kernel = new wasm.Instance(kernelModule(), { env: { memory } }).exports as KernelExports;
    this.offsets = { items, x, out, rowBytes };
    this.userRows = new Map(userIds.map((id, row) => [id, row]));
  }

  /** A scorer for an artifact of iALS's format; undefined for any other. */
  static of(artifact: Artifact, itemCount: number): FactorScorer | undefined {
    const meta = artifact.meta as { factors?: unknown; userIds?: unknown } | null;
    const k = meta?.factors;
    const { userFactors, itemFactors } = artifact.arrays;
    if (
      typeof k !== 'number' ||
      !Number.isInteger(k) ||
      k < 1 ||
      !Array.isArray(meta?.userIds) ||
      !(userFactors instanceof Float32Array) ||
      !(itemFactors instanceof Float32Array) ||
      userFactors.length !== meta.userIds.length * k ||
      itemFactors.length !== itemCount * k
    ) {
      return undefined;
    }
    return new FactorScorer(meta.userIds as string[], userFactors, itemFactors, k);
  }

  knows(userId: string): boolean {
    return this.userRows.has(userId);
  }

  /**
   * Fills `scores` for a user the model learned, from their factor plus `recent` (the fold-in of
   * what they did since training: scores are linear in the factor); false, and nothing done, for
   * anyone else.
   */
  scoreUser(userId: string, recent?: Float64Array): boolean {
    const row = this.userRows.get(userId);
    if (row === undefined) return false;
    const { x, k } = this;
    x.set(this.userFactors.subarray(row * k, (row + 1) * k));
    if (recent) for (let a = 0; a < k; a++) x[a] += recent[a];
    this.run();
    return true;
  }

  /** Fills `scores` for the factor x (of k entries): a user folded in by the model. */
  scoreFactor(factor: Float64Array): void {
    this.x.set(factor.subarray(0, this.k));
    this.run();
  }

  private run(): void {
    const { items, x, out, rowBytes } = this.offsets;
    this.kernel.scores(items, rowBytes, x, out, this.scores.length);
  }

  /**
   * Which of `among` (item indices) is most like `item`: the largest cosine of their factors, the
   * first on ties; -1 when `among` is empty.
   */
  closest(item: number, among: ArrayLike<number>): number {
    const norms = (this.norms ??= this.itemNorms());
    let best = -1;
    let bestCosine = -Infinity;
    for (let h = 0; h < among.length; h++) {
      const other = among[h]!;
      let dot = 0;
      for (let a = 0, i = item * this.padded, j = other * this.padded; a < this.k; a++) {
        dot += this.rows[i + a] * this.rows[j + a];
      }
      const cosine = dot / (norms[item] * norms[other] || 1);
      if (cosine > bestCosine) [best, bestCosine] = [h, cosine];
    }
    return best;
  }

  private itemNorms(): Float32Array {
    const norms = new Float32Array(this.scores.length);
    for (let i = 0; i < norms.length; i++) {
      let sum = 0;
      for (let a = 0; a < this.k; a++) sum += this.rows[i * this.padded + a] ** 2;
      norms[i] = Math.sqrt(sum);
    }
    return norms;
  }

  /**
   * The average learned user's scores, x̄·y_i with x̄ = Σ_u x_u / |U|, computed in calls of a
   * thousand items so the kernel is optimised before the first request.
   */
  averageUserScores(): Float32Array {
    const mean = new Float64Array(this.k);
    for (let e = 0; e < this.userFactors.length; e++) mean[e % this.k] += this.userFactors[e];
    for (let a = 0; a < this.k; a++) this.x[a] = mean[a] / Math.max(1, this.userRows.size);
    const { items, x, out, rowBytes } = this.offsets;
    for (let from = 0; from < this.scores.length; from += WARM_UP_ITEMS) {
      const count = Math.min(WARM_UP_ITEMS, this.scores.length - from);
      this.kernel.scores(items + from * rowBytes, rowBytes, x, out + from * 4, count);
    }
    return this.scores.slice();
  }
}
