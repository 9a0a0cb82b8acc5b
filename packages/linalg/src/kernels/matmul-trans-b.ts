import { DenseMatrix, type MatrixInput, toDense } from '../core/dense-matrix.js';
import { DimensionMismatchError } from '../core/errors.js';
import { gemm, strided } from './gemm.js';

/**
 * Product with the second factor transposed, C = A·Bᵀ, without forming Bᵀ.
 *
 * @param A - m×k matrix
 * @param B - n×k matrix
 * @returns the m×n product as a new {@link DenseMatrix}
 * @throws DimensionMismatchError when A.cols ≠ B.cols
 * @throws NonFiniteError when an entry is NaN or ±∞
 *
 * @example
 * ```ts
 * import { matmulTransB } from '@infogeom/linalg';
 *
 * console.log(matmulTransB([[1, 2]], [[3, 4], [5, 6]]).toArray()); // ABᵀ
 * ```
 *
 * ```txt [output]
 * [ [ 11, 17 ] ]
 * ```
 */
export function matmulTransB(A: MatrixInput, B: MatrixInput): DenseMatrix {
  const a = toDense(A, 'A');
  const b = toDense(B, 'B');
  if (a.cols !== b.cols) throw new DimensionMismatchError('B.cols', b.cols, `A.cols = ${a.cols}`);
  const m = a.rows;
  const n = b.rows;
  const c = new Float64Array(m * n);
  gemm(false, true, m, n, a.cols, 1, strided(a.data, a.cols), strided(b.data, b.cols), 0, strided(c, n));
  return new DenseMatrix(m, n, c);
}
