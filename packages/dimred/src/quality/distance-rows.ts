import { DenseMatrix, InvalidArgumentError, matmulTransB } from '@infogeom/linalg';
import type { KnnMetric } from '../knn/knn-graph.js';

/**
 * Calls `visit(i, row)` for every point i with `row[j]` a monotone proxy of the distance from i to j
 * (squared euclidean, or 1 − cos), computed through GEMM in blocks of rows; `row` is reused.
 * @param X - n × D data
 * @param metric - distance
 * @param visit - consumer of one row
 */
export function forEachDistanceRow(
  X: DenseMatrix,
  metric: KnnMetric,
  visit: (i: number, row: Float64Array) => void,
): void {
  const { rows: n, cols: D } = X;
  let data = X.data;
  if (metric === 'cosine') {
    data = new Float64Array(X.data.length);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let c = 0; c < D; c++) s += X.data[i * D + c]! ** 2;
      if (!(s > 0))
        throw new InvalidArgumentError(`X[${i}]`, 'a zero row', 'non-zero rows for the cosine metric');
      const f = 1 / Math.sqrt(s);
      for (let c = 0; c < D; c++) data[i * D + c] = X.data[i * D + c]! * f;
    }
  }
  const M = new DenseMatrix(n, D, data);
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < D; c++) s += data[i * D + c]! ** 2;
    norms[i] = s;
  }
  const block = Math.max(1, Math.min(256, Math.floor(4_000_000 / Math.max(n, 1))));
  const row = new Float64Array(n);
  for (let i0 = 0; i0 < n; i0 += block) {
    const i1 = Math.min(n, i0 + block);
    const G = matmulTransB(new DenseMatrix(i1 - i0, D, data.subarray(i0 * D, i1 * D)), M).data;
    for (let a = 0; a < i1 - i0; a++) {
      const i = i0 + a;
      for (let j = 0; j < n; j++) row[j] = Math.max(0, norms[i]! + norms[j]! - 2 * G[a * n + j]!);
      row[i] = 0;
      visit(i, row);
    }
  }
}
