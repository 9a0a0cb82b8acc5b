import { type CsrMatrix, DenseMatrix } from '@infogeom/linalg';

/** (Lᵖ K) for a sparse L and dense K (internal). */
export function laplacianTimes(L: CsrMatrix, K: DenseMatrix, power: number): DenseMatrix {
  let M = K;
  const n = K.cols;
  for (let p = 0; p < power; p++) {
    const out = new DenseMatrix(L.rows, n);
    for (let i = 0; i < L.rows; i++) {
      const o = out.data.subarray(i * n, (i + 1) * n);
      for (let q = L.rowPtr[i]!; q < L.rowPtr[i + 1]!; q++) {
        const w = L.values[q]!;
        const r = L.colIdx[q]! * n;
        for (let j = 0; j < n; j++) o[j]! += w * M.data[r + j]!;
      }
    }
    M = out;
  }
  return M;
}

/** The class of the largest score in each row (internal). */
export function argmaxRows(S: DenseMatrix, classes: Int32Array): Int32Array {
  const out = new Int32Array(S.rows);
  const c = S.cols;
  for (let i = 0; i < S.rows; i++) {
    let best = 0;
    for (let j = 1; j < c; j++) if (S.data[i * c + j]! > S.data[i * c + best]!) best = j;
    out[i] = classes[best]!;
  }
  return out;
}
