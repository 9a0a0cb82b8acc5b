import { DimensionMismatchError } from '../core/errors.js';
import { CsrMatrix } from './csr-matrix.js';

/**
 * The sparse product C = A·B of two CSR matrices (Gustavson's row-by-row algorithm with a dense
 * accumulator), e.g. LLE's M = (I − W)ᵀ(I − W) without a dense n×n intermediate. Structural
 * zeros produced by cancellation are kept in the pattern.
 * @param A - left factor (m×k)
 * @param B - right factor (k×n)
 */
export function csrMatmul(A: CsrMatrix, B: CsrMatrix): CsrMatrix {
  if (A.cols !== B.rows) throw new DimensionMismatchError('B.rows', B.rows, `A.cols = ${A.cols}`);
  const m = A.rows;
  const n = B.cols;
  const acc = new Float64Array(n);
  const mark = new Int32Array(n).fill(-1);
  const rowPtr = new Int32Array(m + 1);
  let colIdx = new Int32Array(Math.max(16, A.nnz + B.nnz));
  let values = new Float64Array(colIdx.length);
  let nnz = 0;
  const touched: number[] = [];
  for (let i = 0; i < m; i++) {
    touched.length = 0;
    for (let p = A.rowPtr[i]!; p < A.rowPtr[i + 1]!; p++) {
      const a = A.values[p]!;
      const r = A.colIdx[p]!;
      for (let q = B.rowPtr[r]!; q < B.rowPtr[r + 1]!; q++) {
        const j = B.colIdx[q]!;
        if (mark[j] !== i) {
          mark[j] = i;
          acc[j] = 0;
          touched.push(j);
        }
        acc[j]! += a * B.values[q]!;
      }
    }
    touched.sort((x, y) => x - y);
    if (nnz + touched.length > colIdx.length) {
      const size = Math.max(2 * colIdx.length, nnz + touched.length);
      const c2 = new Int32Array(size);
      c2.set(colIdx.subarray(0, nnz));
      const v2 = new Float64Array(size);
      v2.set(values.subarray(0, nnz));
      colIdx = c2;
      values = v2;
    }
    for (const j of touched) {
      colIdx[nnz] = j;
      values[nnz++] = acc[j]!;
    }
    rowPtr[i + 1] = nnz;
  }
  return new CsrMatrix(m, n, rowPtr, colIdx.slice(0, nnz), values.slice(0, nnz));
}
