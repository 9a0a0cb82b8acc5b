/** General square solves and inverses through LU with partial pivoting. */
import { DenseMatrix, type MatrixInput, toDense } from '../core/dense-matrix.js';
import { assertNonsingularLu, luInPlace } from './lu.js';
import { type RightHandSide, readRhs, type Solution, writeRhs } from './rhs.js';
import { trsmInPlace } from './triangular.js';

function luSolveRaw(A: MatrixInput, rhs: Float64Array | null, nrhs: number): { x: Float64Array; n: number } {
  const a = toDense(A, 'A', { square: true, copy: true });
  const n = a.rows;
  const perm = new Int32Array(n);
  luInPlace(a.data, n, perm);
  assertNonsingularLu(a.data, n, 'A');
  const k = rhs === null ? n : nrhs;
  const x = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const p = perm[i]!;
    if (rhs === null) x[i * n + p] = 1;
    else x.set(rhs.subarray(p * k, (p + 1) * k), i * k);
  }
  trsmInPlace(a.data, n, x, k, true, false, true, 'A');
  trsmInPlace(a.data, n, x, k, false, false, false, 'A');
  return { x, n };
}

/**
 * Solves the square system A x = b by LU with partial pivoting.
 * @param A - square nonsingular matrix
 * @param b - a vector, or a matrix whose columns are right-hand sides
 * @returns x, of the same kind as b
 * @throws SingularMatrixError naming `A` when it is singular to working precision
 * @example
 * ```ts
 * import { solve } from '@infogeom/linalg';
 *
 * const x = solve([[2, 1], [1, 3]], [3, 5]); // a Float64Array, like b
 * console.log(Array.from(x, (v) => +v.toFixed(12)));
 * ```
 *
 * ```txt [output]
 * [ 0.8, 1.4 ]
 * ```
 */
export function solve<B extends RightHandSide>(A: MatrixInput, b: B): Solution<B> {
  const a = toDense(A, 'A', { square: true });
  const rhs = readRhs(b, a.rows);
  const { x, n } = luSolveRaw(a, rhs.data, rhs.k);
  return writeRhs<B>(x, n, rhs.k, rhs.isVector);
}

/**
 * Inverse of a square matrix by LU with partial pivoting (prefer {@link solve} when you only need A⁻¹b).
 * @throws SingularMatrixError naming `A` when it is singular to working precision
 */
export function inverse(A: MatrixInput): DenseMatrix {
  const { x, n } = luSolveRaw(A, null, 0);
  return new DenseMatrix(n, n, x);
}
