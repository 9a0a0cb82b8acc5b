/**
 * Internal: Householder reduction of a symmetric matrix to tridiagonal form, T = Qᵀ A Q with
 * Q = H₀ H₁ ⋯ H_{n−3}, Hₖ = I − τₖ vₖ vₖᵀ. Each step's symmetric rank-2 update is fused with the
 * next step's symmetric mat-vec, so the trailing matrix is streamed once per step (wasm f64x2
 * kernel when available).
 */
import { simdKernels, simdScratch } from './simd-runtime.js';
import { tridiagFusedJs } from './tridiagonal-fused-js.js';

/** Output of {@link tridiagonalize}. */
export interface Tridiagonal {
  /** Diagonal of T (length n). */
  d: Float64Array;
  /** Off-diagonal of T (length max(n − 1, 0)); e[k] couples k and k + 1. */
  e: Float64Array;
  /** Reflector scalars τₖ (length max(n − 2, 0)). */
  tau: Float64Array;
}

/**
 * Builds the reflector annihilating row k beyond k+1 of the upper triangle in `a` (length-n rows):
 * writes v (v[k+1] = 1, zeros before) into `v`, its tail into a[k][k+2..], e[k], and returns τ.
 */
function house(a: Float64Array, n: number, k: number, v: Float64Array, e: Float64Array): number {
  const o = k * n;
  const alpha = a[o + k + 1]!;
  let sigma = 0;
  for (let j = k + 2; j < n; j++) sigma += a[o + j]! * a[o + j]!;
  v[k + 1] = 1;
  if (sigma === 0) {
    for (let j = k + 2; j < n; j++) v[j] = 0;
    e[k] = alpha;
    return 0;
  }
  let mu = Math.sqrt(alpha * alpha + sigma);
  if (sigma < 2 ** -900) {
    // squares may have underflowed: recompute the norm on the row scaled by its largest entry
    let xmax = Math.abs(alpha);
    for (let j = k + 2; j < n; j++) xmax = Math.max(xmax, Math.abs(a[o + j]!));
    let ss = (alpha / xmax) ** 2;
    for (let j = k + 2; j < n; j++) ss += (a[o + j]! / xmax) ** 2;
    mu = xmax * Math.sqrt(ss);
  }
  const beta = alpha <= 0 ? mu : -mu;
  const scale = 1 / (alpha - beta);
  for (let j = k + 2; j < n; j++) {
    const x = a[o + j]! * scale;
    a[o + j] = x;
    v[j] = x;
  }
  e[k] = beta;
  return (beta - alpha) / beta;
}

/**
 * Reduces the symmetric matrix whose upper triangle is stored row-major in `a` (n×n) to tridiagonal
 * form. On return, row k of `a` holds the tail of reflector k in columns k+2..n−1.
 */
export function tridiagonalize(a: Float64Array, n: number): Tridiagonal {
  const d = new Float64Array(n);
  const e = new Float64Array(Math.max(n - 1, 0));
  const tau = new Float64Array(Math.max(n - 2, 0));
  if (n <= 2) {
    for (let i = 0; i < n; i++) d[i] = a[i * n + i]!;
    if (n === 2) e[0] = a[1]!;
    return { d, e, tau };
  }
  const kern = n >= 24 ? simdKernels() : null; // tiny matrices: the copy-in costs more than SIMD saves
  // Working storage: the matrix and five length-n vectors (v, p, v', p', w), in wasm memory or JS.
  let A: Float64Array;
  const slot: Float64Array[] = [];
  const ptr: number[] = [];
  if (kern !== null) {
    const mem = simdScratch(kern, n * n + 5 * n);
    mem.set(a.subarray(0, n * n));
    A = mem;
    for (let s = 0; s < 5; s++) {
      ptr.push(n * n + s * n);
      slot.push(mem.subarray(n * n + s * n, n * n + (s + 1) * n));
    }
  } else {
    A = a;
    for (let s = 0; s < 5; s++) {
      ptr.push(0);
      slot.push(new Float64Array(n));
    }
  }
  const fused = (r0: number, iv: number, iw: number, iv2: number, ip2: number): void => {
    if (kern !== null) kern.tridiagFused(0, n, r0, ptr[iv]! * 8, ptr[iw]! * 8, ptr[iv2]! * 8, ptr[ip2]! * 8);
    else tridiagFusedJs(A, n, r0, slot[iv]!, slot[iw]!, slot[iv2]!, slot[ip2]!);
  };
  let iv = 0;
  let ip = 1;
  let iv2 = 2;
  let ip2 = 3;
  const iw = 4;
  const w = slot[iw]!;
  let t = house(A, n, 0, slot[iv]!, e);
  // p = S·v for S = A[1:, 1:]: a fused call whose rank-2 update is zero (v = w = 0)
  w.fill(0);
  slot[ip]!.fill(0);
  fused(1, iw, iw, iv, ip);
  for (let k = 0; k + 2 < n; k++) {
    tau[k] = t;
    const v = slot[iv]!;
    const p = slot[ip]!;
    // w = τ p − (τ²/2)(pᵀv) v on indices k+1..n−1
    let pv = 0;
    for (let j = k + 1; j < n; j++) pv += p[j]! * v[j]!;
    const half = 0.5 * t * t * pv;
    for (let j = k + 1; j < n; j++) w[j] = t * p[j]! - half * v[j]!;
    // update row k+1, then build the next reflector from it
    const r = k + 1;
    const vr = v[r]!;
    const wr = w[r]!;
    for (let j = r; j < n; j++) A[r * n + j]! -= vr * w[j]! + wr * v[j]!;
    d[k] = A[k * n + k]!;
    const tNext = house(A, n, r, slot[iv2]!, e);
    slot[ip2]!.fill(0);
    fused(r + 1, iv, iw, iv2, ip2);
    [iv, iv2] = [iv2, iv];
    [ip, ip2] = [ip2, ip];
    t = tNext;
  }
  d[n - 2] = A[(n - 2) * n + n - 2]!;
  d[n - 1] = A[n * n - 1]!;
  if (kern !== null) a.set(A.subarray(0, n * n));
  return { d, e, tau };
}
