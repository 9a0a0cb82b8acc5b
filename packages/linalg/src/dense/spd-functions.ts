/**
 * Functions of symmetric matrices through the eigendecomposition A = V diag(λ) Vᵀ:
 * f(A) = V diag(f(λ)) Vᵀ — square root, inverse square root, exponential, logarithm, powers.
 */

import { assertFiniteNumber } from '../core/assert.js';
import { DenseMatrix, type MatrixInput, toDense } from '../core/dense-matrix.js';
import { NotPositiveDefiniteError } from '../core/errors.js';
import { eigh } from '../kernels/eigh.js';
import { matmul } from '../kernels/matmul.js';
import { assertSymmetric, symmetrizeInPlace } from './matrix-ops.js';

/** What f needs of the spectrum: `'any'`, `'nonnegative'` (λ ≥ 0 up to round-off) or `'positive'` (λ > 0). */
export type SpectrumDomain = 'any' | 'nonnegative' | 'positive';

/** V diag(d) Vᵀ, exactly symmetric (internal). */
export function reassemble(vectors: DenseMatrix, d: ArrayLike<number>): DenseMatrix {
  const n = vectors.rows;
  const k = d.length;
  const vd = new Float64Array(n * k);
  const v = vectors.data;
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) vd[i * k + j] = v[i * vectors.cols + j]! * d[j]!;
  const out = matmul(new DenseMatrix(n, k, vd), vectors.transpose());
  symmetrizeInPlace(out.data, n);
  return out;
}

/**
 * f(A) = V diag(f(λ)) Vᵀ for a symmetric matrix A. With `domain` `'nonnegative'`, eigenvalues in
 * [−n·ε·max|λ|, 0) are treated as round-off and clipped to 0; more negative ones throw. With
 * `'positive'`, eigenvalues ≤ n·ε·max|λ| throw (A is singular to working precision).
 * @param A - symmetric matrix (symmetric to √ε; the lower triangle is used)
 * @param f - scalar function applied to each eigenvalue
 * @param domain - which eigenvalues f accepts
 * @param argument - name of A in error messages
 * @throws NotPositiveDefiniteError naming the argument when an eigenvalue is outside `domain`
 */
export function symmetricMatrixFunction(
  A: MatrixInput,
  f: (lambda: number) => number,
  domain: SpectrumDomain = 'any',
  argument = 'A',
): DenseMatrix {
  const a = toDense(A, argument, { square: true });
  assertSymmetric(a, argument);
  const { values, vectors } = eigh(a);
  const n = values.length;
  let amax = 0;
  for (let i = 0; i < n; i++) amax = Math.max(amax, Math.abs(values[i]!));
  const floor = -n * Number.EPSILON * amax;
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let l = values[i]!;
    if (domain === 'positive' && !(l > -floor)) {
      throw new NotPositiveDefiniteError(
        argument,
        l,
        `a positive definite matrix (all eigenvalues > n·ε·max|λ| = ${-floor})`,
        `eigenvalue ${i} is ${l}`,
      );
    }
    if (domain === 'nonnegative') {
      if (l < floor) {
        throw new NotPositiveDefiniteError(
          argument,
          l,
          'a positive semi-definite matrix (all eigenvalues ≥ 0)',
          `eigenvalue ${i} is ${l}`,
        );
      }
      if (l < 0) l = 0;
    }
    d[i] = f(l);
  }
  return reassemble(vectors, d);
}

/**
 * Principal square root A^{1/2} of a symmetric positive semi-definite matrix (symmetric, PSD).
 * @example
 * ```ts
 * import { spdSqrt } from '@infogeom/linalg';
 *
 * const S = spdSqrt([[4, 0], [0, 9]]);
 * console.log(S.toArray().map((row) => row.map((v) => +v.toFixed(12))));
 * ```
 *
 * ```txt [output]
 * [ [ 2, 0 ], [ 0, 3 ] ]
 * ```
 */
export function spdSqrt(A: MatrixInput): DenseMatrix {
  return symmetricMatrixFunction(A, Math.sqrt, 'nonnegative');
}

/** Inverse square root A^{-1/2} of a symmetric positive definite matrix (the whitening matrix of a covariance). */
export function spdInvSqrt(A: MatrixInput): DenseMatrix {
  return symmetricMatrixFunction(A, (l) => 1 / Math.sqrt(l), 'positive');
}

/** Matrix exponential of a symmetric matrix (the result is SPD). */
export function spdExpm(A: MatrixInput): DenseMatrix {
  return symmetricMatrixFunction(A, Math.exp, 'any');
}

/** Principal matrix logarithm of a symmetric positive definite matrix (the result is symmetric). */
export function spdLogm(A: MatrixInput): DenseMatrix {
  return symmetricMatrixFunction(A, Math.log, 'positive');
}

/**
 * A^p for a symmetric positive definite A and real p; p ≥ 0 also accepts semi-definite A
 * (with 0⁰ = 1, so A⁰ = I).
 * @param A - symmetric positive (semi-)definite matrix
 * @param p - finite real exponent
 */
export function spdPower(A: MatrixInput, p: number): DenseMatrix {
  assertFiniteNumber('p', p);
  return symmetricMatrixFunction(A, (l) => l ** p, p > 0 ? 'nonnegative' : 'positive');
}
