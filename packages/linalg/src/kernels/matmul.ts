import { DenseMatrix, type MatrixInput, toDense } from '../core/dense-matrix.js';
import { DimensionMismatchError } from '../core/errors.js';

/**
 * C = A B. PLACEHOLDER (ikj loop) until the packed, register-tiled kernel lands.
 */
export function matmul(A: MatrixInput, B: MatrixInput): DenseMatrix {
  const a = toDense(A, 'A');
  const b = toDense(B, 'B');
  if (a.cols !== b.rows) throw new DimensionMismatchError('B.rows', b.rows, `A.cols = ${a.cols}`);
  const m = a.rows;
  const k = a.cols;
  const n = b.cols;
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const aip = a.data[i * k + p]!;
      if (aip === 0) continue;
      const off = p * n;
      const coff = i * n;
      for (let j = 0; j < n; j++) c[coff + j]! += aip * b.data[off + j]!;
    }
  }
  return new DenseMatrix(m, n, c);
}
