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

// ---------------------------------------------------------------------------------------------
// The rows of B (../weights.ts). Item h's row is B_hj = r_hj·s_j for j ≠ h, where r_h is a row of
// P (direct form) or of K = Xᵀ·M·X (Woodbury form), and s_j a scale per column; only the `keep`
// largest in magnitude are kept. X is read by item: `indptr` (u32, items + 1), `indices` (u32,
// the item's users, ascending) and `x` (f64, x_ui).
//
// Selection, not sorting, row by row as its entries come, column after column: a buffer holds
// up to 2·keep candidates (f64 values B_hj, then u32 columns), and an entry joins only if its
// magnitude beats `least`, which most entries fail at one comparison. When the buffer is full,
// a quickselect keeps its `keep` largest and `least` becomes the smallest of those. The order is
// by magnitude, then column, first column first: an entry that ties `least` comes after the one
// kept at `least`, so the row keeps exactly its `keep` entries largest in that order. They are
// then heapsorted by column and written at h·keep in `columns` (u32) and `values` (f32), their
// number in counts[h]. A min-heap of `keep` in place of the buffer, whose every join costs
// log keep hard-to-predict branches, made the whole Woodbury row pass 15 to 20% slower.
//
// In random order about keep·(1 + ln(n/keep)) entries of a row join, and joining costs more
// than the scan (measured for 2,000 users × 17,500 items × 400,000 interactions at keep 500: the
// selection 2.6 s on one thread, the sums 1.5 s). So a first pass over every SAMPLE-th column, keeping 2·keep/SAMPLE, sets a floor near
// the row's 2·keep-th largest, below which the full pass lets nothing join. The result is the
// same: when at least `keep` entries pass the floor, the largest `keep` are among them, met in
// the same order; when fewer do (the sample misled), the row is passed over again from no floor.
// ---------------------------------------------------------------------------------------------

/**
 * Z = M·X_H for the items H = [first, last) of one block (last − first ≤ block), into `z`, users ×
 * block, the layout gatherRows reads. M (users × users) is symmetric and stored whole, so
 * column h of Z is Σ_{u ∋ h} x_uh·M[u], a sum of contiguous rows of M: four of them at a time into
 * Zᵀ's row (scratch at `zt`, block × users), which is then transposed. Columns past last − first
 * are zero.
 */
export function combineColumns(
  z: usize,
  zt: usize,
  m: usize,
  users: u32,
  indptr: usize,
  indices: usize,
  x: usize,
  first: u32,
  last: u32,
  block: u32,
): void {
  const rowBytes = (<usize>users) << 3;
  memory.fill(zt, 0, <usize>block * rowBytes);
  for (let h = first; h < last; h++) {
    const y = zt + <usize>(h - first) * rowBytes;
    let e = load<u32>(indptr + ((<usize>h) << 2));
    const end = load<u32>(indptr + ((<usize>h) << 2), 4);
    for (; e + 4 <= end; e += 4) {
      const at = indices + ((<usize>e) << 2);
      const f = x + ((<usize>e) << 3);
      rows4(
        y,
        m + <usize>load<u32>(at) * rowBytes,
        m + <usize>load<u32>(at, 4) * rowBytes,
        m + <usize>load<u32>(at, 8) * rowBytes,
        m + <usize>load<u32>(at, 12) * rowBytes,
        f,
        rowBytes,
      );
    }
    for (; e < end; e++) {
      const row = m + <usize>load<u32>(indices + ((<usize>e) << 2)) * rowBytes;
      const xe = load<f64>(x + ((<usize>e) << 3));
      const f = f64x2.splat(xe);
      let o: usize = 0;
      for (; o + 16 <= rowBytes; o += 16) {
        v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.mul(f, v128.load(row + o))));
      }
      if (o < rowBytes) store<f64>(y + o, load<f64>(y + o) + xe * load<f64>(row + o));
    }
  }
  const zRowBytes = (<usize>block) << 3;
  for (let u: usize = 0; u < <usize>users; u++) {
    const to = z + u * zRowBytes;
    const from = zt + (u << 3);
    for (let t: usize = 0; t < <usize>block; t++) {
      store<f64>(to + (t << 3), load<f64>(from + t * rowBytes));
    }
  }
}

/** y += (f_0·r0 + f_1·r1) + (f_2·r2 + f_3·r3) over `bytes` bytes, f_t the float64 at f + 8t. */
function rows4(y: usize, r0: usize, r1: usize, r2: usize, r3: usize, f: usize, bytes: usize): void {
  const f0 = f64x2.splat(load<f64>(f));
  const f1 = f64x2.splat(load<f64>(f, 8));
  const f2 = f64x2.splat(load<f64>(f, 16));
  const f3 = f64x2.splat(load<f64>(f, 24));
  let o: usize = 0;
  for (; o + 16 <= bytes; o += 16) {
    const s = f64x2.add(
      f64x2.add(f64x2.mul(f0, v128.load(r0 + o)), f64x2.mul(f1, v128.load(r1 + o))),
      f64x2.add(f64x2.mul(f2, v128.load(r2 + o)), f64x2.mul(f3, v128.load(r3 + o))),
    );
    v128.store(y + o, f64x2.add(v128.load(y + o), s));
  }
  // An odd number of users: the last column, in the same order of operations.
  if (o < bytes) {
    const s =
      load<f64>(f) * load<f64>(r0 + o) +
      load<f64>(f, 8) * load<f64>(r1 + o) +
      (load<f64>(f, 16) * load<f64>(r2 + o) + load<f64>(f, 24) * load<f64>(r3 + o));
    store<f64>(y + o, load<f64>(y + o) + s);
  }
}

/**
 * The Woodbury form's rows of B for the items H = [first, last) of a block: K[H][j] =
 * Σ_{u ∋ j} x_uj·Z[u][t] for every item j (Z from combineColumns, t = h − first), times s_j,
 * offered to row h's buffer as soon as it is summed, so that no row of K is ever stored (a
 * block's rows would be block·items float64, far past the caches). `block` is a multiple of 8;
 * row t's buffer is at buffers + 24·keep·t, its size at sizes + 4t and its least at leasts + 8t.
 * Three passes over the items, as the header above says: a sample, all, and for the rows the
 * sample misled, all again.
 */
export function gatherRows(
  z: usize,
  block: u32,
  items: u32,
  indptr: usize,
  indices: usize,
  x: usize,
  scale: usize,
  first: u32,
  last: u32,
  keep: u32,
  buffers: usize,
  sizes: usize,
  leasts: usize,
  columns: usize,
  values: usize,
  counts: usize,
): void {
  const bufferBytes = <usize>keep * 24;
  const sampleKeep = sampled(keep, items);
  // Past the block's last item, or with nothing to keep, nothing joins.
  const rows = keep > 0 ? min(last - first, block) : 0;
  for (let t: u32 = 0; t < block; t++) {
    store<u32>(sizes + ((<usize>t) << 2), 0);
    store<f64>(leasts + ((<usize>t) << 3), t < rows && sampleKeep > 0 ? 0 : Infinity);
  }
  if (sampleKeep > 0) {
    gatherPass(
      z,
      block,
      items,
      indptr,
      indices,
      x,
      scale,
      first,
      SAMPLE,
      sampleKeep,
      buffers,
      bufferBytes,
      sizes,
      leasts,
    );
  }
  for (let t: u32 = 0; t < block; t++) {
    const size = sizes + ((<usize>t) << 2);
    const floor =
      t < rows ? floorOf(buffers + <usize>t * bufferBytes, sampleKeep, load<u32>(size)) : Infinity;
    store<f64>(leasts + ((<usize>t) << 3), floor);
    store<u32>(size, 0);
  }
  gatherPass(
    z,
    block,
    items,
    indptr,
    indices,
    x,
    scale,
    first,
    1,
    keep,
    buffers,
    bufferBytes,
    sizes,
    leasts,
  );
  let misled = false;
  for (let t: u32 = 0; t < block; t++) {
    const size = sizes + ((<usize>t) << 2);
    const least = leasts + ((<usize>t) << 3);
    if (t < rows && load<u32>(size) < keep && load<f64>(least) > 0) {
      misled = true;
      store<u32>(size, 0);
      store<f64>(least, 0);
    } else {
      store<f64>(least, Infinity);
    }
  }
  if (misled) {
    gatherPass(
      z,
      block,
      items,
      indptr,
      indices,
      x,
      scale,
      first,
      1,
      keep,
      buffers,
      bufferBytes,
      sizes,
      leasts,
    );
  }
  for (let t: u32 = 0; t < rows; t++) {
    const size = load<u32>(sizes + ((<usize>t) << 2));
    emit(buffers + <usize>t * bufferBytes, keep, size, first + t, columns, values, counts);
  }
  // Rows with nothing to keep.
  for (let h = first + rows; h < last; h++) store<u32>(counts + ((<usize>h) << 2), 0);
}

/**
 * One pass of gatherRows over the items j = 0, step, 2·step, …: the sums take eight columns t at
 * a time in four f64x2 sums, each user's eight Z entries one contiguous load, and the eight
 * results are tested against their rows' least at once.
 */
function gatherPass(
  z: usize,
  block: u32,
  items: u32,
  indptr: usize,
  indices: usize,
  x: usize,
  scale: usize,
  first: u32,
  step: u32,
  keep: u32,
  buffers: usize,
  bufferBytes: usize,
  sizes: usize,
  leasts: usize,
): void {
  const zRowBytes = (<usize>block) << 3;
  for (let j: u32 = 0; j < items; j += step) {
    const from = load<u32>(indptr + ((<usize>j) << 2));
    const to = load<u32>(indptr + ((<usize>j) << 2), 4);
    const sj = f64x2.splat(load<f64>(scale + ((<usize>j) << 3)));
    for (let c: usize = 0; c < zRowBytes; c += 64) {
      let s0 = f64x2.splat(0);
      let s1 = f64x2.splat(0);
      let s2 = f64x2.splat(0);
      let s3 = f64x2.splat(0);
      for (let e = from; e < to; e++) {
        const xe = f64x2.splat(load<f64>(x + ((<usize>e) << 3)));
        const row = z + <usize>load<u32>(indices + ((<usize>e) << 2)) * zRowBytes + c;
        s0 = f64x2.add(s0, f64x2.mul(xe, v128.load(row)));
        s1 = f64x2.add(s1, f64x2.mul(xe, v128.load(row, 16)));
        s2 = f64x2.add(s2, f64x2.mul(xe, v128.load(row, 32)));
        s3 = f64x2.add(s3, f64x2.mul(xe, v128.load(row, 48)));
      }
      s0 = f64x2.mul(s0, sj);
      s1 = f64x2.mul(s1, sj);
      s2 = f64x2.mul(s2, sj);
      s3 = f64x2.mul(s3, sj);
      // Bit k set: the sum for row t + k beats its least. Rows join one at a time: each has a
      // small chance, but eight together a large one (measured: the whole pass 10% faster than
      // offering all eight whenever any beats).
      const l = leasts + c;
      let beats =
        i64x2.bitmask(f64x2.gt(f64x2.abs(s0), v128.load(l))) |
        (i64x2.bitmask(f64x2.gt(f64x2.abs(s1), v128.load(l, 16))) << 2) |
        (i64x2.bitmask(f64x2.gt(f64x2.abs(s2), v128.load(l, 32))) << 4) |
        (i64x2.bitmask(f64x2.gt(f64x2.abs(s3), v128.load(l, 48))) << 6);
      while (beats != 0) {
        const k = ctz(beats);
        beats &= beats - 1;
        const t = <u32>(c >> 3) + k;
        const b = lane(s0, s1, s2, s3, k);
        offer(
          buffers + <usize>t * bufferBytes,
          keep,
          sizes + ((<usize>t) << 2),
          leasts + ((<usize>t) << 3),
          b,
          j,
          first + t,
        );
      }
    }
  }
}

/**
 * The direct form's rows of B for h ∈ [first, last): row h of P read at rows + (h − first)·n
 * float64, times `scale` (n float64), offered to one buffer at `buffer` (its size at `size`, its
 * least at `least`): a sample, all columns, and all again if the sample misled.
 */
export function selectRows(
  rows: usize,
  scale: usize,
  n: u32,
  first: u32,
  last: u32,
  keep: u32,
  buffer: usize,
  size: usize,
  least: usize,
  columns: usize,
  values: usize,
  counts: usize,
): void {
  const sampleKeep = sampled(keep, n);
  for (let h = first; h < last; h++) {
    const row = rows + <usize>(h - first) * ((<usize>n) << 3);
    let floor: f64 = 0;
    if (sampleKeep > 0) {
      scan(row, scale, n, h, SAMPLE, sampleKeep, buffer, size, least, 0);
      floor = floorOf(buffer, sampleKeep, load<u32>(size));
    }
    scan(row, scale, n, h, 1, keep, buffer, size, least, keep > 0 ? floor : Infinity);
    if (load<u32>(size) < keep && floor > 0)
      scan(row, scale, n, h, 1, keep, buffer, size, least, 0);
    emit(buffer, keep, load<u32>(size), h, columns, values, counts);
  }
}

/**
 * Offers B_hj = row[j]·scale[j] for j = 0, step, 2·step, … to the buffer, emptied first, with
 * `floor` as its least; four columns tested at a time when step is 1.
 */
function scan(
  row: usize,
  scale: usize,
  n: u32,
  h: u32,
  step: u32,
  keep: u32,
  buffer: usize,
  size: usize,
  least: usize,
  floor: f64,
): void {
  store<u32>(size, 0);
  store<f64>(least, floor);
  let j: u32 = 0;
  if (step == 1) {
    for (; j + 4 <= n; j += 4) {
      const o = (<usize>j) << 3;
      const b01 = f64x2.mul(v128.load(row + o), v128.load(scale + o));
      const b23 = f64x2.mul(v128.load(row + o, 16), v128.load(scale + o, 16));
      const l = f64x2.splat(load<f64>(least));
      let beats =
        i64x2.bitmask(f64x2.gt(f64x2.abs(b01), l)) |
        (i64x2.bitmask(f64x2.gt(f64x2.abs(b23), l)) << 2);
      while (beats != 0) {
        const k = ctz(beats);
        beats &= beats - 1;
        offer(buffer, keep, size, least, lane(b01, b23, b01, b23, k), j + k, h);
      }
    }
  }
  for (; j < n; j += step) {
    const b = load<f64>(row + ((<usize>j) << 3)) * load<f64>(scale + ((<usize>j) << 3));
    offer(buffer, keep, size, least, b, j, h);
  }
}

/** Columns per sampled column in a row's first pass. */
const SAMPLE: u32 = 16;

/**
 * How many of a row's sampled entries to keep, so that the least of them lies near the row's
 * 2·keep-th largest; 0 when too few columns are sampled for that to tell anything.
 */
function sampled(keep: u32, n: u32): u32 {
  const sampleKeep = (2 * keep) / SAMPLE;
  return sampleKeep > 0 && n / SAMPLE > 2 * sampleKeep ? sampleKeep : 0;
}

/** The floor a sample sets: the least magnitude of its `sampleKeep` largest, 0 if it has fewer. */
function floorOf(buffer: usize, sampleKeep: u32, size: u32): f64 {
  if (sampleKeep == 0 || size < sampleKeep) return 0;
  const bufferColumns = buffer + ((<usize>sampleKeep) << 4);
  largestFirst(buffer, bufferColumns, size, sampleKeep);
  return abs<f64>(load<f64>(buffer + ((<usize>sampleKeep - 1) << 3)));
}

/** Lane k (0 to 7) of the eight sums s0, s1, s2, s3, two to a vector. */
function lane(s0: v128, s1: v128, s2: v128, s3: v128, k: u32): f64 {
  switch (k) {
    case 0:
      return f64x2.extract_lane(s0, 0);
    case 1:
      return f64x2.extract_lane(s0, 1);
    case 2:
      return f64x2.extract_lane(s1, 0);
    case 3:
      return f64x2.extract_lane(s1, 1);
    case 4:
      return f64x2.extract_lane(s2, 0);
    case 5:
      return f64x2.extract_lane(s2, 1);
    case 6:
      return f64x2.extract_lane(s3, 0);
    default:
      return f64x2.extract_lane(s3, 1);
  }
}

/**
 * Offers B_hj = b to row h's buffer (2·keep values at `buffer`, then their columns; its size at
 * `size` and its least at `least`): it joins if |b| beats the least and j ≠ h, and a full buffer
 * is cut to its `keep` largest.
 */
function offer(buffer: usize, keep: u32, size: usize, least: usize, b: f64, j: u32, h: u32): void {
  if (!(abs<f64>(b) > load<f64>(least)) || j == h) return;
  const n = load<u32>(size);
  const bufferColumns = buffer + ((<usize>keep) << 4);
  store<f64>(buffer + ((<usize>n) << 3), b);
  store<u32>(bufferColumns + ((<usize>n) << 2), j);
  if (n + 1 < 2 * keep) {
    store<u32>(size, n + 1);
    return;
  }
  largestFirst(buffer, bufferColumns, n + 1, keep);
  store<u32>(size, keep);
  store<f64>(least, abs<f64>(load<f64>(buffer + ((<usize>keep - 1) << 3))));
}

/** Whether entry a comes before entry b: larger magnitude, or equal and an earlier column. */
function before(values: usize, columns: usize, a: u32, b: u32): bool {
  const va = abs<f64>(load<f64>(values + ((<usize>a) << 3)));
  const vb = abs<f64>(load<f64>(values + ((<usize>b) << 3)));
  return (
    va > vb ||
    (va == vb && load<u32>(columns + ((<usize>a) << 2)) < load<u32>(columns + ((<usize>b) << 2)))
  );
}

/**
 * Quickselect (Hoare 1961, "Algorithm 65: Find"): reorders the `size` entries so that the k
 * first come before all others, the k-th of them in its sorted place. Median-of-three pivots.
 */
function largestFirst(values: usize, columns: usize, size: u32, k: u32): void {
  let lo: u32 = 0;
  let hi: u32 = size - 1;
  while (lo < hi) {
    // The median of lo, mid and hi to hi, as the pivot.
    const mid = lo + ((hi - lo) >> 1);
    if (before(values, columns, mid, lo)) swap(values, columns, mid, lo);
    if (before(values, columns, hi, lo)) swap(values, columns, hi, lo);
    if (before(values, columns, mid, hi)) swap(values, columns, mid, hi);
    // Lomuto partition: entries before the pivot to [lo, p), the pivot to p.
    let p = lo;
    for (let i = lo; i < hi; i++) {
      if (before(values, columns, i, hi)) swap(values, columns, i, p++);
    }
    swap(values, columns, p, hi);
    if (p == k - 1) return;
    if (p < k - 1) lo = p + 1;
    else hi = p - 1;
  }
}

/**
 * Row h's output: the buffer's `keep` largest of its `size` entries, heapsorted by column (a
 * max-heap on columns, its root swapped to the end each turn), written at h·keep in `columns`
 * and `values`.
 */
function emit(
  buffer: usize,
  keep: u32,
  size: u32,
  h: u32,
  columns: usize,
  values: usize,
  counts: usize,
): void {
  const bufferColumns = buffer + ((<usize>keep) << 4);
  if (size > keep) {
    largestFirst(buffer, bufferColumns, size, keep);
    size = keep;
  }
  for (let start = size >> 1; start > 0;) siftColumn(buffer, bufferColumns, --start, size);
  for (let end = size; end > 1;) {
    end--;
    swap(buffer, bufferColumns, 0, end);
    siftColumn(buffer, bufferColumns, 0, end);
  }
  const to = <usize>h * <usize>keep;
  for (let k: usize = 0; k < <usize>size; k++) {
    store<u32>(columns + ((to + k) << 2), load<u32>(bufferColumns + (k << 2)));
    store<f32>(values + ((to + k) << 2), <f32>load<f64>(buffer + (k << 3)));
  }
  store<u32>(counts + ((<usize>h) << 2), size);
}

/** Moves entry `at` down the max-heap on columns of `size` entries. */
function siftColumn(values: usize, columns: usize, at: u32, size: u32): void {
  for (;;) {
    let child: u32 = 2 * at + 1;
    if (child >= size) return;
    const c = columns + ((<usize>child) << 2);
    if (child + 1 < size && load<u32>(c, 4) > load<u32>(c)) child++;
    if (load<u32>(columns + ((<usize>child) << 2)) <= load<u32>(columns + ((<usize>at) << 2))) {
      return;
    }
    swap(values, columns, at, child);
    at = child;
  }
}

/** Swaps entries a and b, value and column. */
function swap(values: usize, columns: usize, a: u32, b: u32): void {
  const va = values + ((<usize>a) << 3);
  const vb = values + ((<usize>b) << 3);
  const value = load<f64>(va);
  store<f64>(va, load<f64>(vb));
  store<f64>(vb, value);
  const ca = columns + ((<usize>a) << 2);
  const cb = columns + ((<usize>b) << 2);
  const column = load<u32>(ca);
  store<u32>(ca, load<u32>(cb));
  store<u32>(cb, column);
}
