import { DenseMatrix } from '../core/dense-matrix.js';

/** Internal: turns n×n row-major eigenvector rows (the solvers' layout) into eigenvectors as columns. */
export function rowsToColumns(Z: Float64Array, n: number): DenseMatrix {
  return new DenseMatrix(n, n, Z).transpose();
}
