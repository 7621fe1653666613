/**
 * The threads that run EASE's row pass: batches of calls to the kernel's exports
 * (assembly/kernel.ts) on one shared memory. One thread is this one, with no worker to start;
 * more are worker threads (../wasm-worker.js), each with its own instance of the kernel.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { wasm, type WasmMemory } from '../wasm';
import { easeKernel } from './inverse';

export type Call = [name: 'combineColumns' | 'gatherRows' | 'selectRows', ...args: number[]];

export interface KernelThreads {
  readonly count: number;
  /** Runs the calls in order on thread `thread` (0 ≤ thread < count). */
  run(thread: number, calls: readonly Call[]): Promise<void>;
  close(): Promise<void>;
}

export function kernelThreads(count: number, memory: WasmMemory<SharedArrayBuffer>): KernelThreads {
  if (count === 1) {
    const kernel = new wasm.Instance(easeKernel(), { env: { memory } }).exports as Record<
      Call[0],
      (...args: number[]) => void
    >;
    return {
      count,
      run(_thread, calls) {
        for (const [name, ...args] of calls) kernel[name](...args);
        return Promise.resolve();
      },
      close: () => Promise.resolve(),
    };
  }
  // No execArgv: the worker is plain JavaScript and needs no TypeScript loader.
  const workers = Array.from(
    { length: count },
    () =>
      new Worker(join(__dirname, '..', 'wasm-worker.js'), {
        workerData: { module: easeKernel(), memory },
        execArgv: [],
      }),
  );
  return {
    count,
    run: (thread, calls) => send(workers[thread], calls),
    close: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/**
 * Runs `tasks` tasks on the threads, each thread taking the next task as it finishes one, so
 * that uneven tasks even out. Which thread runs a task never changes its result.
 */
export async function runTasks(
  threads: KernelThreads,
  tasks: number,
  callsFor: (task: number, thread: number) => Call[],
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: threads.count }, async (_, thread) => {
      while (next < tasks) {
        const task = next++;
        await threads.run(thread, callsFor(task, thread));
      }
    }),
  );
}

function send(worker: Worker, calls: readonly Call[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error: Error | undefined): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    };
    const onMessage = (failure: string | null): void =>
      settle(failure === null ? undefined : new Error(`EASE worker failed: ${failure}`));
    const onError = (error: Error): void => settle(error);
    const onExit = (code: number): void => settle(new Error(`EASE worker exited with ${code}.`));
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(calls);
  });
}
