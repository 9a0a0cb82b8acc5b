/**
 * Internal: one-sided Jacobi SVD of a tall block of columns (Hestenes). Accurate to high relative
 * precision for the singular values, used on the small projected matrices of randomized methods.
 */
import { DenseMatrix } from '../core/dense-matrix.js';
import { dot, norm2 } from '../core/vector.js';

/** Result of {@link jacobiSvdColumns}: M = U diag(s) Gᵀ with columns sorted by s descending. */
export interface ColumnSvd {
  /** Left singular vectors (unit columns; zero columns for zero singular values). */
  U: Float64Array[];
  /** Singular values, descending. */
  s: Float64Array;
  /** Right singular vectors (l×l orthogonal, columns). */
  G: DenseMatrix;
}

/** One-sided Jacobi on the columns of M (n×l): rotates column pairs until all are orthogonal. */
export function jacobiSvdColumns(cols: readonly Float64Array[]): ColumnSvd {
  const l = cols.length;
  const n = cols[0]?.length ?? 0;
  const M = cols.map((c) => c.slice());
  const G = DenseMatrix.identity(l);
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < l; p++)
      for (let q = p + 1; q < l; q++) {
        const a = M[p]!;
        const b = M[q]!;
        const alpha = dot(a, a);
        const beta = dot(b, b);
        const gamma = dot(a, b);
        if (Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta) || gamma === 0) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < n; i++) {
          const ai = a[i]!;
          const bi = b[i]!;
          a[i] = c * ai - s * bi;
          b[i] = s * ai + c * bi;
        }
        for (let i = 0; i < l; i++) {
          const gp = G.data[i * l + p]!;
          const gq = G.data[i * l + q]!;
          G.data[i * l + p] = c * gp - s * gq;
          G.data[i * l + q] = s * gp + c * gq;
        }
      }
    if (!rotated) break;
  }
  const norms = M.map(norm2);
  const order = Array.from({ length: l }, (_, j) => j).sort((x, y) => norms[y]! - norms[x]!);
  const U = order.map((j) => {
    const v = M[j]!;
    const s = norms[j]!;
    if (s > 0) for (let i = 0; i < n; i++) v[i]! /= s;
    return v;
  });
  const Gs = DenseMatrix.fromFunction(l, l, (i, j) => G.get(i, order[j]!));
  return { U, s: Float64Array.from(order, (j) => norms[j]!), G: Gs };
}
