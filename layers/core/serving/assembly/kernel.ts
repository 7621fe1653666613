/* eslint-disable @typescript-eslint/ban-ts-comment */
// @ts-nocheck -- AssemblyScript, compiled by asc (asconfig.json), not by tsc: v128, f32x4 and
// usize are asc built-ins. The checked-in kernel.wasm is this file compiled; a test rebuilds it.

/**
 * Serving's one hot loop in WebAssembly SIMD (f32x4): a factor model's scores for one user,
 * out_i = x·y_i for every item i (../factor-scorer.ts). The host lays the item factors (row-major
 * float32, each row padded with zeros to `rowBytes`, a multiple of 16), x (padded alike) and out
 * in one memory and passes byte offsets; nothing here allocates.
 *
 * Two accumulators take alternate groups of four factors, so consecutive adds do not wait on
 * each other; wasm never fuses a multiply and an add, so a score is the same on every machine.
 */
export function scores(items: usize, rowBytes: usize, x: usize, out: usize, count: i32): void {
  let row = items;
  for (let i = 0; i < count; i++) {
    let even = f32x4.splat(0);
    let odd = f32x4.splat(0);
    let a: usize = 0;
    for (; a + 32 <= rowBytes; a += 32) {
      even = f32x4.add(even, f32x4.mul(v128.load(row + a), v128.load(x + a)));
      odd = f32x4.add(odd, f32x4.mul(v128.load(row + a + 16), v128.load(x + a + 16)));
    }
    if (a < rowBytes) even = f32x4.add(even, f32x4.mul(v128.load(row + a), v128.load(x + a)));
    const sum = f32x4.add(even, odd);
    store<f32>(
      out + ((<usize>i) << 2),
      f32x4.extract_lane(sum, 0) +
        f32x4.extract_lane(sum, 1) +
        (f32x4.extract_lane(sum, 2) + f32x4.extract_lane(sum, 3)),
    );
    row += rowBytes;
  }
}
