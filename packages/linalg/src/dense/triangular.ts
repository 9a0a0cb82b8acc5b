/** Forward and back substitution with triangular matrices, for one or many right-hand sides. */
import { type MatrixInput, toDense } from '../core/dense-matrix.js';
import { SingularMatrixError } from '../core/errors.js';
import { type RightHandSide, readRhs, type Solution, writeRhs } from './rhs.js';

/** Options for {@link solveLowerTriangular} and {@link solveUpperTriangular}. */
export interface TriangularSolveOptions {
  /** Solve with the transpose (Lᵀx = b or Uᵀx = b) instead (default false). */
  transpose?: boolean;
  /** Treat the diagonal as all ones without reading it (default false). */
  unitDiagonal?: boolean;
}

/**
 * In-place triangular solve on a row-major n×k buffer `x` with the n×n triangle `t` (internal).
 * Every inner loop runs along a contiguous row of `x`, whatever the case.
 */
export function trsmInPlace(
  t: Float64Array,
  n: number,
  x: Float64Array,
  k: number,
  lower: boolean,
  transpose: boolean,
  unit: boolean,
  argument: string,
): void {
  const checkPivot = (i: number): number => {
    const d = t[i * n + i]!;
    if (d === 0 || !Number.isFinite(d)) {
      throw new SingularMatrixError(`${argument}[${i}][${i}]`, d, 'a non-zero diagonal entry');
    }
    return 1 / d;
  };
  // Forward when (lower, not transposed) or (upper, transposed); row-oriented when not transposed.
  const forward = lower !== transpose;
  for (let s = 0; s < n; s++) {
    const i = forward ? s : n - 1 - s;
    const xi = i * k;
    if (!transpose) {
      const j0 = lower ? 0 : i + 1;
      const j1 = lower ? i : n;
      for (let j = j0; j < j1; j++) {
        const tij = t[i * n + j]!;
        if (tij === 0) continue;
        const xj = j * k;
        for (let c = 0; c < k; c++) x[xi + c]! -= tij * x[xj + c]!;
      }
      if (!unit) {
        const inv = checkPivot(i);
        for (let c = 0; c < k; c++) x[xi + c]! *= inv;
      }
    } else {
      if (!unit) {
        const inv = checkPivot(i);
        for (let c = 0; c < k; c++) x[xi + c]! *= inv;
      }
      // Row i of t holds column i of tᵀ: eliminate x_i from the equations still to solve.
      const j0 = lower ? 0 : i + 1;
      const j1 = lower ? i : n;
      for (let j = j0; j < j1; j++) {
        const tij = t[i * n + j]!;
        if (tij === 0) continue;
        const xj = j * k;
        for (let c = 0; c < k; c++) x[xj + c]! -= tij * x[xi + c]!;
      }
    }
  }
}

function solveTri<B extends RightHandSide>(
  T: MatrixInput,
  b: B,
  lower: boolean,
  options: TriangularSolveOptions,
  argument: string,
): Solution<B> {
  const t = toDense(T, argument, { square: true });
  const n = t.rows;
  const rhs = readRhs(b, n);
  trsmInPlace(
    t.data,
    n,
    rhs.data,
    rhs.k,
    lower,
    options.transpose === true,
    options.unitDiagonal === true,
    argument,
  );
  return writeRhs<B>(rhs.data, n, rhs.k, rhs.isVector);
}

/**
 * Solves L x = b (or Lᵀ x = b with `transpose`) by substitution, reading only the lower triangle of L.
 * @param L - square lower-triangular matrix
 * @param b - a vector, or a matrix whose columns are right-hand sides
 * @returns x, of the same kind as b
 * @throws SingularMatrixError naming `L[i][i]` when a diagonal entry is zero
 */
export function solveLowerTriangular<B extends RightHandSide>(
  L: MatrixInput,
  b: B,
  options: TriangularSolveOptions = {},
): Solution<B> {
  return solveTri(L, b, true, options, 'L');
}

/**
 * Solves U x = b (or Uᵀ x = b with `transpose`) by substitution, reading only the upper triangle of U.
 * @param U - square upper-triangular matrix
 * @param b - a vector, or a matrix whose columns are right-hand sides
 * @returns x, of the same kind as b
 * @throws SingularMatrixError naming `U[i][i]` when a diagonal entry is zero
 */
export function solveUpperTriangular<B extends RightHandSide>(
  U: MatrixInput,
  b: B,
  options: TriangularSolveOptions = {},
): Solution<B> {
  return solveTri(U, b, false, options, 'U');
}
