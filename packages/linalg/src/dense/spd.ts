/** Solves, inverses and log-determinants of symmetric positive definite matrices, via Cholesky. */
import { DenseMatrix, type MatrixInput, toDense } from '../core/dense-matrix.js';
import { InvalidArgumentError, NotPositiveDefiniteError } from '../core/errors.js';
import { choleskyInPlace } from './cholesky.js';
import { assertSymmetric, symmetrizeInPlace } from './matrix-ops.js';
import { type RightHandSide, readRhs, type Solution, writeRhs } from './rhs.js';
import { trsmInPlace } from './triangular.js';

/** Factors A (+ shift·I), throwing a NotPositiveDefiniteError that names `argument` (internal). */
function factor(
  A: MatrixInput,
  argument: string,
  shift = 0,
  shiftName?: string,
): { l: Float64Array; n: number } {
  const a = toDense(A, 'A', { square: true });
  assertSymmetric(a, 'A');
  const n = a.rows;
  const l = new Float64Array(n * n);
  const fail = choleskyInPlace(a.data, n, l, shift);
  if (fail >= 0) {
    const pivot = l[fail * n + fail]!;
    const detail = `Cholesky failed at pivot ${fail} (value ${pivot}): the leading ${fail + 1}×${fail + 1} minor is not positive definite`;
    if (shiftName !== undefined) {
      throw new NotPositiveDefiniteError(
        shiftName,
        shift,
        `a damping large enough that ${argument} is positive definite`,
        detail,
      );
    }
    throw new NotPositiveDefiniteError(argument, pivot, 'a symmetric positive definite matrix', detail);
  }
  return { l, n };
}

/**
 * Solves A x = b for symmetric positive definite A by Cholesky.
 * @param A - SPD matrix (lower triangle read; must be symmetric to √ε)
 * @param b - a vector, or a matrix whose columns are right-hand sides
 * @throws NotPositiveDefiniteError naming `A` when it is not positive definite
 */
export function spdSolve<B extends RightHandSide>(A: MatrixInput, b: B): Solution<B> {
  const { l, n } = factor(A, 'A');
  const rhs = readRhs(b, n);
  trsmInPlace(l, n, rhs.data, rhs.k, true, false, false, 'L');
  trsmInPlace(l, n, rhs.data, rhs.k, true, true, false, 'L');
  return writeRhs<B>(rhs.data, n, rhs.k, rhs.isVector);
}

/**
 * Inverse of a symmetric positive definite matrix, (LLᵀ)⁻¹ = L⁻ᵀL⁻¹; the result is exactly symmetric.
 * @throws NotPositiveDefiniteError naming `A`
 */
export function spdInverse(A: MatrixInput): DenseMatrix {
  const { l, n } = factor(A, 'A');
  const x = DenseMatrix.identity(n).data;
  trsmInPlace(l, n, x, n, true, false, false, 'L');
  trsmInPlace(l, n, x, n, true, true, false, 'L');
  symmetrizeInPlace(x, n);
  return new DenseMatrix(n, n, x);
}

/**
 * log det A = 2 Σ log Lᵢᵢ for symmetric positive definite A (no overflow, unlike det).
 * @throws NotPositiveDefiniteError naming `A`
 */
export function spdLogdet(A: MatrixInput): number {
  const { l, n } = factor(A, 'A');
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.log(l[i * n + i]!);
  return 2 * s;
}

/**
 * Solves the damped system (A + λI) x = b by Cholesky — the Levenberg–Marquardt / Tikhonov /
 * damped natural-gradient step. A must be symmetric; it may be semi-definite or mildly
 * indefinite as long as A + λI is positive definite.
 * @param A - symmetric n×n matrix
 * @param b - a vector, or a matrix whose columns are right-hand sides
 * @param lambda - damping λ ≥ 0
 * @throws InvalidArgumentError naming `lambda` when λ < 0 or is not finite
 * @throws NotPositiveDefiniteError naming `lambda` when A + λI is not positive definite
 * @example
 * ```ts
 * import { dampedSolve } from '@infogeom/linalg';
 *
 * // (A + λI)x = b with a singular A
 * const x = dampedSolve([[1, 0], [0, 0]], [2, 1], 1);
 * console.log(Array.from(x, (v) => +v.toFixed(12)));
 * ```
 *
 * ```txt [output]
 * [ 1, 1 ]
 * ```
 */
export function dampedSolve<B extends RightHandSide>(A: MatrixInput, b: B, lambda: number): Solution<B> {
  if (typeof lambda !== 'number' || !Number.isFinite(lambda) || lambda < 0) {
    throw new InvalidArgumentError('lambda', lambda, 'a finite damping ≥ 0');
  }
  const { l, n } = factor(A, 'A + lambda·I', lambda, 'lambda');
  const rhs = readRhs(b, n);
  trsmInPlace(l, n, rhs.data, rhs.k, true, false, false, 'L');
  trsmInPlace(l, n, rhs.data, rhs.k, true, true, false, 'L');
  return writeRhs<B>(rhs.data, n, rhs.k, rhs.isVector);
}
