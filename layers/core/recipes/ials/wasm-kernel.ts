/**
 * The fast iALS kernel: the inner loops of assembly/kernel.ts compiled to WebAssembly SIMD, run
 * by `threads` worker threads on one shared WebAssembly.Memory that holds everything: both
 * factor matrices, the confidence matrix both ways, each row's λ, YᵀY, per-row losses and
 * per-thread scratch.
 * The host (this file) only lays the memory out, splits the work and sums small results.
 *
 * Deterministic whatever the thread count: rows are independent within a half-iteration, so who
 * solves a row cannot change it, and the two sums that cross rows (YᵀY and the loss) are taken
 * in an order fixed by the data alone: YᵀY over GRAM_BLOCKS fixed blocks of rows added in block
 * order, the loss row by row.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  compileOnce,
  MAX_PAGES,
  PAGE_BYTES,
  wasm,
  type WasmMemory,
  type WasmModule,
} from '../wasm';
import { Worker } from 'node:worker_threads';
import type { IalsKernel, IalsKernelFactory, IalsProblem, Side } from './kernel';
import type { Csr } from '../user-item-matrix';

/** Partial YᵀY blocks: enough to spread over the threads, few enough to sum in no time. */
const GRAM_BLOCKS = 32;
/**
 * Row ranges per thread and half-iteration. V8 first runs WebAssembly with its baseline
 * compiler and swaps in optimised code only between calls (no on-stack replacement), so one long
 * call per thread would run entirely in slow code the first time; small calls also even out the
 * threads' loads.
 */
const CHUNKS_PER_THREAD = 16;
/** Offset 0 means "no loss array" to the kernel, so allocations start above it. */
const FIRST_OFFSET = 64;
/** The kernel's per-thread vectors: CG's r, p and A p. */
const SCRATCH_VECTORS = 3;

type Call = [name: 'gram' | 'solve', ...args: number[]];

/** Serving a model never needs it. */
const kernelModule = compileOnce(() => readFileSync(join(__dirname, 'assembly', 'kernel.wasm')));

export const wasmKernel: IalsKernelFactory = (problem) =>
  Promise.resolve(new WasmKernel(problem, kernelModule()));

/** Offsets of one side's arrays in the memory. */
interface SideLayout {
  X: number;
  Y: number;
  fixedRows: number;
  indptr: number;
  indices: number;
  conf: number;
  /** The solved rows' λ, f32 each. */
  reg: number;
  /** Row boundaries of threads × CHUNKS_PER_THREAD chunks of about equal work. */
  chunks: Uint32Array;
}

class WasmKernel implements IalsKernel {
  readonly userFactors: Float32Array;
  readonly itemFactors: Float32Array;
  private readonly pool: WorkerPool;
  private readonly sides: Record<Side, SideLayout>;
  private readonly gram: Float32Array;
  private readonly gramOffset: number;
  private readonly partials: Float32Array;
  private readonly partialsOffset: number;
  private readonly rowLoss: Float64Array;
  private readonly rowLossOffset: number;
  private readonly scratchOffset: number;

  constructor(
    private readonly problem: IalsProblem,
    module: WasmModule,
  ) {
    const { matrix, stride, threads } = problem;
    let end = FIRST_OFFSET;
    const take = (bytes: number): number => {
      const at = end;
      end += Math.ceil(bytes / 16) * 16;
      return at;
    };
    const rowBytes = stride * 4;
    const users = take(matrix.users * rowBytes);
    const items = take(matrix.items * rowBytes);
    const csr = (m: Csr) => ({
      indptr: take(m.indptr.byteLength),
      indices: take(m.indices.byteLength),
      conf: take(m.values.byteLength),
    });
    const byUser = csr(matrix.byUser);
    const byItem = csr(matrix.byItem);
    const userReg = take(matrix.users * 4);
    const itemReg = take(matrix.items * 4);
    this.gramOffset = take(stride * rowBytes);
    this.partialsOffset = take(GRAM_BLOCKS * stride * rowBytes);
    this.rowLossOffset = take(Math.max(matrix.users, matrix.items) * 8);
    this.scratchOffset = take(threads * SCRATCH_VECTORS * rowBytes);

    const pages = Math.ceil(end / PAGE_BYTES);
    if (pages > MAX_PAGES) {
      throw new RangeError(
        `iALS needs ${end} bytes of WebAssembly memory, more than its 4 GiB limit: lower hidden_dimension or use the reference kernel.`,
      );
    }
    const memory = new wasm.Memory({ initial: pages, maximum: pages, shared: true });
    const buffer = memory.buffer;
    const load = (m: Csr, at: ReturnType<typeof csr>): void => {
      new Uint32Array(buffer, at.indptr, m.indptr.length).set(m.indptr);
      new Uint32Array(buffer, at.indices, m.indices.length).set(m.indices);
      new Float32Array(buffer, at.conf, m.values.length).set(m.values);
    };
    load(matrix.byUser, byUser);
    load(matrix.byItem, byItem);
    new Float32Array(buffer, userReg, matrix.users).set(problem.regularization.users);
    new Float32Array(buffer, itemReg, matrix.items).set(problem.regularization.items);
    this.userFactors = new Float32Array(buffer, users, matrix.users * stride);
    this.itemFactors = new Float32Array(buffer, items, matrix.items * stride);
    this.gram = new Float32Array(buffer, this.gramOffset, stride * stride);
    this.partials = new Float32Array(buffer, this.partialsOffset, GRAM_BLOCKS * stride * stride);
    this.rowLoss = new Float64Array(
      buffer,
      this.rowLossOffset,
      Math.max(matrix.users, matrix.items),
    );
    const chunks = threads * CHUNKS_PER_THREAD;
    this.sides = {
      users: {
        X: users,
        Y: items,
        fixedRows: matrix.items,
        ...byUser,
        reg: userReg,
        chunks: splitByWork(matrix.byUser.indptr, chunks, stride / 2),
      },
      items: {
        X: items,
        Y: users,
        fixedRows: matrix.users,
        ...byItem,
        reg: itemReg,
        chunks: splitByWork(matrix.byItem.indptr, chunks, stride / 2),
      },
    };
    this.pool = new WorkerPool(threads, module, memory);
  }

  async solve(side: Side, withLoss: boolean): Promise<number> {
    const { stride, threads, cgSteps, unobservedWeight, regularization } = this.problem;
    const layout = this.sides[side];
    const blockBytes = stride * stride * 4;

    // G = α₀YᵀY: partial sums over fixed blocks of rows, spread over the threads.
    const blocks = Math.min(GRAM_BLOCKS, layout.fixedRows);
    await this.pool.run(
      spread(blocks, threads).map(([first, last]) =>
        range(first, last).map((b): Call => {
          const [start, end] = [
            Math.floor((b * layout.fixedRows) / blocks),
            Math.floor(((b + 1) * layout.fixedRows) / blocks),
          ];
          return ['gram', layout.Y, start, end, stride, this.partialsOffset + b * blockBytes];
        }),
      ),
    );
    this.sumGram(blocks);

    await this.pool.run(
      range(0, threads).map((thread) =>
        range(thread * CHUNKS_PER_THREAD, (thread + 1) * CHUNKS_PER_THREAD).map((chunk): Call => [
          'solve',
          layout.X,
          layout.Y,
          this.gramOffset,
          layout.indptr,
          layout.indices,
          layout.conf,
          layout.reg,
          unobservedWeight,
          layout.chunks[chunk],
          layout.chunks[chunk + 1],
          stride,
          cgSteps,
          this.scratchOffset + thread * SCRATCH_VECTORS * stride * 4,
          withLoss ? this.rowLossOffset : 0,
        ]),
      ),
    );
    if (!withLoss) return NaN;
    // The kernel's per-row losses hold λ_u‖x_u‖² of the solved side; the fixed side's
    // Σ_i λ_i‖y_i‖² is summed here.
    const fixed = side === 'users' ? this.itemFactors : this.userFactors;
    const fixedReg = regularization[side === 'users' ? 'items' : 'users'];
    let loss = 0;
    for (let i = 0; i < layout.fixedRows; i++) {
      let norm = 0;
      for (let a = i * stride; a < (i + 1) * stride; a++) norm += fixed[a] * fixed[a];
      loss += fixedReg[i] * norm;
    }
    const rows = layout.chunks[layout.chunks.length - 1];
    for (let r = 0; r < rows; r++) loss += this.rowLoss[r];
    return loss;
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  /**
   * G = α₀ Σ_blocks partial, block by block in order. The kernel fills each partial on and
   * above the diagonal only, so G is mirrored from there.
   */
  private sumGram(blocks: number): void {
    const { stride, unobservedWeight } = this.problem;
    const { gram, partials } = this;
    const blockSize = stride * stride;
    for (let a = 0; a < stride; a++) {
      for (let j = a; j < stride; j++) {
        let sum = 0;
        for (let b = 0; b < blocks; b++) sum += partials[b * blockSize + a * stride + j];
        gram[a * stride + j] = gram[j * stride + a] = unobservedWeight * sum;
      }
    }
  }
}

/**
 * Boundaries of `chunks` contiguous row ranges of about equal work. A row's CG costs about
 * (1 + cgSteps)(k² + 2k·n) for n entries, so its work counts as n + k/2 (`rowWork`).
 */
function splitByWork(indptr: Uint32Array, chunks: number, rowWork: number): Uint32Array {
  const rows = indptr.length - 1;
  const total = indptr[rows] + rows * rowWork;
  const bounds = new Uint32Array(chunks + 1);
  let row = 0;
  for (let c = 1; c < chunks; c++) {
    const target = (total * c) / chunks;
    while (row < rows && indptr[row + 1] + (row + 1) * rowWork <= target) row++;
    bounds[c] = row;
  }
  bounds[chunks] = rows;
  return bounds;
}

/** [first, last) index ranges splitting n items over `parts` as evenly as possible. */
const spread = (n: number, parts: number): [number, number][] =>
  range(0, parts).map((p) => [Math.floor((p * n) / parts), Math.floor(((p + 1) * n) / parts)]);

const range = (from: number, to: number): number[] =>
  Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

/** The kernel's threads: each runs the batches of calls it is sent, one at a time. */
class WorkerPool {
  private readonly workers: Worker[];

  constructor(threads: number, module: WasmModule, memory: WasmMemory<SharedArrayBuffer>) {
    // No execArgv: the worker is plain JavaScript and needs no TypeScript loader.
    this.workers = range(0, threads).map(
      () =>
        new Worker(join(__dirname, '..', 'wasm-worker.js'), {
          workerData: { module, memory },
          execArgv: [],
        }),
    );
  }

  /** Sends batch t to worker t and resolves when all are done. */
  async run(batches: Call[][]): Promise<void> {
    await Promise.all(batches.map((calls, t) => send(this.workers[t], calls)));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

function send(worker: Worker, calls: Call[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error: Error | undefined): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    };
    const onMessage = (failure: string | null): void =>
      settle(failure === null ? undefined : new Error(`iALS worker failed: ${failure}`));
    const onError = (error: Error): void => settle(error);
    const onExit = (code: number): void => settle(new Error(`iALS worker exited with ${code}.`));
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(calls);
  });
}
