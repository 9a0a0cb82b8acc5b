import { DenseMatrix, type MatrixInput, toDense } from '../core/dense-matrix.js';
import { DimensionMismatchError } from '../core/errors.js';
import { gemm, strided } from './gemm.js';

/**
 * Product with the first factor transposed, C = Aᵀ·B, without forming Aᵀ.
 *
 * @param A - k×m matrix
 * @param B - k×n matrix
 * @returns the m×n product as a new {@link DenseMatrix}
 * @throws DimensionMismatchError when A.rows ≠ B.rows
 * @throws NonFiniteError when an entry is NaN or ±∞
 *
 * @example
 * ```ts
 * import { matmulTransA } from '@infogeom/linalg';
 *
 * console.log(matmulTransA([[1, 2], [3, 4]], [[1], [1]]).toArray()); // AᵀB
 * ```
 *
 * ```txt [output]
 * [ [ 4 ], [ 6 ] ]
 * ```
 */
export function matmulTransA(A: MatrixInput, B: MatrixInput): DenseMatrix {
  const a = toDense(A, 'A');
  const b = toDense(B, 'B');
  if (a.rows !== b.rows) throw new DimensionMismatchError('B.rows', b.rows, `A.rows = ${a.rows}`);
  const m = a.cols;
  const n = b.cols;
  const c = new Float64Array(m * n);
  gemm(true, false, m, n, a.rows, 1, strided(a.data, a.cols), strided(b.data, b.cols), 0, strided(c, n));
  return new DenseMatrix(m, n, c);
}
