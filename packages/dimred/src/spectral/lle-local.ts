import { DenseMatrix, eigh } from '@infogeom/linalg';
import type { KnnGraph } from '../knn/knn-graph.js';

/** Shared inputs of the LLE-family alignment matrices. */
export interface LleMatrixInput {
  /** Row-major data. */
  readonly X: Float64Array;
  /** Number of columns D. */
  readonly D: number;
  /** The kNN graph (self excluded). */
  readonly graph: KnnGraph;
  /** Target dimension d. */
  readonly d: number;
  /** Called every few hundred points with the fraction done. */
  readonly tick: (fraction: number) => void;
}

/** The k neighbour indices of point i (a view into the graph). */
export function neighbours(graph: KnnGraph, i: number): Int32Array {
  return graph.indices.subarray(i * graph.k, (i + 1) * graph.k);
}

/**
 * Eigenvalues (descending) and eigenvectors (columns of a k × k matrix, same order) of the local Gram
 * matrix of the neighbours `nb` relative to `center`.
 */
export function localGram(
  X: Float64Array,
  D: number,
  nb: Int32Array,
  center: Float64Array,
): { values: Float64Array; V: DenseMatrix } {
  const k = nb.length;
  const G = new DenseMatrix(k, k);
  for (let a = 0; a < k; a++)
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let t = 0; t < D; t++) s += (X[nb[a]! * D + t]! - center[t]!) * (X[nb[b]! * D + t]! - center[t]!);
      G.data[a * k + b] = s;
      G.data[b * k + a] = s;
    }
  const e = eigh(G);
  const values = e.values.slice().reverse();
  const V = new DenseMatrix(k, k);
  for (let a = 0; a < k; a++)
    for (let c = 0; c < k; c++) V.data[a * k + c] = e.vectors.data[a * k + (k - 1 - c)]!;
  return { values, V };
}

/** Mean of the neighbours' coordinates (length D). */
export function meanOf(X: Float64Array, D: number, nb: Int32Array): Float64Array {
  const m = new Float64Array(D);
  for (const j of nb) for (let t = 0; t < D; t++) m[t]! += X[j * D + t]! / nb.length;
  return m;
}
