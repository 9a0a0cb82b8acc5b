import { InvalidArgumentError, type MatrixInput, toDense } from '@infogeom/linalg';
import { exactKnn } from '../knn/exact-knn.js';
import type { KnnGraph } from '../knn/knn-graph.js';

/** Options shared by the intrinsic-dimension estimators. */
export interface DimensionKnnOptions {
  /** A precomputed euclidean neighbour graph with enough neighbours (default: exact kNN of the points). */
  readonly knn?: KnnGraph;
}

/** Result of an intrinsic-dimension estimate. */
export interface DimensionEstimate {
  /** The global estimate. */
  readonly dimension: number;
  /** Per-point estimates where the method has them (length n), else empty. */
  readonly local: Float64Array;
}

/** The kNN graph an estimator needs: the given one (checked) or the exact euclidean one. */
export function dimensionKnn(points: MatrixInput, k: number, knn: KnnGraph | undefined): KnnGraph {
  if (knn !== undefined) {
    if (knn.k < k) throw new InvalidArgumentError('knn.k', knn.k, `at least ${k} neighbours`);
    if (knn.metric !== 'euclidean') throw new InvalidArgumentError('knn.metric', knn.metric, "'euclidean'");
    return knn;
  }
  const X = toDense(points, 'points');
  if (X.rows <= k) throw new InvalidArgumentError('points.rows', X.rows, `more than k = ${k} points`);
  return exactKnn(X, { k });
}
