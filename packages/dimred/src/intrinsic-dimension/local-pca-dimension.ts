import { DenseMatrix, eigh, InvalidArgumentError, type MatrixInput, toDense } from '@infogeom/linalg';
import { type DimensionEstimate, type DimensionKnnOptions, dimensionKnn } from './dimension-knn.js';

/** Options of {@link localPcaDimension}. */
export interface LocalPcaDimensionOptions extends DimensionKnnOptions {
  /** Neighbours per local patch (default 12; the patch is the point and its k neighbours). */
  readonly k?: number;
  /**
   * Fukunaga–Olsen threshold α: a local eigenvalue counts when it exceeds α·λ_max (default 0.05, as
   * scikit-dimension's lPCA).
   */
  readonly alpha?: number;
}

/**
 * Local PCA intrinsic dimension (Fukunaga & Olsen 1971): for every point, the eigenvalues of the
 * covariance of its patch (itself and its k nearest neighbours, centred); the local dimension is the
 * number of eigenvalues above α·λ_max, and the global estimate is the mean of the local ones.
 * Uses the (k+1)×(k+1) Gram matrix when D > k + 1 (same non-zero spectrum), so the cost is
 * O(n·min(D, k)³ + n·k·D) beyond the kNN search.
 * @param points - n × D data
 * @param options - k, α, optional precomputed kNN graph
 */
export function localPcaDimension(
  points: MatrixInput,
  options: LocalPcaDimensionOptions = {},
): DimensionEstimate {
  const k = options.k ?? 12;
  const alpha = options.alpha ?? 0.05;
  if (!Number.isInteger(k) || k < 2) throw new InvalidArgumentError('k', k, 'an integer ≥ 2');
  if (!(alpha > 0 && alpha < 1)) throw new InvalidArgumentError('alpha', alpha, 'a number in (0, 1)');
  const X = toDense(points, 'points');
  const knn = dimensionKnn(X, k, options.knn);
  const { rows: n, cols: D } = X;
  const m = k + 1;
  const patch = new Float64Array(m * D);
  const mean = new Float64Array(D);
  const useGram = D > m;
  const size = useGram ? m : D;
  const C = new DenseMatrix(size, size);
  const local = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    mean.fill(0);
    for (let t = 0; t < m; t++) {
      const src = t === 0 ? i : knn.indices[i * knn.k + t - 1]!;
      for (let d = 0; d < D; d++) {
        const v = X.data[src * D + d]!;
        patch[t * D + d] = v;
        mean[d]! += v / m;
      }
    }
    for (let t = 0; t < m; t++) for (let d = 0; d < D; d++) patch[t * D + d]! -= mean[d]!;
    C.data.fill(0);
    if (useGram) {
      for (let a = 0; a < m; a++)
        for (let b = 0; b <= a; b++) {
          let s = 0;
          for (let d = 0; d < D; d++) s += patch[a * D + d]! * patch[b * D + d]!;
          C.data[a * m + b] = s;
          C.data[b * m + a] = s;
        }
    } else {
      for (let t = 0; t < m; t++)
        for (let a = 0; a < D; a++)
          for (let b = 0; b <= a; b++) C.data[a * D + b]! += patch[t * D + a]! * patch[t * D + b]!;
      for (let a = 0; a < D; a++) for (let b = 0; b < a; b++) C.data[b * D + a] = C.data[a * D + b]!;
    }
    const values = eigh(C, { vectors: false }).values;
    const top = values[size - 1]!;
    let dim = 0;
    if (top > 0) for (let s = 0; s < size; s++) if (values[s]! > alpha * top) dim++;
    local[i] = dim;
    total += dim;
  }
  return { dimension: total / n, local };
}
