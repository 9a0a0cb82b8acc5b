import { DimensionMismatchError, InvalidArgumentError, type MatrixInput, toDense } from '@infogeom/linalg';
import { exactKnn } from '../knn/exact-knn.js';
import type { KnnMetric } from '../knn/knn-graph.js';
import { forEachDistanceRow } from './distance-rows.js';

/** Options of {@link trustworthiness}, {@link continuity} and knnPreservation. */
export interface QualityOptions {
  /** Neighbourhood size k (default 5; trustworthiness needs k < n/2). */
  readonly k?: number;
  /** Metric in the original space (default 'euclidean'); the embedding is always euclidean. */
  readonly metric?: KnnMetric;
}

function checkPair(X: MatrixInput, Y: MatrixInput, k: number, strictHalf: boolean) {
  const A = toDense(X, 'X');
  const B = toDense(Y, 'Y');
  if (A.rows !== B.rows) throw new DimensionMismatchError('Y.rows', B.rows, `X.rows = ${A.rows}`);
  const n = A.rows;
  if (!Number.isInteger(k) || k < 1 || (strictHalf ? k >= n / 2 : k > n - 1)) {
    throw new InvalidArgumentError(
      'k',
      k,
      strictHalf ? `an integer in [1, n/2) with n = ${n}` : `an integer in [1, n − 1]`,
    );
  }
  return { A, B, n };
}

function trust(X: MatrixInput, Y: MatrixInput, k: number, metricX: KnnMetric, metricY: KnnMetric): number {
  const { A, B, n } = checkPair(X, Y, k, true);
  const nearY = exactKnn(B, { k, metric: metricY }).indices;
  let penalty = 0;
  forEachDistanceRow(A, metricX, (i, row) => {
    for (let a = 0; a < k; a++) {
      const j = nearY[i * k + a]!;
      const dj = row[j]!;
      // rank of j among i's neighbours in X (1 = nearest; ties broken by index, as a stable sort)
      let rank = 1;
      for (let l = 0; l < n; l++) {
        if (l === i || l === j) continue;
        const dl = row[l]!;
        if (dl < dj || (dl === dj && l < j)) rank++;
      }
      if (rank > k) penalty += rank - k;
    }
  });
  return 1 - (2 / (n * k * (2 * n - 3 * k - 1))) * penalty;
}

/**
 * Trustworthiness T(k) of an embedding (Venna & Kaski), scikit-learn's definition:
 * T = 1 − 2/(n k (2n − 3k − 1)) Σᵢ Σ_{j ∈ N_k^Y(i) \ N_k^X(i)} (r(i, j) − k), where r(i, j) is the
 * rank of j among i's neighbours in the original space. 1 means no false neighbours in the embedding.
 * Exact, O(n²(D + k)) time, O(n) extra memory per row.
 * @param X - n × D original data
 * @param Y - n × d embedding
 * @param options - k (default 5), metric of X
 * @example
 * ```ts
 * import { trustworthiness } from '@infogeom/dimred';
 *
 * // Points on a line, embedded as themselves (T = 1) and with points 3 and 7 swapped. Counted by hand, the
 * // false neighbours' ranks exceed k by 5 + 6 + 4 + 2 + 4 = 21 in total, so T = 1 − 2·21/(n k (2n − 3k − 1)).
 * const X = [[0], [1], [2], [3], [4], [5], [6], [7]];
 * const swapped = [[0], [1], [2], [7], [4], [5], [6], [3]];
 * console.log(trustworthiness(X, X, { k: 2 }), trustworthiness(X, swapped, { k: 2 }).toFixed(4), (1 - (2 * 21) / (8 * 2 * 9)).toFixed(4));
 * ```
 *
 * ```txt [output]
 * 1 0.7083 0.7083
 * ```
 */
export function trustworthiness(X: MatrixInput, Y: MatrixInput, options: QualityOptions = {}): number {
  return trust(X, Y, options.k ?? 5, options.metric ?? 'euclidean', 'euclidean');
}

/**
 * Continuity C(k): trustworthiness with the roles swapped (how many true neighbours the embedding
 * keeps close); 1 means no neighbour was torn apart.
 * @param X - n × D original data
 * @param Y - n × d embedding
 * @param options - k (default 5), metric of X
 */
export function continuity(X: MatrixInput, Y: MatrixInput, options: QualityOptions = {}): number {
  return trust(Y, X, options.k ?? 5, 'euclidean', options.metric ?? 'euclidean');
}
