import type { DenseMatrix } from '@infogeom/linalg';
import { CsrMatrix, InvalidArgumentError } from '@infogeom/linalg';
import { exactKnn } from '../knn/exact-knn.js';
import type { KnnMetric } from '../knn/knn-graph.js';
import { prepareRows } from '../knn/nn-descent.js';
import { conditionalAffinities } from './tsne-perplexity.js';
import { transpose } from './umap-fuzzy-graph.js';

const MACHINE_EPSILON = 2.220446049250313e-16;

/**
 * Dense joint probabilities of exact t-SNE (scikit-learn `_joint_probabilities`): conditional
 * affinities over all other points from squared distances, P = (P_c + P_cᵀ)/Σ, floored at machine ε
 * off the diagonal. O(n²) memory: for small n only.
 */
export function denseJointProbabilities(X: DenseMatrix, perplexity: number, metric: KnnMetric): Float64Array {
  const n = X.rows;
  const D = X.cols;
  const data = prepareRows(X, metric);
  const width = n - 1;
  const d2 = new Float64Array(n * width);
  for (let i = 0; i < n; i++) {
    let t = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let d = 0; d < D; d++) {
        const u = data[i * D + d]! - data[j * D + d]!;
        s += u * u;
      }
      d2[i * width + t++] = metric === 'cosine' ? s / 2 : s;
    }
  }
  const cond = new Float64Array(n * width);
  conditionalAffinities(d2, width, perplexity, cond);
  const P = new Float64Array(n * n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let t = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const v = cond[i * width + t++]!;
      P[i * n + j]! += v;
      P[j * n + i]! += v;
      sum += 2 * v;
    }
  }
  const inv = 1 / Math.max(sum, MACHINE_EPSILON);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) P[i * n + j] = i === j ? 0 : Math.max(P[i * n + j]! * inv, MACHINE_EPSILON);
  return P;
}

/**
 * Sparse joint probabilities of Barnes–Hut t-SNE (scikit-learn `_joint_probabilities_nn`): conditional
 * affinities over the k = min(n − 1, ⌊3·perplexity + 1⌋) exact nearest neighbours (squared euclidean
 * distances, or cosine distances), symmetrised P = P_c + P_cᵀ and normalised to sum 1. O(n·k) memory.
 */
export function sparseJointProbabilities(X: DenseMatrix, perplexity: number, metric: KnnMetric): CsrMatrix {
  const n = X.rows;
  const k = Math.min(n - 1, Math.floor(3 * perplexity + 1));
  if (k < 1) throw new InvalidArgumentError('points.rows', n, 'at least 2 points');
  const knn = exactKnn(X, { k, metric });
  const d2 = Float64Array.from(knn.distances, (d) => (metric === 'euclidean' ? d * d : d));
  const cond = new Float64Array(n * k);
  conditionalAffinities(d2, k, perplexity, cond);
  const rows: number[] = [];
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < k; j++) {
      rows.push(i);
      cols.push(knn.indices[i * k + j]!);
      vals.push(cond[i * k + j]!);
    }
  const A = CsrMatrix.fromCoo(n, n, rows, cols, vals);
  const At = transpose(A);
  const r2: number[] = [];
  const c2: number[] = [];
  const v2: number[] = [];
  for (const M of [A, At])
    for (let i = 0; i < n; i++)
      for (let p = M.rowPtr[i]!; p < M.rowPtr[i + 1]!; p++) {
        r2.push(i);
        c2.push(M.colIdx[p]!);
        v2.push(M.values[p]!);
      }
  const S = CsrMatrix.fromCoo(n, n, r2, c2, v2);
  let sum = 0;
  for (let p = 0; p < S.nnz; p++) sum += S.values[p]!;
  const inv = 1 / Math.max(sum, MACHINE_EPSILON);
  for (let p = 0; p < S.nnz; p++) S.values[p]! *= inv;
  return S;
}
