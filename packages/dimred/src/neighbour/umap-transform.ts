import { CsrMatrix, DenseMatrix, DimensionMismatchError, type Rng } from '@infogeom/linalg';
import type { KnnMetric } from '../knn/knn-graph.js';
import { prepareRows } from '../knn/nn-descent.js';
import { sqDistBounded } from '../knn/nn-descent-heap.js';
import { membership, smoothKnnDistances } from './umap-fuzzy-graph.js';
import { createSgdState, sgdEpoch } from './umap-sgd.js';

/** What {@link umapTransform} needs from a finished fit. */
export interface UmapModel {
  /** Training rows as prepared for the metric (n × D). */
  readonly data: Float64Array;
  /** Training points. */
  readonly n: number;
  /** Input dimension D. */
  readonly inputDim: number;
  /** Training embedding (n × dim). */
  readonly embedding: Float64Array;
  /** Embedding dimension. */
  readonly dim: number;
  /** Metric. */
  readonly metric: KnnMetric;
  /** Neighbourhood size. */
  readonly nNeighbors: number;
  /** SGD parameters. */
  readonly a: number;
  /** SGD parameter b. */
  readonly b: number;
  /** Repulsion strength. */
  readonly gamma: number;
  /** Initial learning rate of the fit. */
  readonly learningRate: number;
  /** Negative samples per positive sample. */
  readonly negativeSampleRate: number;
  /** Fit epochs, or undefined when the default was used. */
  readonly nEpochs: number | undefined;
}

/**
 * Embeds new points into a fitted UMAP layout, as umap-learn's `transform`: their nNeighbors nearest
 * training points (exact blocked search, O(m·n·D)), memberships with local connectivity 0, an initial
 * position at the membership-weighted mean of the neighbours' coordinates, then nEpochs/3 epochs of SGD
 * (default 100/3 for n ≤ 10,000 else 30/3) moving only the new points, learning rate ¼ of the fit's.
 * @param model - the fitted model
 * @param points - m × D new points, finite
 * @param rng - random source for negative sampling
 */
export function umapTransform(model: UmapModel, points: DenseMatrix, rng: Rng): DenseMatrix {
  const { n, inputDim: D, dim } = model;
  if (points.cols !== D) throw new DimensionMismatchError('points.cols', points.cols, `${D}`);
  const m = points.rows;
  const q = prepareRows(points, model.metric);
  const k = Math.min(model.nNeighbors, n);
  const idx = new Int32Array(m * k);
  const dist = new Float64Array(m * k).fill(Number.POSITIVE_INFINITY);
  const all = new Float64Array(n * D + D);
  all.set(model.data);
  for (let i = 0; i < m; i++) {
    all.set(q.subarray(i * D, (i + 1) * D), n * D);
    const base = i * k;
    for (let j = 0; j < n; j++) {
      const worst = dist[base + k - 1]!;
      const d = sqDistBounded(all, D, n, j, worst);
      if (!(d < worst)) continue;
      let s = base + k - 1;
      while (s > base && dist[s - 1]! > d) {
        dist[s] = dist[s - 1]!;
        idx[s] = idx[s - 1]!;
        s--;
      }
      dist[s] = d;
      idx[s] = j;
    }
    for (let s = base; s < base + k; s++)
      dist[s] = model.metric === 'cosine' ? dist[s]! / 2 : Math.sqrt(dist[s]!);
  }
  const { sigmas, rhos } = smoothKnnDistances(dist, k, Math.log2(model.nNeighbors), 0, 1);
  const rows: number[] = [];
  const cols: number[] = [];
  const vals: number[] = [];
  const head = new Float64Array(m * dim);
  for (let i = 0; i < m; i++) {
    let wsum = 0;
    for (let s = i * k; s < i * k + k; s++) {
      const w = membership(dist[s]!, rhos[i]!, sigmas[i]!);
      rows.push(i);
      cols.push(idx[s]!);
      vals.push(w);
      wsum += w;
      for (let d = 0; d < dim; d++) head[i * dim + d]! += w * model.embedding[idx[s]! * dim + d]!;
    }
    for (let d = 0; d < dim; d++) head[i * dim + d]! /= wsum;
  }
  const graph = CsrMatrix.fromCoo(m, n, rows, cols, vals);
  const nEpochs = Math.max(1, Math.floor((model.nEpochs ?? (n <= 10_000 ? 100 : 30)) / 3));
  const state = createSgdState(
    graph,
    head,
    model.embedding.slice(),
    dim,
    {
      a: model.a,
      b: model.b,
      gamma: model.gamma,
      initialAlpha: model.learningRate / 4,
      negativeSampleRate: model.negativeSampleRate,
      nEpochs,
      moveOther: false,
    },
    rng,
  );
  for (let e = 0; e < nEpochs; e++) sgdEpoch(state, e);
  return new DenseMatrix(m, dim, head);
}
