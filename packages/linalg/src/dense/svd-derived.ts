/** Quantities derived from the SVD: pseudo-inverse, numerical rank, condition number, spectral norms. */
import { DenseMatrix, type MatrixInput, toDense } from '../core/dense-matrix.js';
import { InvalidArgumentError } from '../core/errors.js';
import { matmul } from '../kernels/matmul.js';
import { svd } from './svd.js';

/** Options for {@link pinv} and {@link rank}. */
export interface RankOptions {
  /**
   * Relative cutoff: singular values ≤ rcond·s_max count as zero. Default max(m, n)·ε
   * (NumPy's `matrix_rank` / `pinv` default).
   */
  rcond?: number;
}

/** The cutoff rcond·s_max for an m×n matrix with largest singular value `smax` (internal). */
export function singularCutoff(m: number, n: number, smax: number, rcond: number | undefined): number {
  const r = rcond ?? Math.max(m, n) * Number.EPSILON;
  if (!(r >= 0) || !Number.isFinite(r))
    throw new InvalidArgumentError('options.rcond', r, 'a finite number ≥ 0');
  return r * smax;
}

/**
 * Moore–Penrose pseudo-inverse A⁺ = V Σ⁺ Uᵀ (n×m), with singular values at or below the cutoff treated as zero.
 * @param A - any m×n matrix
 */
export function pinv(A: MatrixInput, options: RankOptions = {}): DenseMatrix {
  const a = toDense(A, 'A');
  const { U, s, V } = svd(a);
  const k = s.length;
  const cut = singularCutoff(a.rows, a.cols, k > 0 ? s[0]! : 0, options.rcond);
  const n = a.cols;
  const vs = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const sj = s[j]!;
      vs[i * k + j] = sj > cut ? V.data[i * k + j]! / sj : 0;
    }
  }
  return matmul(new DenseMatrix(n, k, vs), U.transpose());
}

/** Numerical rank: the number of singular values above rcond·s_max. */
export function rank(A: MatrixInput, options: RankOptions = {}): number {
  const a = toDense(A, 'A');
  const { s } = svd(a, { vectors: false });
  if (s.length === 0) return 0;
  const cut = singularCutoff(a.rows, a.cols, s[0]!, options.rcond);
  let r = 0;
  for (let i = 0; i < s.length; i++) if (s[i]! > cut) r++;
  return r;
}

/** 2-norm condition number s_max / s_min (∞ for a rank-deficient matrix, 0×0 gives 1). */
export function cond(A: MatrixInput): number {
  const { s } = svd(A, { vectors: false });
  if (s.length === 0) return 1;
  const smin = s[s.length - 1]!;
  return smin === 0 ? Number.POSITIVE_INFINITY : s[0]! / smin;
}

/** Spectral norm ‖A‖₂ = largest singular value. */
export function spectralNorm(A: MatrixInput): number {
  const { s } = svd(A, { vectors: false });
  return s.length === 0 ? 0 : s[0]!;
}

/** Nuclear (trace) norm ‖A‖_* = sum of singular values. */
export function nuclearNorm(A: MatrixInput): number {
  const { s } = svd(A, { vectors: false });
  let t = 0;
  for (let i = s.length - 1; i >= 0; i--) t += s[i]!;
  return t;
}
