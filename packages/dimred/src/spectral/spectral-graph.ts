import { CsrMatrix, type DenseMatrix } from '@infogeom/linalg';
import { connectComponents } from '../knn/connect-components.js';
import { knnAdjacency } from '../knn/knn-adjacency.js';
import type { KnnGraph } from '../knn/knn-graph.js';

/** The affinity graph of Laplacian eigenmaps and diffusion maps, with its normalised form. */
export interface NormalisedGraph {
  /** Symmetric affinity W (no self loops). */
  readonly W: CsrMatrix;
  /** Degrees dᵢ = Σⱼ wᵢⱼ. */
  readonly degree: Float64Array;
  /** L = I − D^{-1/2}·W·D^{-1/2}, symmetric PSD, constant-like null vector √d. */
  readonly laplacian: CsrMatrix;
  /** Number of connected components before bridging. */
  readonly components: number;
}

/**
 * Builds W from a kNN graph (symmetrised ½(A + Aᵀ) as scikit-learn), joins disconnected components by
 * their shortest bridge (weight `weight(length)`), and forms the symmetric normalised Laplacian.
 * @param X - the data (for bridging components)
 * @param graph - kNN graph
 * @param weight - affinity of an edge of the given length
 */
export function normalisedGraph(
  X: DenseMatrix,
  graph: KnnGraph,
  weight: (distance: number) => number,
): NormalisedGraph {
  const A = knnAdjacency(graph, { weight, symmetrize: 'mean' });
  const { adjacency: W, components } = connectComponents(X, A, weight);
  const n = W.rows;
  const degree = new Float64Array(n);
  for (let i = 0; i < n; i++)
    for (let p = W.rowPtr[i]!; p < W.rowPtr[i + 1]!; p++) degree[i]! += W.values[p]!;
  const isq = Float64Array.from(degree, (v) => (v > 0 ? 1 / Math.sqrt(v) : 0));
  // L has W's pattern plus the diagonal
  const rowPtr = new Int32Array(n + 1);
  const colIdx = new Int32Array(W.nnz + n);
  const values = new Float64Array(W.nnz + n);
  let t = 0;
  for (let i = 0; i < n; i++) {
    let placed = false;
    for (let p = W.rowPtr[i]!; p < W.rowPtr[i + 1]!; p++) {
      const j = W.colIdx[p]!;
      if (!placed && j > i) {
        colIdx[t] = i;
        values[t++] = 1;
        placed = true;
      }
      if (j === i) continue;
      colIdx[t] = j;
      values[t++] = -W.values[p]! * isq[i]! * isq[j]!;
    }
    if (!placed) {
      colIdx[t] = i;
      values[t++] = 1;
    }
    rowPtr[i + 1] = t;
  }
  const laplacian = new CsrMatrix(n, n, rowPtr, colIdx.slice(0, t), values.slice(0, t));
  return { W, degree, laplacian, components };
}
