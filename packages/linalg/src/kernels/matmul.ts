import { DenseMatrix, type MatrixInput, toDense } from '../core/dense-matrix.js';
import { DimensionMismatchError } from '../core/errors.js';
import { gemm, strided } from './gemm.js';

/**
 * Matrix product C = A·B.
 *
 * Packed, register-tiled GEMM: a wasm f64x2 SIMD kernel where the engine supports it, a scalar
 * JS kernel otherwise (same results up to rounding).
 *
 * @param A - m×k matrix
 * @param B - k×n matrix
 * @returns the m×n product as a new {@link DenseMatrix}
 * @throws DimensionMismatchError when A.cols ≠ B.rows
 * @throws NonFiniteError when an entry is NaN or ±∞
 *
 * @example
 * ```ts
 * import { matmul } from '@infogeom/linalg';
 *
 * console.log(matmul([[1, 2], [3, 4]], [[5], [6]]).toArray());
 * ```
 *
 * ```txt [output]
 * [ [ 17 ], [ 39 ] ]
 * ```
 */
export function matmul(A: MatrixInput, B: MatrixInput): DenseMatrix {
  const a = toDense(A, 'A');
  const b = toDense(B, 'B');
  if (a.cols !== b.rows) throw new DimensionMismatchError('B.rows', b.rows, `A.cols = ${a.cols}`);
  const m = a.rows;
  const n = b.cols;
  const c = new Float64Array(m * n);
  gemm(false, false, m, n, a.cols, 1, strided(a.data, a.cols), strided(b.data, b.cols), 0, strided(c, n));
  return new DenseMatrix(m, n, c);
}
