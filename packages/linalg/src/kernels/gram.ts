import { DenseMatrix, type MatrixInput, toDense } from '../core/dense-matrix.js';
import { gemm, strided } from './gemm.js';

/** Options for {@link gram}. */
export interface GramOptions {
  /** Compute the row Gram matrix A·Aᵀ instead of the column Gram matrix Aᵀ·A (default false). */
  rows?: boolean;
}

const BLOCK = 128;

/**
 * Gram matrix G = Aᵀ·A (or A·Aᵀ with `rows: true`), the symmetric rank-k update (BLAS `syrk`).
 * Only the blocks on and below the diagonal are computed through GEMM (about half the work of a
 * general product); the result is exactly symmetric.
 *
 * @param A - m×n matrix
 * @returns the n×n (or m×m) symmetric positive semi-definite Gram matrix
 * @throws NonFiniteError when an entry is NaN or ±∞
 *
 * @example
 * ```ts
 * import { gram } from '@infogeom/linalg';
 *
 * console.log(gram([[1, 2], [3, 4]]).toArray()); // XᵀX
 * ```
 *
 * ```txt [output]
 * [ [ 10, 14 ], [ 14, 20 ] ]
 * ```
 */
export function gram(A: MatrixInput, options: GramOptions = {}): DenseMatrix {
  const a = toDense(A, 'A');
  const rows = options.rows === true;
  const n = rows ? a.rows : a.cols;
  const k = rows ? a.cols : a.rows;
  const g = new Float64Array(n * n);
  const ld = a.cols;
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const mb = Math.min(BLOCK, n - i0);
    const width = i0 + mb;
    // G[i0:i0+mb, 0:width] = op(A)[:, i0:i0+mb]ᵀ op(A)[:, 0:width]
    if (rows) {
      gemm(
        false,
        true,
        mb,
        width,
        k,
        1,
        strided(a.data, ld, i0 * ld),
        strided(a.data, ld),
        0,
        strided(g, n, i0 * n),
      );
    } else {
      gemm(
        true,
        false,
        mb,
        width,
        k,
        1,
        strided(a.data, ld, i0),
        strided(a.data, ld),
        0,
        strided(g, n, i0 * n),
      );
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) g[j * n + i] = g[i * n + j]!;
  return new DenseMatrix(n, n, g);
}
