/** Shared validation and spectral helpers of the Fisher operators (internal, not re-exported). */
import {
  DenseMatrix,
  DimensionMismatchError,
  InvalidArgumentError,
  NotPositiveDefiniteError,
  SingularMatrixError,
} from '@infogeom/linalg';

/** Throws unless `damping` is a finite number ≥ 0; returns it. */
export function checkDamping(damping: number): number {
  if (typeof damping !== 'number' || !Number.isFinite(damping) || damping < 0) {
    throw new InvalidArgumentError('damping', damping, 'a finite damping ≥ 0');
  }
  return damping;
}

/** Throws unless `v` has length `n`. */
export function checkLength(v: ArrayLike<number>, n: number, argument: string): void {
  if (v.length !== n) throw new DimensionMismatchError(`${argument}.length`, v.length, `${n}`);
}

/** Throws unless k is an integer in [1, n]. */
export function checkK(k: number, n: number): void {
  if (!Number.isInteger(k) || k < 1 || k > n)
    throw new InvalidArgumentError('k', k, `an integer in [1, ${n}]`);
}

/** Output vector of length n (`out` when given, after a length check). */
export function outVec(n: number, out?: Float64Array): Float64Array {
  if (out === undefined) return new Float64Array(n);
  checkLength(out, n, 'out');
  return out;
}

/** Largest |value|. */
export function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]!));
  return m;
}

/**
 * Throws a NotPositiveDefiniteError naming `argument` when an eigenvalue is below −tol·max|λ|
 * (tol = 64·n·ε), i.e. the matrix is detectably indefinite.
 */
export function checkPsdValues(values: ArrayLike<number>, argument: string): void {
  const n = values.length;
  const tol = 64 * Math.max(n, 1) * Number.EPSILON * maxAbs(values);
  for (let i = 0; i < n; i++) {
    if (!(values[i]! >= -tol)) {
      throw new NotPositiveDefiniteError(
        argument,
        values[i],
        'a positive semi-definite matrix (eigenvalues ≥ 0)',
      );
    }
  }
}

/**
 * 1/(λᵢ + damping) for eigenvalues λᵢ of F; throws a SingularMatrixError naming `damping` when some
 * λᵢ + damping ≤ n·ε·max(max|λ|, damping) (F + λI numerically singular).
 */
export function dampedReciprocals(values: ArrayLike<number>, damping: number): Float64Array {
  checkDamping(damping);
  const n = values.length;
  const floor = Math.max(n, 1) * Number.EPSILON * Math.max(maxAbs(values), damping);
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = values[i]! + damping;
    if (!(d > floor)) {
      throw new SingularMatrixError(
        'damping',
        damping,
        'a damping > 0 such that F + damping·I is invertible',
      );
    }
    r[i] = 1 / d;
  }
  return r;
}

/** Σ log(λᵢ + damping), with the same singularity check as {@link dampedReciprocals}. */
export function dampedLogdet(values: ArrayLike<number>, damping: number): number {
  const r = dampedReciprocals(values, damping);
  let s = 0;
  for (let i = 0; i < r.length; i++) s -= Math.log(r[i]!);
  return s;
}

/** Indices of the k largest values, largest first. */
export function topIndices(values: ArrayLike<number>, k: number): number[] {
  const idx = Array.from({ length: values.length }, (_v, i) => i);
  idx.sort((a, b) => values[b]! - values[a]! || a - b);
  return idx.slice(0, k);
}

/** n×k matrix whose column j is `column(j)`. */
export function columnsMatrix(n: number, k: number, column: (j: number) => ArrayLike<number>): DenseMatrix {
  const M = new DenseMatrix(n, k);
  for (let j = 0; j < k; j++) {
    const c = column(j);
    for (let i = 0; i < n; i++) M.data[i * k + j] = c[i]!;
  }
  return M;
}
