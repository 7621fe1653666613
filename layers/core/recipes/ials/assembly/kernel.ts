/* eslint-disable @typescript-eslint/ban-ts-comment -- this file is AssemblyScript, see below. */
// @ts-nocheck -- AssemblyScript, compiled by asc (asconfig.json), not tsc: v128, f32x4 and usize
// are asc built-ins. The checked-in kernel.wasm is this file compiled; a test rebuilds it.

/**
 * The inner loops of iALS in WebAssembly SIMD (f32x4). The host (../wasm-kernel.ts) lays every
 * array out in one shared memory and passes byte offsets; each worker thread runs these exports
 * on its own rows, so nothing here allocates. Factor rows are `stride` floats, a multiple of 4,
 * and every row offset is 16-byte aligned.
 *
 * The math, with Y the fixed side, G = α₀YᵀY for α₀ the weight of an unobserved pair, λ_u the
 * row's L2 weight, and for one row u with observed items i and confidences c_ui (Hu, Koren &
 * Volinsky 2008; Rendle et al. 2022 for α₀ and λ_u):
 *
 *   A_u x_u = b_u,   A_u = G + λ_u I + Σ_i (c_ui − α₀) y_i y_iᵀ,   b_u = Σ_i c_ui y_i
 *
 * solved by a few steps of conjugate gradient warm-started at the current x_u (Takács, Pilászy
 * & Tikk 2011; benfred/implicit's cg). A_u is never formed:
 * A_u p = G p + λ_u p + Σ_i (c_ui − α₀)(y_i·p) y_i costs k² + 2·k·n_u instead of k²·n_u.
 */

/** Σ of the four lanes. */
function hsum(v: v128): f32 {
  return (
    f32x4.extract_lane(v, 0) +
    f32x4.extract_lane(v, 1) +
    f32x4.extract_lane(v, 2) +
    f32x4.extract_lane(v, 3)
  );
}

/**
 * a·b over `bytes` bytes of floats. Four accumulators, 16 floats a turn, so that consecutive
 * additions do not wait on each other; then 4 floats a turn for the rest.
 */
function dot(a: usize, b: usize, bytes: usize): f32 {
  let s0 = f32x4.splat(0);
  let s1 = f32x4.splat(0);
  let s2 = f32x4.splat(0);
  let s3 = f32x4.splat(0);
  let o: usize = 0;
  for (; o + 64 <= bytes; o += 64) {
    s0 = f32x4.add(s0, f32x4.mul(v128.load(a + o), v128.load(b + o)));
    s1 = f32x4.add(s1, f32x4.mul(v128.load(a + o, 16), v128.load(b + o, 16)));
    s2 = f32x4.add(s2, f32x4.mul(v128.load(a + o, 32), v128.load(b + o, 32)));
    s3 = f32x4.add(s3, f32x4.mul(v128.load(a + o, 48), v128.load(b + o, 48)));
  }
  for (; o < bytes; o += 16) s0 = f32x4.add(s0, f32x4.mul(v128.load(a + o), v128.load(b + o)));
  return hsum(f32x4.add(f32x4.add(s0, s1), f32x4.add(s2, s3)));
}

/** y += alpha·x, 16 floats a turn, then 4. */
function axpy(alpha: f32, x: usize, y: usize, bytes: usize): void {
  const a = f32x4.splat(alpha);
  let o: usize = 0;
  for (; o + 64 <= bytes; o += 64) {
    v128.store(y + o, f32x4.add(v128.load(y + o), f32x4.mul(a, v128.load(x + o))));
    v128.store(y + o, f32x4.add(v128.load(y + o, 16), f32x4.mul(a, v128.load(x + o, 16))), 16);
    v128.store(y + o, f32x4.add(v128.load(y + o, 32), f32x4.mul(a, v128.load(x + o, 32))), 32);
    v128.store(y + o, f32x4.add(v128.load(y + o, 48), f32x4.mul(a, v128.load(x + o, 48))), 48);
  }
  for (; o < bytes; o += 16) {
    v128.store(y + o, f32x4.add(v128.load(y + o), f32x4.mul(a, v128.load(x + o))));
  }
}

/**
 * out = G v for the symmetric G: Σ_j v_j G[j,:], row combinations with no horizontal sums, four
 * rows of G a turn so that `out` is loaded and stored once per four of them.
 */
function symv(G: usize, v: usize, out: usize, stride: usize): void {
  const bytes = stride << 2;
  memory.fill(out, 0, bytes);
  for (let j: usize = 0; j < stride; j += 4) {
    const g = G + j * bytes;
    const v0 = f32x4.splat(load<f32>(v + (j << 2)));
    const v1 = f32x4.splat(load<f32>(v + (j << 2), 4));
    const v2 = f32x4.splat(load<f32>(v + (j << 2), 8));
    const v3 = f32x4.splat(load<f32>(v + (j << 2), 12));
    for (let o: usize = 0; o < bytes; o += 16) {
      const g01 = f32x4.add(
        f32x4.mul(v0, v128.load(g + o)),
        f32x4.mul(v1, v128.load(g + bytes + o)),
      );
      const g23 = f32x4.add(
        f32x4.mul(v2, v128.load(g + 2 * bytes + o)),
        f32x4.mul(v3, v128.load(g + 3 * bytes + o)),
      );
      v128.store(out + o, f32x4.add(v128.load(out + o), f32x4.add(g01, g23)));
    }
  }
}

/**
 * The pass over one row's entries that CG makes once per step: out += Σ_e w_e y_e with
 * s_e = y_e·v and w_e = (c_e − α₀)s_e, or c_e − (c_e − α₀)s_e on the `first` pass (the
 * residual), α₀ being `unobserved`.
 * Returns Σ_e c_e s_e, which the loss needs. dot and axpy are written out here by hand because
 * binaryen inlines no function of their size, and a call per entry costs about 8%.
 */
function accumulate(
  Y: usize,
  indices: usize,
  conf: usize,
  start: u32,
  end: u32,
  v: usize,
  out: usize,
  bytes: usize,
  unobserved: f32,
  first: bool,
): f64 {
  let fit: f64 = 0;
  for (let e = start; e < end; e++) {
    const y = Y + <usize>load<u32>(indices + ((<usize>e) << 2)) * bytes;
    const c = load<f32>(conf + ((<usize>e) << 2));
    let s0 = f32x4.splat(0);
    let s1 = f32x4.splat(0);
    let s2 = f32x4.splat(0);
    let s3 = f32x4.splat(0);
    let o: usize = 0;
    for (; o + 64 <= bytes; o += 64) {
      s0 = f32x4.add(s0, f32x4.mul(v128.load(y + o), v128.load(v + o)));
      s1 = f32x4.add(s1, f32x4.mul(v128.load(y + o, 16), v128.load(v + o, 16)));
      s2 = f32x4.add(s2, f32x4.mul(v128.load(y + o, 32), v128.load(v + o, 32)));
      s3 = f32x4.add(s3, f32x4.mul(v128.load(y + o, 48), v128.load(v + o, 48)));
    }
    for (; o < bytes; o += 16) s0 = f32x4.add(s0, f32x4.mul(v128.load(y + o), v128.load(v + o)));
    const s = hsum(f32x4.add(f32x4.add(s0, s1), f32x4.add(s2, s3)));
    fit += c * s;
    const d = c - unobserved;
    const w = f32x4.splat(first ? c - d * s : d * s);
    for (o = 0; o + 64 <= bytes; o += 64) {
      v128.store(out + o, f32x4.add(v128.load(out + o), f32x4.mul(w, v128.load(y + o))));
      v128.store(
        out + o,
        f32x4.add(v128.load(out + o, 16), f32x4.mul(w, v128.load(y + o, 16))),
        16,
      );
      v128.store(
        out + o,
        f32x4.add(v128.load(out + o, 32), f32x4.mul(w, v128.load(y + o, 32))),
        32,
      );
      v128.store(
        out + o,
        f32x4.add(v128.load(out + o, 48), f32x4.mul(w, v128.load(y + o, 48))),
        48,
      );
    }
    for (; o < bytes; o += 16) {
      v128.store(out + o, f32x4.add(v128.load(out + o), f32x4.mul(w, v128.load(y + o))));
    }
  }
  return fit;
}

/**
 * out = Σ_{r in [rowStart, rowEnd)} y_r y_rᵀ, filled only on and above the diagonal in blocks
 * of 4 columns (columns from a rounded down to 4 in row a): the host mirrors the rest. Rows go
 * four at a time, a rank-4 update, so that `out` is loaded and stored once per four rows.
 */
export function gram(Y: usize, rowStart: u32, rowEnd: u32, stride: u32, out: usize): void {
  const bytes = (<usize>stride) << 2;
  memory.fill(out, 0, bytes * stride);
  let r = rowStart;
  for (; r + 4 <= rowEnd; r += 4) {
    const y = Y + <usize>r * bytes;
    for (let a: usize = 0; a < stride; a++) {
      const w0 = f32x4.splat(load<f32>(y + (a << 2)));
      const w1 = f32x4.splat(load<f32>(y + bytes + (a << 2)));
      const w2 = f32x4.splat(load<f32>(y + 2 * bytes + (a << 2)));
      const w3 = f32x4.splat(load<f32>(y + 3 * bytes + (a << 2)));
      const row = out + a * bytes;
      for (let o: usize = (a & ~3) << 2; o < bytes; o += 16) {
        const y01 = f32x4.add(
          f32x4.mul(w0, v128.load(y + o)),
          f32x4.mul(w1, v128.load(y + bytes + o)),
        );
        const y23 = f32x4.add(
          f32x4.mul(w2, v128.load(y + 2 * bytes + o)),
          f32x4.mul(w3, v128.load(y + 3 * bytes + o)),
        );
        v128.store(row + o, f32x4.add(v128.load(row + o), f32x4.add(y01, y23)));
      }
    }
  }
  for (; r < rowEnd; r++) {
    const y = Y + <usize>r * bytes;
    for (let a: usize = 0; a < stride; a++) {
      const from = (a & ~3) << 2;
      axpy(load<f32>(y + (a << 2)), y + from, out + a * bytes + from, bytes - from);
    }
  }
}

/**
 * Updates rows [rowStart, rowEnd) of X by `cgSteps` CG steps each, Y and G = α₀YᵀY fixed.
 * CSR: row u's entries are indptr[u] to indptr[u+1] − 1, with column `indices` and confidence
 * `conf` (c, not c − α₀). `reg` holds each row's λ_u (f32), `unobserved` is α₀. `scratch` holds
 * three vectors of `stride` floats: r, p and A p.
 *
 * When `loss` is not 0, writes to the f64 at loss + 8u this row's share of the objective at the
 * row's value before the update, x₀:
 *
 *   Σ_i w_ui (p_ui − x₀·y_i)² + λ_u‖x₀‖²  =  Σ_obs c_ui − Σ_obs c_ui (x₀·y_i) − x₀·r₀
 *
 * (over all items i, p = 1 and w = c where observed, p = 0 and w = α₀ elsewhere). With
 * b = Σ_obs c y_i the data term is Σ_obs c − 2x₀ᵀb + x₀ᵀ(A − λ_u I)x₀, and A x₀ = b − r₀. Every
 * term falls out of the first pass, which computes r₀ and each x₀·y_i anyway.
 */
export function solve(
  X: usize,
  Y: usize,
  G: usize,
  indptr: usize,
  indices: usize,
  conf: usize,
  reg: usize,
  unobserved: f32,
  rowStart: u32,
  rowEnd: u32,
  stride: u32,
  cgSteps: u32,
  scratch: usize,
  loss: usize,
): void {
  const bytes = (<usize>stride) << 2;
  const r = scratch;
  const p = r + bytes;
  const Ap = p + bytes;
  for (let u = rowStart; u < rowEnd; u++) {
    const x = X + <usize>u * bytes;
    const start = load<u32>(indptr + ((<usize>u) << 2));
    const end = load<u32>(indptr + ((<usize>(u + 1)) << 2));
    const lambda = load<f32>(reg + ((<usize>u) << 2));

    // r = b − A x = −G x − λ_u x + Σ_i (c − (c − α₀) y_i·x) y_i
    symv(G, x, r, stride);
    axpy(-2, r, r, bytes); // r = G x − 2 G x
    axpy(-lambda, x, r, bytes);
    const fit = accumulate(Y, indices, conf, start, end, x, r, bytes, unobserved, true);
    if (loss) {
      let confidence: f64 = 0;
      for (let e = start; e < end; e++) confidence += load<f32>(conf + ((<usize>e) << 2));
      store<f64>(loss + ((<usize>u) << 3), confidence - fit - <f64>dot(x, r, bytes));
    }

    memory.copy(p, r, bytes);
    let rsold = dot(r, r, bytes);
    if (rsold < 1e-20) continue;
    for (let step: u32 = 0; step < cgSteps; step++) {
      // A p = G p + λ_u p + Σ_i (c − α₀)(y_i·p) y_i
      symv(G, p, Ap, stride);
      axpy(lambda, p, Ap, bytes);
      accumulate(Y, indices, conf, start, end, p, Ap, bytes, unobserved, false);
      const alpha = rsold / dot(p, Ap, bytes);
      axpy(alpha, p, x, bytes);
      axpy(-alpha, Ap, r, bytes);
      const rsnew = dot(r, r, bytes);
      if (rsnew < 1e-20) break;
      // p = r + (rsnew / rsold) p
      const beta = f32x4.splat(rsnew / rsold);
      for (let o: usize = 0; o < bytes; o += 16) {
        v128.store(p + o, f32x4.add(v128.load(r + o), f32x4.mul(beta, v128.load(p + o))));
      }
      rsold = rsnew;
    }
  }
}
