import { Matrix } from 'ml-matrix';
import type { DenseMatrix } from './dense-matrix.js';

/**
 * An ml-matrix `Matrix` with the same entries as `A` (a copy). A free function rather than a method so
 * that bundles which never convert to ml-matrix do not include it.
 */
export function toMlMatrix(A: DenseMatrix): Matrix {
  const m = new Matrix(A.rows, A.cols);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) m.set(i, j, A.data[i * A.cols + j]!);
  return m;
}
