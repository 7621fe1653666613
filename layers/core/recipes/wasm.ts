/**
 * The part of the WebAssembly JS API Tailor's kernels use (iALS, EASE, serving), which lib
 * ES2022 and @types/node 20 omit, declared once; and each kernel's compile-once loader.
 */
export interface WasmModule {
  readonly compiled: unique symbol;
}

export interface WasmMemory<B extends ArrayBufferLike = ArrayBuffer> {
  readonly buffer: B;
}

interface Limits {
  initial: number;
  maximum: number;
}

export const wasm = (
  globalThis as unknown as {
    WebAssembly: {
      Module: new (bytes: Uint8Array) => WasmModule;
      Memory: {
        new (size: Limits & { shared: true }): WasmMemory<SharedArrayBuffer>;
        new (size: Limits): WasmMemory;
      };
      Instance: new (
        module: WasmModule,
        imports: { env: { memory: WasmMemory<ArrayBufferLike> } },
      ) => { exports: unknown };
    };
  }
).WebAssembly;

/** WebAssembly's page size, and the most pages one memory can have (4 GiB). */
export const PAGE_BYTES = 65536;
export const MAX_PAGES = 65536;

/** A kernel compiled once per process, on first use: a process that never calls it pays nothing. */
export function compileOnce(bytes: () => Uint8Array): () => WasmModule {
  let compiled: WasmModule | undefined;
  return () => (compiled ??= new wasm.Module(bytes()));
}
