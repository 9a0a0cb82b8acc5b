import {
  AbortError,
  type DenseMatrix,
  InvalidArgumentError,
  type MatrixInput,
  toDense,
} from '@infogeom/linalg';
import type { EmbedOptions } from '../embedder/embedder.js';
import { exactKnn } from '../knn/exact-knn.js';
import type { KnnGraph, KnnMetric } from '../knn/knn-graph.js';

/** Options of the graph-based spectral methods that pick neighbours. */
export interface NeighbourOptions {
  /** Neighbours per point k (each method documents its default). */
  readonly nNeighbors?: number;
  /** Metric of the neighbour search (default 'euclidean'). */
  readonly metric?: KnnMetric;
  /**
   * A precomputed neighbour graph of the same points (e.g. from nnDescent for large n) with at least
   * `nNeighbors` neighbours per point; the first `nNeighbors` are used.
   */
  readonly knn?: KnnGraph;
}

/** Validates the data: a finite n × D matrix with n ≥ `minRows`. */
export function checkPoints(points: MatrixInput, minRows = 2): DenseMatrix {
  const X = toDense(points, 'points');
  if (X.rows < minRows) throw new InvalidArgumentError('points.rows', X.rows, `at least ${minRows} points`);
  return X;
}

/** Validates the target dimension d ∈ [1, max]. */
export function checkComponents(d: number, max: number, why = 'the number of points − 1'): number {
  if (!Number.isInteger(d) || d < 1 || d > max) {
    throw new InvalidArgumentError('nComponents', d, `an integer in [1, ${max}] (${why})`);
  }
  return d;
}

/** Throws `AbortError` when the signal is aborted. */
export function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new AbortError(signal.reason);
}

/** A progress callback for one embedder: `report(stage, fraction)`. */
export function progressReporter(
  embedder: string,
  options: EmbedOptions,
): (stage: string, fraction: number) => void {
  const cb = options.onProgress;
  const signal = options.signal;
  return (stage, fraction) => {
    checkAbort(signal);
    cb?.({ embedder, stage, fraction, iteration: 0 });
  };
}

/**
 * The k-nearest-neighbour graph a method works on: the given `knn` truncated to k, or an exact search.
 * @throws InvalidArgumentError when k ∉ [1, n − 1] or the given graph does not fit the data
 */
export function neighbourGraph(
  X: DenseMatrix,
  k: number,
  options: NeighbourOptions,
  signal?: AbortSignal,
): KnnGraph {
  const n = X.rows;
  if (!Number.isInteger(k) || k < 1 || k > n - 1) {
    throw new InvalidArgumentError('nNeighbors', k, `an integer in [1, n − 1] with n = ${n} points`);
  }
  const given = options.knn;
  if (given === undefined) {
    return exactKnn(X, {
      k,
      metric: options.metric ?? 'euclidean',
      ...(signal === undefined ? {} : { signal }),
    });
  }
  if (given.n !== n || given.k < k) {
    throw new InvalidArgumentError(
      'knn',
      `${given.n} points × ${given.k}`,
      `a graph of ${n} points with ≥ ${k} neighbours`,
    );
  }
  if (given.k === k) return given;
  const indices = new Int32Array(n * k);
  const distances = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    indices.set(given.indices.subarray(i * given.k, i * given.k + k), i * k);
    distances.set(given.distances.subarray(i * given.k, i * given.k + k), i * k);
  }
  return { n, k, indices, distances, metric: given.metric };
}

/** Flips each column's sign so that its entry of largest magnitude is positive (deterministic output). */
export function flipSigns(Y: DenseMatrix): void {
  const { rows, cols, data } = Y;
  for (let c = 0; c < cols; c++) {
    let best = 0;
    for (let i = 0; i < rows; i++)
      if (Math.abs(data[i * cols + c]!) > Math.abs(best)) best = data[i * cols + c]!;
    if (best < 0) for (let i = 0; i < rows; i++) data[i * cols + c] = -data[i * cols + c]!;
  }
}

/** Throws when any coordinate is not finite (the final guard: never return NaN coordinates). */
export function assertFiniteEmbedding(Y: DenseMatrix, embedder: string): DenseMatrix {
  for (let t = 0; t < Y.data.length; t++) {
    if (!Number.isFinite(Y.data[t]!)) {
      throw new InvalidArgumentError(
        `${embedder} embedding[${Math.floor(t / Y.cols)}]`,
        Y.data[t],
        'finite coordinates (degenerate input?)',
      );
    }
  }
  return Y;
}
