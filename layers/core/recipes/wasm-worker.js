// @ts-check
/**
 * A worker thread of a WebAssembly kernel, iALS's (ials/wasm-kernel.ts) or EASE's row pass
 * (ease/threads.ts). It instantiates the kernel module on the shared memory it is given, then
 * runs each batch of calls the host posts, e.g. [['gram', ...offsets], ['solve', ...offsets]],
 * and answers null when done or the error text.
 *
 * Plain CommonJS on purpose: Node loads it as it is under tsx, under jest (whose transform does
 * not reach worker threads) and from compiled code, with no TypeScript loader in the worker.
 */
'use strict';
const { parentPort, workerData } = require('node:worker_threads');

// Not `module` or `exports`: those name CommonJS's own variables.
/** @type {{ module: WebAssembly.Module, memory: WebAssembly.Memory }} */
const { module: compiled, memory } = workerData;
const kernel = new WebAssembly.Instance(compiled, { env: { memory } });

parentPort?.on('message', (/** @type {[string, ...number[]][]} */ calls) => {
  try {
    for (const [name, ...args] of calls) {
      /** @type {(...args: number[]) => void} */ (kernel.exports[name])(...args);
    }
    parentPort?.postMessage(null);
  } catch (error) {
    parentPort?.postMessage(
      error instanceof Error ? (error.stack ?? error.message) : String(error),
    );
  }
});
