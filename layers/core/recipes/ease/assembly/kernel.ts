/* eslint-disable @typescript-eslint/ban-ts-comment */
// @ts-nocheck -- AssemblyScript, compiled by asc (asconfig.json), not by tsc: v128, f64x2 and
// usize are asc built-ins. The checked-in kernel.wasm is this file compiled; a test rebuilds it.

/**
 * The inner loops of EASE's matrix inversion (../inverse.ts) in WebAssembly SIMD (f64x2). The
 * host lays the matrix and its scratch out in one memory and passes byte offsets; nothing here
 * allocates. Matrices are row-major float64, `rowBytes` apart.
 *
 * Both exports are sums of rank-4 updates, y −= f0·x0 + f1·x1 + f2·x2 + f3·x3, applied to two
 * rows y at a time so each x load serves two rows. Wasm never fuses a multiply and an add, so
 * the result is the same on every machine: ((f0·x0 + f1·x1) + (f2·x2 + f3·x3)), lane by lane.
 *
 * The hot loop is written out by hand: asc does not inline a helper with this many arguments
 * (a call per two columns doubled the run time), and Prettier cannot parse the @inline
 * decorator that would force it.
 */

/**
 * y0 −= Σ_t f_t·x_t and y1 −= Σ_t g_t·x_t over `bytes` bytes, t < 4, where x_t is the row at
 * x + t·rowBytes, f_t the float64 at f + t·fStride and g_t the one at g + t·fStride.
 */
function rank4x2(
  y0: usize,
  y1: usize,
  x: usize,
  rowBytes: usize,
  f: usize,
  g: usize,
  fStride: usize,
  bytes: usize,
): void {
  const f0 = f64x2.splat(load<f64>(f));
  const f1 = f64x2.splat(load<f64>(f + fStride));
  const f2 = f64x2.splat(load<f64>(f + 2 * fStride));
  const f3 = f64x2.splat(load<f64>(f + 3 * fStride));
  const g0 = f64x2.splat(load<f64>(g));
  const g1 = f64x2.splat(load<f64>(g + fStride));
  const g2 = f64x2.splat(load<f64>(g + 2 * fStride));
  const g3 = f64x2.splat(load<f64>(g + 3 * fStride));
  const x1 = x + rowBytes;
  const x2 = x1 + rowBytes;
  const x3 = x2 + rowBytes;
  let o: usize = 0;
  // Two column pairs per turn, the second at immediate offset 16: measured 1.6× faster than one.
  for (; o + 32 <= bytes; o += 32) {
    let a0 = v128.load(x + o);
    let a1 = v128.load(x1 + o);
    let a2 = v128.load(x2 + o);
    let a3 = v128.load(x3 + o);
    let fx = f64x2.add(
      f64x2.add(f64x2.mul(f0, a0), f64x2.mul(f1, a1)),
      f64x2.add(f64x2.mul(f2, a2), f64x2.mul(f3, a3)),
    );
    let gx = f64x2.add(
      f64x2.add(f64x2.mul(g0, a0), f64x2.mul(g1, a1)),
      f64x2.add(f64x2.mul(g2, a2), f64x2.mul(g3, a3)),
    );
    v128.store(y0 + o, f64x2.sub(v128.load(y0 + o), fx));
    v128.store(y1 + o, f64x2.sub(v128.load(y1 + o), gx));
    a0 = v128.load(x + o, 16);
    a1 = v128.load(x1 + o, 16);
    a2 = v128.load(x2 + o, 16);
    a3 = v128.load(x3 + o, 16);
    fx = f64x2.add(
      f64x2.add(f64x2.mul(f0, a0), f64x2.mul(f1, a1)),
      f64x2.add(f64x2.mul(f2, a2), f64x2.mul(f3, a3)),
    );
    gx = f64x2.add(
      f64x2.add(f64x2.mul(g0, a0), f64x2.mul(g1, a1)),
      f64x2.add(f64x2.mul(g2, a2), f64x2.mul(g3, a3)),
    );
    v128.store(y0 + o, f64x2.sub(v128.load(y0 + o, 16), fx), 16);
    v128.store(y1 + o, f64x2.sub(v128.load(y1 + o, 16), gx), 16);
  }
  // The last one to three columns, by the scalar route.
  if (o < bytes) {
    rank4x1(y0 + o, x + o, rowBytes, f, fStride, bytes - o);
    rank4x1(y1 + o, x + o, rowBytes, g, fStride, bytes - o);
  }
}

/** y −= Σ_t f_t·x_t over `bytes` bytes, t < 4, one float64 at a time: rows' ends, lone rows. */
function rank4x1(
  y: usize,
  x: usize,
  rowBytes: usize,
  f: usize,
  fStride: usize,
  bytes: usize,
): void {
  const f0 = load<f64>(f);
  const f1 = load<f64>(f + fStride);
  const f2 = load<f64>(f + 2 * fStride);
  const f3 = load<f64>(f + 3 * fStride);
  for (let o: usize = 0; o < bytes; o += 8) {
    const x0 = load<f64>(x + o);
    const x1 = load<f64>(x + rowBytes + o);
    const x2 = load<f64>(x + 2 * rowBytes + o);
    const x3 = load<f64>(x + 3 * rowBytes + o);
    store<f64>(y + o, load<f64>(y + o) - (f0 * x0 + f1 * x1 + (f2 * x2 + f3 * x3)));
  }
}

/**
 * The trailing update of one block step of the sweep, on rows [first, last) of the n × n matrix
 * at `a`, on and above the diagonal:
 *
 *   A[i][j] −= Σ_{t < block} W[t][i] · R[t][j]    for j ≥ i
 *
 * R (`panel`) and W (`weights`) are `block` × n, block a multiple of 4. Rows go in pairs from
 * column i; the pair's second row thereby also writes A[i + 1][i], below the diagonal, where
 * the host keeps nothing.
 */
export function updateRows(
  a: usize,
  n: u32,
  first: u32,
  last: u32,
  panel: usize,
  weights: usize,
  block: u32,
): void {
  const rowBytes = (<usize>n) << 3;
  let i = first;
  for (; i + 1 < last; i += 2) {
    const column = (<usize>i) << 3;
    const y0 = a + <usize>i * rowBytes + column;
    const bytes = rowBytes - column;
    for (let t: u32 = 0; t < block; t += 4) {
      const x = panel + <usize>t * rowBytes + column;
      const w = weights + <usize>t * rowBytes + column;
      rank4x2(y0, y0 + rowBytes, x, rowBytes, w, w + 8, rowBytes, bytes);
    }
  }
  if (i < last) {
    const column = (<usize>i) << 3;
    for (let t: u32 = 0; t < block; t += 4) {
      const x = panel + <usize>t * rowBytes + column;
      const w = weights + <usize>t * rowBytes + column;
      rank4x1(a + <usize>i * rowBytes + column, x, rowBytes, w, rowBytes, rowBytes - column);
    }
  }
}

/**
 * W = −S·R for the `block` × `block` matrix S at `s` and the `block` × n panel R, block a
 * multiple of 4: W starts at zero and takes W[u] −= Σ_t S[u][t]·R[t], two rows at a time.
 */
export function multiplyPanel(weights: usize, s: usize, panel: usize, n: u32, block: u32): void {
  const rowBytes = (<usize>n) << 3;
  const sRowBytes = (<usize>block) << 3;
  memory.fill(weights, 0, <usize>block * rowBytes);
  for (let u: u32 = 0; u < block; u += 2) {
    const y0 = weights + <usize>u * rowBytes;
    for (let t: u32 = 0; t < block; t += 4) {
      const f = s + <usize>u * sRowBytes + ((<usize>t) << 3);
      rank4x2(
        y0,
        y0 + rowBytes,
        panel + <usize>t * rowBytes,
        rowBytes,
        f,
        f + sRowBytes,
        8,
        rowBytes,
      );
    }
  }
}
