import { assertFiniteArray, assertLength } from '../core/assert.js';
import { DenseMatrix } from '../core/dense-matrix.js';
import { tridiagonalDivideAndConquer } from './divide-and-conquer.js';
import type { EighOptions, EighResult } from './eigh.js';
import { scaleByPowerOfTwo, scaleExponent } from './power-of-two-scaling.js';
import { rowsToColumns } from './rows-to-columns.js';
import { tridiagonalQl } from './tridiagonal-ql.js';

/**
 * Eigendecomposition of the symmetric tridiagonal matrix with diagonal `diag` and off-diagonal
 * `offDiag` (the projected matrix of a Lanczos run, for instance).
 *
 * Divide-and-conquer with eigenvectors (O(n²) memory, about n³ flops through GEMM), implicit QL
 * in O(n²) for values only. Inputs are scaled by a power of two first.
 *
 * @param diag - the n diagonal entries
 * @param offDiag - the n − 1 off-diagonal entries (offDiag[i] couples i and i + 1)
 * @param options - {@link EighOptions}
 * @returns ascending eigenvalues and (unless `vectors: false`) the eigenvectors as columns
 * @throws DimensionMismatchError when offDiag.length ≠ max(n − 1, 0)
 * @throws NonFiniteError when an entry is NaN or ±∞
 *
 * @example
 * ```ts
 * import { eighTridiagonal } from '@infogeom/linalg';
 *
 * const { values } = eighTridiagonal([2, 2, 2], [-1, -1]); // 2 − √2, 2, 2 + √2
 * console.log(Array.from(values, (v) => +v.toFixed(12)));
 * console.log(+(2 - Math.SQRT2).toFixed(12), +(2 + Math.SQRT2).toFixed(12));
 * ```
 *
 * ```txt [output]
 * [ 0.585786437627, 2, 3.414213562373 ]
 * 0.585786437627 3.414213562373
 * ```
 */
export function eighTridiagonal(
  diag: ArrayLike<number>,
  offDiag: ArrayLike<number>,
  options: EighOptions = {},
): EighResult {
  const n = diag.length;
  assertLength('offDiag', offDiag.length, Math.max(n - 1, 0));
  assertFiniteArray('diag', diag);
  assertFiniteArray('offDiag', offDiag);
  const d = Float64Array.from(diag);
  const e = new Float64Array(Math.max(n, 1));
  e.set(Float64Array.from(offDiag));
  let maxAbs = 0;
  for (let i = 0; i < n; i++) maxAbs = Math.max(maxAbs, Math.abs(d[i]!), Math.abs(e[i]!));
  const ex = scaleExponent(maxAbs);
  scaleByPowerOfTwo(d, ex);
  scaleByPowerOfTwo(e, ex);
  if (options.vectors === false) {
    tridiagonalQl(n, d, e);
    scaleByPowerOfTwo(d, -ex);
    return { values: d, vectors: new DenseMatrix(0, 0) };
  }
  const Z = tridiagonalDivideAndConquer(n, d, e);
  scaleByPowerOfTwo(d, -ex);
  return { values: d, vectors: rowsToColumns(Z, n) };
}
