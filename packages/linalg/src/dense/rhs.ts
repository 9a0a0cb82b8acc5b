/**
 * Right-hand-side plumbing shared by the dense solvers: a solver accepts either a vector or a
 * matrix of right-hand sides and returns the same kind.
 */

import { assertFiniteArray } from '../core/assert.js';
import { DenseMatrix, isMlMatrixLike, type MatrixInput, toDense } from '../core/dense-matrix.js';
import { DimensionMismatchError } from '../core/errors.js';

/** A right-hand side: one vector (`ArrayLike<number>`) or several as the columns of a matrix. */
export type RightHandSide = ArrayLike<number> | MatrixInput;

/** What a solver returns for a right-hand side of type `B`: a Float64Array for a vector, a DenseMatrix otherwise. */
export type Solution<B> = B extends ArrayLike<number> ? Float64Array : DenseMatrix;

/** A right-hand side copied into a fresh row-major n×k buffer. */
export interface RhsBuffer {
  /** Row-major n×k entries (a copy, safe to overwrite). */
  data: Float64Array;
  /** Number of right-hand sides (columns). */
  k: number;
  /** `true` when the caller passed a single vector. */
  isVector: boolean;
}

/** `true` when `b` is a vector rather than a matrix. */
export function isVectorInput(b: RightHandSide): b is ArrayLike<number> {
  if (b instanceof DenseMatrix || isMlMatrixLike(b)) return false;
  const arr = b as ArrayLike<unknown>;
  return arr.length === 0 || typeof arr[0] === 'number';
}

/** Copies `b` into an n×k buffer, checking that it has `n` rows and finite entries. */
export function readRhs(b: RightHandSide, n: number, argument = 'b'): RhsBuffer {
  if (isVectorInput(b)) {
    if (b.length !== n)
      throw new DimensionMismatchError(`${argument}.length`, b.length, `${n} (rows of the matrix)`);
    assertFiniteArray(argument, b);
    return { data: Float64Array.from(b), k: 1, isVector: true };
  }
  const m = toDense(b, argument);
  if (m.rows !== n) throw new DimensionMismatchError(`${argument}.rows`, m.rows, `${n} (rows of the matrix)`);
  return { data: m.data.slice(), k: m.cols, isVector: false };
}

/** Wraps a solved n×k buffer back into the caller's kind of right-hand side. */
export function writeRhs<B>(buf: Float64Array, n: number, k: number, isVector: boolean): Solution<B> {
  return (isVector ? buf : new DenseMatrix(n, k, buf)) as Solution<B>;
}
