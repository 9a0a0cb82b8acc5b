/**
 * Internal: one merge step of Cuppen's divide-and-conquer for the symmetric tridiagonal
 * eigenproblem — deflation (small z components, close poles via Givens rotations), secular
 * equation roots, Gu–Eisenstat's recomputed z for orthogonal eigenvectors, and the eigenvector
 * update as two GEMMs that respect the block structure of the old eigenvectors.
 */

import { gemm } from './gemm.js';
import { safeHypot } from './safe-hypot.js';
import type { ScratchArrays } from './scratch-arrays.js';
import { secularRoot } from './secular-equation.js';

const EPS = 2 ** -52;
const TOP = 1;
const BOTTOM = 2;

/**
 * Merges two solved halves of a block of size s at offset lo (first half of size n1). On entry,
 * d[lo..lo+n1) and d[lo+n1..lo+s) hold each half's ascending eigenvalues and rows lo.. of Z
 * (row stride ld, columns lo..lo+s) each half's eigenvectors as rows; `rho` is the coupling
 * e[lo+n1−1] that was subtracted from both neighbouring diagonal entries; `tnorm` is max|T| of
 * the whole matrix (deflation is backward stable relative to it). On return the block holds
 * the eigenvalues (ascending) and eigenvector rows of the whole block.
 */
export function mergeHalves(
  d: Float64Array,
  Z: Float64Array,
  ld: number,
  lo: number,
  s: number,
  n1: number,
  rho: number,
  tnorm: number,
  scratch: ScratchArrays,
): void {
  const n2 = s - n1;
  const Q = scratch.get(0, s * s);
  for (let t = 0; t < s; t++) Q.set(Z.subarray((lo + t) * ld + lo, (lo + t) * ld + lo + s), t * s);
  const sgn = rho >= 0 ? 1 : -1;
  const r = 2 * Math.abs(rho);
  // merge-sort the two ascending halves
  const perm = new Int32Array(s);
  for (let a = 0, b = n1, t = 0; t < s; t++) {
    perm[t] = b >= s || (a < n1 && d[lo + a]! <= d[lo + b]!) ? a++ : b++;
  }
  const ds = new Float64Array(s);
  const zs = new Float64Array(s);
  const flag = new Uint8Array(s);
  let dmax = 0;
  for (let t = 0; t < s; t++) {
    const q = perm[t]!;
    ds[t] = d[lo + q]!;
    zs[t] = (q < n1 ? Q[q * s + n1 - 1]! : sgn * Q[q * s + n1]!) * Math.SQRT1_2;
    flag[t] = q < n1 ? TOP : BOTTOM;
    dmax = Math.max(dmax, Math.abs(ds[t]!));
  }
  const tol = 8 * EPS * Math.max(dmax, r, tnorm); // relative to ‖T‖: 1/r never overflows
  const kept: number[] = [];
  const deflated: number[] = [];
  let prev = -1;
  for (let t = 0; t < s; t++) {
    if (r * Math.abs(zs[t]!) <= tol) {
      deflated.push(t);
      continue;
    }
    if (prev < 0) {
      prev = t;
      continue;
    }
    const tau = safeHypot(zs[prev]!, zs[t]!);
    const c = zs[t]! / tau;
    const sn = zs[prev]! / tau;
    if (Math.abs(c * sn * (ds[t]! - ds[prev]!)) <= tol) {
      const rp = perm[prev]! * s;
      const rt = perm[t]! * s;
      for (let j = 0; j < s; j++) {
        const xp = Q[rp + j]!;
        const xt = Q[rt + j]!;
        Q[rp + j] = c * xp - sn * xt;
        Q[rt + j] = sn * xp + c * xt;
      }
      const dp = ds[prev]!;
      const dt = ds[t]!;
      ds[prev] = c * c * dp + sn * sn * dt;
      ds[t] = sn * sn * dp + c * c * dt;
      zs[t] = tau;
      zs[prev] = 0;
      flag[t]! |= flag[prev]!;
      flag[prev]! |= flag[t]!;
      deflated.push(prev);
    } else kept.push(prev);
    prev = t;
  }
  if (prev >= 0) kept.push(prev);
  const K = kept.length;
  const dK = new Float64Array(K);
  const zK = new Float64Array(K);
  for (let j = 0; j < K; j++) {
    dK[j] = ds[kept[j]!]!;
    zK[j] = zs[kept[j]!]!;
  }
  // secular roots; delta[i·K + j] = dK[j] − λᵢ
  const lambda = new Float64Array(K);
  const delta = scratch.get(1, K * K);
  for (let i = 0; i < K; i++) lambda[i] = secularRoot(K, dK, zK, r, i, delta, i * K);
  // Gu–Eisenstat: the z for which the computed λ are exact eigenvalues
  const zHat = new Float64Array(K);
  for (let j = 0; j < K; j++) zHat[j] = -delta[(K - 1) * K + j]! / r;
  for (let i = 0; i < K - 1; i++) {
    // row i of delta pairs λᵢ with dᵢ for j > i and with dᵢ₊₁ for j ≤ i (ratios stay near 1)
    const o = i * K;
    const di = dK[i]!;
    const di1 = dK[i + 1]!;
    for (let j = 0; j <= i; j++) zHat[j]! *= -delta[o + j]! / (di1 - dK[j]!);
    for (let j = i + 1; j < K; j++) zHat[j]! *= -delta[o + j]! / (di - dK[j]!);
  }
  for (let j = 0; j < K; j++) {
    const zz = Math.sqrt(Math.abs(zHat[j]!));
    zHat[j] = zK[j]! >= 0 ? zz : -zz;
  }
  // U rows (eigenvectors of the rank-one problem), columns grouped TOP | BOTH | BOTTOM
  const order: number[] = [];
  for (const g of [TOP, TOP | BOTTOM, BOTTOM])
    for (let j = 0; j < K; j++) if (flag[kept[j]!] === g) order.push(j);
  const nTopOnly = order.filter((j) => flag[kept[j]!] === TOP).length;
  const nBotOnly = order.filter((j) => flag[kept[j]!] === BOTTOM).length;
  const nTop = K - nBotOnly;
  const U = scratch.get(2, K * K);
  const zOrd = new Float64Array(K);
  const ord = Int32Array.from(order);
  for (let c = 0; c < K; c++) zOrd[c] = zHat[ord[c]!]!;
  for (let i = 0; i < K; i++) {
    const o = i * K;
    let norm0 = 0;
    let norm1 = 0;
    let c = 0;
    for (; c + 1 < K; c += 2) {
      const u0 = zOrd[c]! / delta[o + ord[c]!]!;
      const u1 = zOrd[c + 1]! / delta[o + ord[c + 1]!]!;
      U[o + c] = u0;
      U[o + c + 1] = u1;
      norm0 += u0 * u0;
      norm1 += u1 * u1;
    }
    if (c < K) {
      const u0 = zOrd[c]! / delta[o + ord[c]!]!;
      U[o + c] = u0;
      norm0 += u0 * u0;
    }
    const inv = 1 / Math.sqrt(norm0 + norm1);
    for (c = 0; c < K; c++) U[o + c]! *= inv;
  }
  const Qtop = scratch.get(3, nTop * n1);
  for (let c = 0; c < nTop; c++) {
    const row = perm[kept[order[c]!]!]! * s;
    Qtop.set(Q.subarray(row, row + n1), c * n1);
  }
  const nBot = K - nTopOnly;
  const Qbot = scratch.get(4, nBot * n2);
  for (let c = 0; c < nBot; c++) {
    const row = perm[kept[order[nTopOnly + c]!]!]! * s;
    Qbot.set(Q.subarray(row + n1, row + s), c * n2);
  }
  const out = scratch.get(5, K * s);
  const O = { data: out, offset: 0, ld: s };
  gemm(false, false, K, n1, nTop, 1, { data: U, offset: 0, ld: K }, { data: Qtop, offset: 0, ld: n1 }, 0, O);
  gemm(
    false,
    false,
    K,
    n2,
    nBot,
    1,
    { data: U, offset: nTopOnly, ld: K },
    { data: Qbot, offset: 0, ld: n2 },
    0,
    {
      data: out,
      offset: n1,
      ld: s,
    },
  );
  // interleave kept and deflated pairs in ascending order and write back
  const vals: number[] = [];
  const src: number[] = []; // ≥ 0: row of `out`; < 0: −1 − (row of Q)
  for (let i = 0; i < K; i++) {
    vals.push(lambda[i]!);
    src.push(i);
  }
  for (const t of deflated) {
    vals.push(ds[t]!);
    src.push(-1 - perm[t]!);
  }
  const idx = vals.map((_, i) => i).sort((x, y) => vals[x]! - vals[y]!);
  for (let t = 0; t < s; t++) {
    const k = idx[t]!;
    d[lo + t] = vals[k]!;
    const from = src[k]!;
    const rowSrc =
      from >= 0 ? out.subarray(from * s, from * s + s) : Q.subarray((-1 - from) * s, (-1 - from) * s + s);
    Z.set(rowSrc, (lo + t) * ld + lo);
  }
}
