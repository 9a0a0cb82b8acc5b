import {
  AbortError,
  DenseMatrix,
  DimensionMismatchError,
  InvalidArgumentError,
  type MatrixInput,
  matmulTransB,
  toDense,
} from '@infogeom/linalg';
import type { KnnGraph, KnnMetric } from './knn-graph.js';
import { TopK } from './top-k.js';

/** Options of {@link exactKnn} and {@link exactKnnQuery}. */
export interface ExactKnnOptions {
  /** Neighbours per point (integer ≥ 1; at most n − 1 for {@link exactKnn}, n for a query). */
  readonly k: number;
  /** 'euclidean' (default) or 'cosine' (distance 1 − cos; rows must be non-zero). */
  readonly metric?: KnnMetric;
  /** Query rows per GEMM block (default 256). */
  readonly blockSize?: number;
  /** Checked between blocks; an aborted signal throws `AbortError`. */
  readonly signal?: AbortSignal;
  /** Called after each block with the fraction of queries done. */
  readonly onProgress?: (fraction: number) => void;
}

const COLUMN_CHUNK = 2048;
const DIRECT_MAX_DIM = 8;

function rowNormalised(X: DenseMatrix, argument: string): DenseMatrix {
  const { rows, cols } = X;
  const out = new Float64Array(X.data.length);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += X.data[i * cols + j]! ** 2;
    if (!(s > 0))
      throw new InvalidArgumentError(
        `${argument}[${i}]`,
        'a zero row',
        'non-zero rows for the cosine metric',
      );
    const f = 1 / Math.sqrt(s);
    for (let j = 0; j < cols; j++) out[i * cols + j] = X.data[i * cols + j]! * f;
  }
  return new DenseMatrix(rows, cols, out);
}

function squaredNorms(X: DenseMatrix): Float64Array {
  const out = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    let s = 0;
    for (let j = 0; j < X.cols; j++) s += X.data[i * X.cols + j]! ** 2;
    out[i] = s;
  }
  return out;
}

function rowsView(X: DenseMatrix, from: number, to: number): DenseMatrix {
  return new DenseMatrix(to - from, X.cols, X.data.subarray(from * X.cols, to * X.cols));
}

function search(
  data: DenseMatrix,
  queries: DenseMatrix,
  k: number,
  metric: KnnMetric,
  excludeSelf: boolean,
  options: ExactKnnOptions,
): KnnGraph {
  const X = metric === 'cosine' ? rowNormalised(data, 'points') : data;
  const Q = excludeSelf ? X : metric === 'cosine' ? rowNormalised(queries, 'queries') : queries;
  const n = X.rows;
  const m = Q.rows;
  const D = X.cols;
  const xn = squaredNorms(X);
  const qn = excludeSelf ? xn : squaredNorms(Q);
  const indices = new Int32Array(m * k);
  const distances = new Float64Array(m * k);
  const block = Math.max(1, Math.floor(options.blockSize ?? 256));
  const heaps = Array.from({ length: Math.min(block, m) }, () => new TopK(k));
  for (let q0 = 0; q0 < m; q0 += block) {
    if (options.signal?.aborted === true) throw new AbortError(options.signal.reason);
    const q1 = Math.min(m, q0 + block);
    const Qb = rowsView(Q, q0, q1);
    for (const h of heaps) h.clear();
    if (D <= DIRECT_MAX_DIM) {
      // few columns: direct differences beat GEMM (packing costs more than the k-loop it feeds)
      const xd = X.data;
      const qd = Q.data;
      for (let i = q0; i < q1; i++) {
        const heap = heaps[i - q0]!;
        let bound = heap.bound;
        const qi = i * D;
        for (let j = 0; j < n; j++) {
          let d2 = 0;
          const xj = j * D;
          for (let c = 0; c < D; c++) {
            const diff = qd[qi + c]! - xd[xj + c]!;
            d2 += diff * diff;
          }
          if (d2 <= bound && !(excludeSelf && j === i)) {
            heap.push(d2, j);
            bound = heap.bound;
          }
        }
      }
    }
    for (let c0 = 0; D > DIRECT_MAX_DIM && c0 < n; c0 += COLUMN_CHUNK) {
      const c1 = Math.min(n, c0 + COLUMN_CHUNK);
      const w = c1 - c0;
      const G = matmulTransB(Qb, rowsView(X, c0, c1)).data;
      for (let a = 0; a < q1 - q0; a++) {
        const i = q0 + a;
        const heap = heaps[a]!;
        const base = qn[i]!;
        let bound = heap.bound;
        for (let b = 0; b < w; b++) {
          const j = c0 + b;
          const d2 = base + xn[j]! - 2 * G[a * w + b]!;
          if (d2 <= bound && !(excludeSelf && j === i)) {
            heap.push(d2, j);
            bound = heap.bound;
          }
        }
      }
    }
    // exact distances for the survivors (the expanded form loses digits), then sort
    for (let a = 0; a < q1 - q0; a++) finishRow(X, Q, heaps[a]!, q0 + a, metric, distances, indices, k);
    options.onProgress?.(q1 / m);
  }
  return { n: m, k, indices, distances, metric };
}

/** Exact distances of one query's survivors (the expanded form loses digits), sorted into the outputs. */
function finishRow(
  X: DenseMatrix,
  Q: DenseMatrix,
  heap: TopK,
  i: number,
  metric: KnnMetric,
  distances: Float64Array,
  indices: Int32Array,
  k: number,
): void {
  const D = X.cols;
  for (let t = 0; t < heap.size; t++) {
    const j = heap.idx[t]!;
    let s = 0;
    for (let c = 0; c < D; c++) {
      const diff = Q.data[i * D + c]! - X.data[j * D + c]!;
      s += diff * diff;
    }
    heap.dist[t] = metric === 'cosine' ? s / 2 : Math.sqrt(s);
  }
  heap.sortInto(distances, indices, i * k);
}

function resolveMetric(metric: KnnMetric | undefined): KnnMetric {
  const m = metric ?? 'euclidean';
  if (m !== 'euclidean' && m !== 'cosine')
    throw new InvalidArgumentError('metric', m, "'euclidean' or 'cosine'");
  return m;
}

/**
 * The exact k nearest neighbours of every point among the others (blocked brute force: squared
 * distances through GEMM, a bounded heap per point, exact recomputation of the k survivors).
 * The point itself is excluded by index, so duplicate points are each other's neighbours at
 * distance 0; ties are broken by the smaller index. O(n²D) time, O(n·k + block·2048) memory.
 * @param points - n × D finite data (rows are points)
 * @param options - k, metric, block size, signal, progress
 * @throws InvalidArgumentError when k ∉ [1, n − 1], or a zero row under the cosine metric
 * @throws NonFiniteError on NaN or ±∞
 */
export function exactKnn(points: MatrixInput, options: ExactKnnOptions): KnnGraph {
  const X = toDense(points, 'points');
  const metric = resolveMetric(options.metric);
  const k = options.k;
  if (!Number.isInteger(k) || k < 1 || k > X.rows - 1) {
    throw new InvalidArgumentError('k', k, `an integer in [1, n − 1] with n = ${X.rows} points`);
  }
  return search(X, X, k, metric, true, options);
}

/**
 * The exact k nearest data points of each query point (nothing excluded): `indices` point into the
 * rows of `data`, and the result's `n` is the number of queries.
 * @param data - n × D finite reference points
 * @param queries - m × D finite query points
 * @param options - k (≤ n), metric, block size, signal, progress
 */
export function exactKnnQuery(data: MatrixInput, queries: MatrixInput, options: ExactKnnOptions): KnnGraph {
  const X = toDense(data, 'data');
  const Q = toDense(queries, 'queries');
  if (Q.cols !== X.cols) throw new DimensionMismatchError('queries.cols', Q.cols, `data.cols = ${X.cols}`);
  const metric = resolveMetric(options.metric);
  const k = options.k;
  if (!Number.isInteger(k) || k < 1 || k > X.rows) {
    throw new InvalidArgumentError('k', k, `an integer in [1, n] with n = ${X.rows} data points`);
  }
  return search(X, Q, k, metric, false, options);
}
