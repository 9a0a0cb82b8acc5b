/**
 * The logistic sigmoid and tanh with their first two derivatives over a whole Float64Array — the
 * activations of a network layer and the σ′, σ″ its tangent and second-order passes need, in one sweep.
 */
import { DimensionMismatchError } from '../core/errors.js';
import { type SimdKernels, simdKernels, simdScratch } from './simd-runtime.js';

/** Entries per pass through the wasm memory (the four 16 KB blocks stay in L1). */
const CHUNK = 2048;

type Block = 'sigmoidBlock' | 'tanhBlock';

function check(t: Float64Array, f: Float64Array, d1: Float64Array, d2: Float64Array): void {
  const n = t.length;
  if (f.length !== n) throw new DimensionMismatchError('out.length', f.length, `t.length = ${n}`);
  if (d1.length !== n) throw new DimensionMismatchError('d1.length', d1.length, `t.length = ${n}`);
  if (d2.length !== n) throw new DimensionMismatchError('d2.length', d2.length, `t.length = ${n}`);
}

function simd(
  kern: SimdKernels,
  block: Block,
  t: Float64Array,
  f: Float64Array,
  d1: Float64Array,
  d2: Float64Array,
): void {
  const n = t.length;
  const mem = simdScratch(kern, 3 * CHUNK);
  for (let o = 0; o < n; o += CHUNK) {
    const m = Math.min(CHUNK, n - o);
    mem.set(t.subarray(o, o + m), 0);
    if (m & 1) mem[m] = 0;
    kern[block](0, CHUNK * 8, 2 * CHUNK * 8, (m + 1) & ~1);
    f.set(mem.subarray(0, m), o);
    d1.set(mem.subarray(CHUNK, CHUNK + m), o);
    d2.set(mem.subarray(2 * CHUNK, 2 * CHUNK + m), o);
  }
}

/**
 * σ(t) = 1/(1 + e^{−t}), σ′(t) and σ″(t) for every entry, from e = e^{−|t|} (d = 1 + e): σ = (t ≥ 0 ? 1 : e)/d,
 * σ′ = e/d², σ″ = σ′·(t ≥ 0 ? e − 1 : 1 − e)/d — relatively accurate in both tails (no 1 − σ). With the wasm
 * SIMD kernels (linalg's exponential) 1.7× a `Math.exp` loop over a 124 × 784 block (`pnpm bench`); without
 * them (`setKernelBackend('js')`) the same formulas on `Math.exp`.
 * @param t - arguments
 * @param out - σ(t) (may be t itself)
 * @param d1 - σ′(t), the same length
 * @param d2 - σ″(t), the same length
 */
export function sigmoidDerivatives(
  t: Float64Array,
  out: Float64Array,
  d1: Float64Array,
  d2: Float64Array,
): void {
  check(t, out, d1, d2);
  const kern = simdKernels();
  if (kern !== null) {
    simd(kern, 'sigmoidBlock', t, out, d1, d2);
    return;
  }
  for (let i = 0; i < t.length; i++) {
    const x = t[i]!;
    const e = Math.exp(-Math.abs(x));
    const d = 1 + e;
    const g = e / (d * d);
    out[i] = (x >= 0 ? 1 : e) / d;
    d1[i] = g;
    d2[i] = (g * (x >= 0 ? e - 1 : 1 - e)) / d;
  }
}

/**
 * tanh t, sech² t and −2 tanh t sech² t for every entry, from x = −2|t|, e = eˣ and eˣ − 1 (one range
 * reduction): tanh|t| = −(eˣ − 1)/(1 + e) with the sign of t, sech² t = 4e/(1 + e)² — relatively accurate
 * near 0 and in the tails (no 1 − tanh²). With the wasm SIMD kernels 1.8× a `Math.tanh` loop computing the same
 * three arrays (`pnpm bench`); without them the same formulas on `Math.exp` / `Math.expm1`.
 * @param t - arguments
 * @param out - tanh t (may be t itself)
 * @param d1 - sech² t, the same length
 * @param d2 - −2 tanh t sech² t, the same length
 */
export function tanhDerivatives(
  t: Float64Array,
  out: Float64Array,
  d1: Float64Array,
  d2: Float64Array,
): void {
  check(t, out, d1, d2);
  const kern = simdKernels();
  if (kern !== null) {
    simd(kern, 'tanhBlock', t, out, d1, d2);
    return;
  }
  for (let i = 0; i < t.length; i++) {
    const x = -2 * Math.abs(t[i]!);
    const e = Math.exp(x);
    const d = 1 + e;
    const h = -Math.expm1(x) / d;
    const th = t[i]! < 0 || Object.is(t[i], -0) ? -h : h;
    const g = (4 * e) / (d * d);
    out[i] = th;
    d1[i] = g;
    d2[i] = -2 * th * g;
  }
}
