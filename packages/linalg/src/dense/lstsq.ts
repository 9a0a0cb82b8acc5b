/** Linear least squares min ‖Ax − b‖₂: Householder QR for full column rank, SVD otherwise. */
import { DenseMatrix, type MatrixInput, toDense } from '../core/dense-matrix.js';
import { matmul } from '../kernels/matmul.js';
import { applyQt, householderQr } from './qr.js';
import { type RightHandSide, readRhs, type Solution, writeRhs } from './rhs.js';
import { svd } from './svd.js';
import { type RankOptions, singularCutoff } from './svd-derived.js';
import { trsmInPlace } from './triangular.js';

/** Result of {@link lstsq}. */
export interface LstsqResult<B> {
  /** The minimiser (minimum-norm when A is rank-deficient or wide), of the same kind as b. */
  x: Solution<B>;
  /** Squared residual norm ‖Axⱼ − bⱼ‖² for each right-hand side j. */
  residuals: Float64Array;
  /** Numerical rank of A used by the solve. */
  rank: number;
  /** Which factorisation solved it: `'qr'` (tall, well-conditioned R) or `'svd'`. */
  method: 'qr' | 'svd';
}

/**
 * Least-squares solution of A x ≈ b for an m×n matrix A.
 *
 * Tall A (m ≥ n) whose R factor has min|rᵢᵢ| > rcond·max|rᵢᵢ| is solved by Householder QR
 * (x = R⁻¹Qᵀb, backward stable). Otherwise — rank-deficient, nearly so, or wide (m < n) — the
 * minimum-norm solution x = V Σ⁺ Uᵀ b is taken from the SVD, dropping singular values ≤ rcond·s_max.
 * @param A - m×n matrix
 * @param b - a vector of length m, or an m×k matrix of right-hand sides
 * @example
 * ```ts
 * import { lstsq } from '@infogeom/linalg';
 *
 * // fit y = a + b·t through (0, 1), (1, 3), (2, 5)
 * const { x, rank, method } = lstsq([[1, 0], [1, 1], [1, 2]], [1, 3, 5]);
 * console.log(Array.from(x, (v) => +v.toFixed(12)), rank, method);
 * ```
 *
 * ```txt [output]
 * [ 1, 2 ] 2 qr
 * ```
 */
export function lstsq<B extends RightHandSide>(
  A: MatrixInput,
  b: B,
  options: RankOptions = {},
): LstsqResult<B> {
  const a = toDense(A, 'A');
  const { rows: m, cols: n } = a;
  const rhs = readRhs(b, m);
  const { k } = rhs;
  let x: Float64Array | null = null;
  let r = 0;
  let method: 'qr' | 'svd' = 'qr';
  if (m >= n && n > 0) {
    const f = householderQr(a.data.slice(), m, n);
    let dmax = 0;
    let dmin = Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const d = Math.abs(f.qr[i * n + i]!);
      dmax = Math.max(dmax, d);
      dmin = Math.min(dmin, d);
    }
    if (dmin > singularCutoff(m, n, dmax, options.rcond)) {
      const qtb = rhs.data.slice();
      applyQt(f, qtb, k);
      x = qtb.slice(0, n * k);
      trsmInPlace(f.qr.subarray(0, n * n), n, x, k, false, false, false, 'A');
      r = n;
    }
  }
  if (x === null) {
    method = 'svd';
    const { U, s, V } = svd(a);
    const q = s.length;
    const cut = singularCutoff(m, n, q > 0 ? s[0]! : 0, options.rcond);
    const utb = matmul(U.transpose(), new DenseMatrix(m, k, rhs.data)).data;
    for (let j = 0; j < q; j++) {
      const sj = s[j]!;
      if (sj > cut) r++;
      for (let c = 0; c < k; c++) utb[j * k + c] = sj > cut ? utb[j * k + c]! / sj : 0;
    }
    x = matmul(V, new DenseMatrix(q, k, utb)).data;
  }
  const ax = matmul(a, new DenseMatrix(n, k, x)).data;
  const residuals = new Float64Array(k);
  for (let i = 0; i < m; i++)
    for (let c = 0; c < k; c++) residuals[c]! += (ax[i * k + c]! - rhs.data[i * k + c]!) ** 2;
  return { x: writeRhs<B>(x, n, k, rhs.isVector), residuals, rank: r, method };
}
