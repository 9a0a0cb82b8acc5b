/** Nearest symmetric positive semi-definite matrix in the Frobenius norm (Higham 1988). */

import { assertAtLeast } from '../core/assert.js';
import type { DenseMatrix } from '../core/dense-matrix.js';
import { type MatrixInput, toDense } from '../core/dense-matrix.js';
import { eigh } from '../kernels/eigh.js';
import { symmetrize } from './matrix-ops.js';
import { reassemble } from './spd-functions.js';

/** Options for {@link nearestSpd}. */
export interface NearestSpdOptions {
  /**
   * Floor for the eigenvalues of the result (default 0: the nearest PSD matrix). A positive
   * floor gives a positive definite matrix that Cholesky accepts, at a small extra distance.
   */
  minEigenvalue?: number;
}

/**
 * Higham's (1988) nearest symmetric positive semi-definite matrix to A in the Frobenius norm:
 * with B = (A + Aᵀ)/2 and H its polar factor (B = UH), the answer is (B + H)/2. Because
 * H = V|Λ|Vᵀ when B = VΛVᵀ, this equals V max(Λ, 0) Vᵀ, which is how it is computed (one
 * symmetric eigendecomposition); `minEigenvalue` raises the floor from 0.
 * @param A - any square matrix
 * @returns a symmetric matrix whose eigenvalues are all ≥ `minEigenvalue`
 * @example
 * ```ts
 * import { eigh, nearestSpd } from '@infogeom/linalg';
 *
 * // eigenvalues 3 and −1: the −1 is clipped
 * const X = nearestSpd([[1, 2], [2, 1]]);
 * console.log(X.toArray().map((row) => row.map((v) => +v.toFixed(6))));
 * console.log(Array.from(eigh(X).values, (v) => +v.toFixed(6)));
 * ```
 *
 * ```txt [output]
 * [ [ 1.5, 1.5 ], [ 1.5, 1.5 ] ]
 * [ 0, 3 ]
 * ```
 */
export function nearestSpd(A: MatrixInput, options: NearestSpdOptions = {}): DenseMatrix {
  const floor = options.minEigenvalue ?? 0;
  assertAtLeast('options.minEigenvalue', floor, 0);
  const b = symmetrize(toDense(A, 'A', { square: true }));
  const { values, vectors } = eigh(b);
  let changed = false;
  const d = new Float64Array(values.length);
  for (let i = 0; i < d.length; i++) {
    const l = values[i]!;
    if (l < floor) changed = true;
    d[i] = Math.max(l, floor);
  }
  return changed ? reassemble(vectors, d) : b;
}
