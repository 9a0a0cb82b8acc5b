/** Cholesky factorisation A = LLᵀ of a symmetric positive definite matrix, with optional jitter. */
import { assertInteger } from '../core/assert.js';
import { DenseMatrix, type MatrixInput, toDense } from '../core/dense-matrix.js';
import { InvalidArgumentError, NotPositiveDefiniteError } from '../core/errors.js';
import { matmul } from '../kernels/matmul.js';
import { assertSymmetric } from './matrix-ops.js';
import { type RightHandSide, readRhs, type Solution, writeRhs } from './rhs.js';
import { trsmInPlace } from './triangular.js';

/** Options for {@link cholesky}. */
export interface CholeskyOptions {
  /**
   * Retry with A + εI when the plain factorisation fails, like GPyTorch's `psd_safe_cholesky`:
   * `true` starts at ε = 1e-8·mean(diag A) (1e-8 if that is 0), a number gives the first ε itself;
   * ε grows tenfold per retry. Default: no jitter.
   */
  jitter?: boolean | number;
  /** Number of jittered retries before giving up (default 6). */
  maxTries?: number;
  /** Name of the matrix in error messages (default `'A'`). */
  argumentName?: string;
}

/** Result of a jittered {@link cholesky}: the factor and the jitter that made it succeed. */
export interface JitteredCholesky {
  /** Lower-triangular L with A + jitter·I = LLᵀ. */
  L: DenseMatrix;
  /** The diagonal jitter that was added (0 when A factored as is). */
  jitter: number;
}

/** Up-looking Cholesky of the diagonal block [k0, k1) of `l` in place; returns the failing row or −1. */
function factorDiagonalBlock(l: Float64Array, n: number, k0: number, k1: number): number {
  for (let i = k0; i < k1; i++) {
    const ri = i * n;
    for (let j = k0; j <= i; j++) {
      const rj = j * n;
      let s0 = 0;
      let s1 = 0;
      let k = k0;
      for (; k + 1 < j; k += 2) {
        s0 += l[ri + k]! * l[rj + k]!;
        s1 += l[ri + k + 1]! * l[rj + k + 1]!;
      }
      if (k < j) s0 += l[ri + k]! * l[rj + k]!;
      const s = l[ri + j]! - (s0 + s1);
      if (j < i) l[ri + j] = s / l[rj + j]!;
      else {
        if (!(s > 0) || !Number.isFinite(s)) {
          l[ri + i] = s;
          return i;
        }
        l[ri + i] = Math.sqrt(s);
      }
    }
  }
  return -1;
}

/**
 * Blocked right-looking Cholesky of the lower triangle of `a` (n×n, row-major) into `l`, with
 * `shift` added to the diagonal: per block of `nb` columns, factor the diagonal block, solve for
 * the panel below it, and update the trailing matrix by one GEMM through `matmul`. Returns −1 on
 * success, else the failing pivot index, whose value is left in `l[i*n+i]` (internal).
 */
export function choleskyInPlace(a: Float64Array, n: number, l: Float64Array, shift = 0, nb = 64): number {
  l.fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) l[i * n + j] = a[i * n + j]!;
    l[i * n + i] = a[i * n + i]! + shift;
  }
  for (let k0 = 0; k0 < n; k0 += nb) {
    const k1 = Math.min(k0 + nb, n);
    const fail = factorDiagonalBlock(l, n, k0, k1);
    if (fail >= 0) {
      for (let i = fail + 1; i < n; i++) l.fill(0, i * n, (i + 1) * n);
      return fail;
    }
    if (k1 >= n) break;
    // L₂₁ = A₂₁ L₁₁⁻ᵀ, one row at a time (contiguous dot products)
    for (let i = k1; i < n; i++) {
      const ri = i * n;
      for (let j = k0; j < k1; j++) {
        const rj = j * n;
        let s = l[ri + j]!;
        for (let k = k0; k < j; k++) s -= l[ri + k]! * l[rj + k]!;
        l[ri + j] = s / l[rj + j]!;
      }
    }
    // A₂₂ −= L₂₁L₂₁ᵀ (lower triangle)
    const mr = n - k1;
    const kb = k1 - k0;
    const l21 = new DenseMatrix(mr, kb);
    for (let i = 0; i < mr; i++) l21.data.set(l.subarray((k1 + i) * n + k0, (k1 + i) * n + k1), i * kb);
    const prod = matmul(l21, l21.transpose()).data;
    for (let i = 0; i < mr; i++) {
      const ri = (k1 + i) * n + k1;
      for (let j = 0; j <= i; j++) l[ri + j]! -= prod[i * mr + j]!;
    }
  }
  return -1;
}

function pivotError(argument: string, i: number, value: number, shift: number): NotPositiveDefiniteError {
  const what = shift > 0 ? `${argument} + ${shift}·I` : argument;
  return new NotPositiveDefiniteError(
    argument,
    value,
    'a symmetric positive definite matrix (every Cholesky pivot > 0)',
    `Cholesky of ${what} failed at pivot ${i}: the leading ${i + 1}×${i + 1} minor is not positive definite`,
  );
}

/**
 * Cholesky factor of a symmetric positive definite matrix: lower-triangular L with A = LLᵀ.
 * Only the lower triangle is read; A must be symmetric to √ε relative accuracy.
 * @param A - symmetric positive definite n×n matrix
 * @returns L
 * @throws NotPositiveDefiniteError naming the argument, the failing pivot's index and value
 * @example
 * ```ts
 * import { cholesky } from '@infogeom/linalg';
 *
 * const L = cholesky([[4, 2], [2, 5]]); // A = LLᵀ
 * console.log(L.toArray());
 *
 * // singular positive semi-definite: factors A + εI with the smallest ε that works
 * const { jitter } = cholesky([[1, 1], [1, 1]], { jitter: true });
 * console.log(jitter > 0);
 * ```
 *
 * ```txt [output]
 * [ [ 2, 0 ], [ 1, 2 ] ]
 * true
 * ```
 */
export function cholesky(
  A: MatrixInput,
  options?: CholeskyOptions & { jitter?: false | undefined },
): DenseMatrix;
/**
 * Jittered Cholesky: factors A + εI with the smallest ε in the sequence 0, ε₀, 10ε₀, … that works.
 * @param A - symmetric, positive semi-definite up to round-off
 * @returns the factor and the jitter used
 * @throws NotPositiveDefiniteError when even the largest jitter fails
 */
export function cholesky(
  A: MatrixInput,
  options: CholeskyOptions & { jitter: true | number },
): JitteredCholesky;
/**
 * Cholesky with options only known at run time: a {@link JitteredCholesky} when `jitter` is set, else L.
 * @param A - symmetric positive definite n×n matrix
 */
export function cholesky(A: MatrixInput, options: CholeskyOptions): DenseMatrix | JitteredCholesky;
export function cholesky(A: MatrixInput, options: CholeskyOptions = {}): DenseMatrix | JitteredCholesky {
  const argument = options.argumentName ?? 'A';
  const a = toDense(A, argument, { square: true });
  assertSymmetric(a, argument);
  const n = a.rows;
  const l = new Float64Array(n * n);
  const jitterOpt = options.jitter ?? false;
  if (typeof jitterOpt === 'number' && (!(jitterOpt > 0) || !Number.isFinite(jitterOpt))) {
    throw new InvalidArgumentError('options.jitter', jitterOpt, 'true, false or a finite number > 0');
  }
  const maxTries = options.maxTries ?? 6;
  assertInteger('options.maxTries', maxTries, 1, 100);
  const fail = choleskyInPlace(a.data, n, l);
  if (fail < 0) {
    const L = new DenseMatrix(n, n, l);
    return jitterOpt === false ? L : { L, jitter: 0 };
  }
  if (jitterOpt === false) throw pivotError(argument, fail, l[fail * n + fail]!, 0);
  let eps: number;
  if (jitterOpt === true) {
    let meanDiag = 0;
    for (let i = 0; i < n; i++) meanDiag += Math.abs(a.data[i * n + i]!);
    meanDiag /= n;
    eps = meanDiag > 0 ? 1e-8 * meanDiag : 1e-8;
  } else {
    eps = jitterOpt;
  }
  let lastFail = fail;
  for (let t = 0; t < maxTries; t++, eps *= 10) {
    lastFail = choleskyInPlace(a.data, n, l, eps);
    if (lastFail < 0) return { L: new DenseMatrix(n, n, l), jitter: eps };
  }
  eps /= 10;
  throw pivotError(argument, lastFail, l[lastFail * n + lastFail]!, eps);
}

/**
 * Solves A x = b given the Cholesky factor L of A (A = LLᵀ): forward then back substitution.
 * @param L - lower-triangular Cholesky factor
 * @param b - a vector, or a matrix whose columns are right-hand sides
 * @returns x, of the same kind as b
 */
export function choleskySolve<B extends RightHandSide>(L: MatrixInput, b: B): Solution<B> {
  const l = toDense(L, 'L', { square: true });
  const n = l.rows;
  const rhs = readRhs(b, n);
  trsmInPlace(l.data, n, rhs.data, rhs.k, true, false, false, 'L');
  trsmInPlace(l.data, n, rhs.data, rhs.k, true, true, false, 'L');
  return writeRhs<B>(rhs.data, n, rhs.k, rhs.isVector);
}
