import { DimensionMismatchError, type MatrixInput, toDense } from '@infogeom/linalg';
import { exactKnn } from '../knn/exact-knn.js';
import type { QualityOptions } from './trustworthiness.js';

/**
 * kNN preservation: the mean fraction of each point's k nearest neighbours in X that are also among
 * its k nearest in the embedding Y (1 = every neighbourhood kept, about k/n for a random embedding).
 * @param X - n × D original data
 * @param Y - n × d embedding
 * @param options - k (default 5, at most n − 1), metric of X
 */
export function knnPreservation(X: MatrixInput, Y: MatrixInput, options: QualityOptions = {}): number {
  const A = toDense(X, 'X');
  const B = toDense(Y, 'Y');
  if (A.rows !== B.rows) throw new DimensionMismatchError('Y.rows', B.rows, `X.rows = ${A.rows}`);
  const k = options.k ?? 5;
  const nx = exactKnn(A, { k, metric: options.metric ?? 'euclidean' }).indices;
  const ny = exactKnn(B, { k }).indices;
  const n = A.rows;
  let hits = 0;
  const mark = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < k; a++) mark[nx[i * k + a]!] = i;
    for (let a = 0; a < k; a++) if (mark[ny[i * k + a]!] === i) hits++;
  }
  return hits / (n * k);
}
