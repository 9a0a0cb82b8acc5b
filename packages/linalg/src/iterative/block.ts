/**
 * Internal helpers for blocks of vectors stored as arrays of columns (`Float64Array[]`, each of
 * length n): orthonormalisation, linear combinations and conversion to {@link DenseMatrix}.
 */
import { DenseMatrix } from '../core/dense-matrix.js';
import { dot, norm2 } from '../core/vector.js';
import type { Rng } from '../random/rng.js';

/** A vector of n standard normal draws. */
export function gaussianVector(n: number, rng: Rng): Float64Array {
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = rng.normal();
  return v;
}

/** v ← v − Σ (qᵢᵀv) qᵢ, twice (classical Gram–Schmidt with one re-orthogonalisation). */
export function orthogonalizeAgainst(
  v: Float64Array,
  basis: readonly Float64Array[],
  count = basis.length,
): void {
  const n = v.length;
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < count; i++) {
      const q = basis[i]!;
      const c = dot(q, v);
      if (c !== 0) for (let t = 0; t < n; t++) v[t]! -= c * q[t]!;
    }
  }
}

/**
 * Orthonormalises `cols` in place of a new array: each column is orthogonalised against `against`
 * and the columns kept before it (twice), and dropped when what is left is below `dropTol` times
 * its original norm (rank deficiency). Returns the kept orthonormal columns (copies).
 */
export function orthonormalize(
  cols: readonly Float64Array[],
  against: readonly Float64Array[] = [],
  dropTol = 1e-10,
): Float64Array[] {
  const kept: Float64Array[] = [];
  for (const c of cols) {
    const v = c.slice();
    const before = norm2(v);
    if (before === 0) continue;
    orthogonalizeAgainst(v, against);
    orthogonalizeAgainst(v, kept);
    const after = norm2(v);
    if (after <= dropTol * before || after === 0) continue;
    const s = 1 / after;
    for (let t = 0; t < v.length; t++) v[t]! *= s;
    kept.push(v);
  }
  return kept;
}

/** Columns Σᵢ cols[i]·Y[i][j] for j in `which` (default all columns of Y). */
export function combine(
  cols: readonly Float64Array[],
  Y: DenseMatrix,
  which?: readonly number[],
): Float64Array[] {
  const n = cols[0]?.length ?? 0;
  const m = Y.rows;
  const js = which ?? Array.from({ length: Y.cols }, (_, j) => j);
  const out = js.map(() => new Float64Array(n));
  for (let i = 0; i < m; i++) {
    const c = cols[i]!;
    for (let a = 0; a < js.length; a++) {
      const y = Y.data[i * Y.cols + js[a]!]!;
      if (y === 0) continue;
      const o = out[a]!;
      for (let t = 0; t < n; t++) o[t]! += y * c[t]!;
    }
  }
  return out;
}

/** The n×k matrix whose columns are `cols`. */
export function columnsToDense(cols: readonly Float64Array[], n: number): DenseMatrix {
  const k = cols.length;
  const m = new DenseMatrix(n, k);
  for (let j = 0; j < k; j++) {
    const c = cols[j]!;
    for (let i = 0; i < n; i++) m.data[i * k + j] = c[i]!;
  }
  return m;
}

/** Flips the sign of a vector so that its entry of largest magnitude is positive (deterministic output). */
export function normalizeSign(v: Float64Array): void {
  let best = 0;
  for (let i = 0; i < v.length; i++) if (Math.abs(v[i]!) > Math.abs(best)) best = v[i]!;
  if (best < 0) for (let i = 0; i < v.length; i++) v[i] = -v[i]!;
}
