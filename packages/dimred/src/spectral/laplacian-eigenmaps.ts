import { DenseMatrix, InvalidArgumentError, type MatrixInput, toDense } from '@infogeom/linalg';
import type { Embedder, EmbeddingResult, EmbedOptions } from '../embedder/embedder.js';
import { oneShotRun } from '../embedder/one-shot-run.js';
import { resolveRng } from '../embedder/resolve-rng.js';
import { exactKnnQuery } from '../knn/exact-knn.js';
import { bottomEigenvectors } from './bottom-eigenvectors.js';
import { normalisedGraph } from './spectral-graph.js';
import {
  assertFiniteEmbedding,
  checkComponents,
  checkPoints,
  flipSigns,
  type NeighbourOptions,
  neighbourGraph,
  progressReporter,
} from './spectral-utils.js';

/** Options of {@link laplacianEigenmaps}. */
export interface LaplacianEigenmapsOptions extends NeighbourOptions {
  /** Edge weights: 'connectivity' (default, 1 per edge, scikit-learn) or 'heat' (exp(−d²/(2σ²))). */
  readonly affinity?: 'connectivity' | 'heat';
  /** Heat-kernel width σ (default: the median neighbour distance). */
  readonly sigma?: number;
}

const NAME = 'laplacianEigenmaps';

/** Median of the neighbour distances of a kNN graph. */
export function medianNeighbourDistance(distances: Float64Array): number {
  const s = Float64Array.from(distances).sort();
  return s.length === 0 ? 0 : s[Math.floor(s.length / 2)]!;
}

/**
 * Laplacian eigenmaps (Belkin & Niyogi 2003), scikit-learn's SpectralEmbedding: a kNN affinity
 * (default 10 neighbours, symmetrised ½(A + Aᵀ)), the bottom eigenvectors of the normalised Laplacian
 * I − D^{-1/2}WD^{-1/2} by sparseEigsh (shift-invert on an envelope factor, thick-restart Lanczos when
 * the factor would not fit), divided by √d and without the constant one. Sparse throughout: O(n·k)
 * memory. Disconnected graphs are bridged (`info.components`). `transform` is the Nyström extension:
 * y(x) = Σⱼ p(x, j)·yⱼ / (1 − λ) with p the random-walk transition to its training neighbours.
 * @param points - n × D finite data
 * @param options - neighbours, affinity, width, target dimension, seed, signal, progress
 */
export function laplacianEigenmaps(
  points: MatrixInput,
  options: LaplacianEigenmapsOptions & EmbedOptions = {},
): EmbeddingResult {
  const X = checkPoints(points, 3);
  const n = X.rows;
  const k = options.nNeighbors ?? Math.min(10, n - 1);
  const d = checkComponents(options.nComponents ?? 2, n - 2, 'n − 2');
  const affinity = options.affinity ?? 'connectivity';
  if (affinity !== 'connectivity' && affinity !== 'heat') {
    throw new InvalidArgumentError('affinity', affinity, "'connectivity' or 'heat'");
  }
  const report = progressReporter(NAME, options);
  report('knn', 0);
  const graph = neighbourGraph(X, k, options, options.signal);
  let sigma = options.sigma ?? medianNeighbourDistance(graph.distances);
  if (!(sigma > 0)) sigma = 1; // all neighbours coincide: any width gives the same connectivity
  const weight =
    affinity === 'heat' ? (dist: number) => Math.exp(-(dist * dist) / (2 * sigma * sigma)) : () => 1;
  report('graph', 0.3);
  const g = normalisedGraph(X, graph, weight);
  report('eigensolve', 0.4);
  const sqrtDeg = Float64Array.from(g.degree, Math.sqrt);
  const bottom = bottomEigenvectors(g.laplacian, d, resolveRng(options.seed), options.signal, sqrtDeg);
  const Y = bottom.vectors;
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) Y.data[i * d + c]! /= sqrtDeg[i]!;
  flipSigns(Y);
  assertFiniteEmbedding(Y, NAME);
  report('done', 1);
  const mu = Array.from(bottom.values, (l) => (1 - l > 1e-12 ? 1 - l : 1));
  return {
    embedding: Y,
    transform: (newPoints) => {
      const Q = toDense(newPoints, 'points');
      const q = exactKnnQuery(X, Q, { k, metric: graph.metric });
      const out = new DenseMatrix(Q.rows, d);
      for (let r = 0; r < Q.rows; r++) {
        let total = 0;
        for (let a = 0; a < k; a++) total += weight(q.distances[r * k + a]!);
        if (!(total > 0)) total = 1;
        for (let a = 0; a < k; a++) {
          const p = weight(q.distances[r * k + a]!) / total;
          const j = q.indices[r * k + a]!;
          for (let c = 0; c < d; c++) out.data[r * d + c]! += (p * Y.data[j * d + c]!) / mu[c]!;
        }
      }
      return assertFiniteEmbedding(out, NAME);
    },
    info: {
      eigenvalues: Array.from(bottom.values),
      eigensolver: bottom.method,
      converged: bottom.converged,
      components: g.components,
      nNeighbors: k,
      affinity,
    },
  };
}

/** The Laplacian eigenmaps embedder config (registry name `'laplacianEigenmaps'`). */
export const laplacianEigenmapsEmbedder: Embedder<LaplacianEigenmapsOptions> = {
  name: NAME,
  description: 'Laplacian eigenmaps: smoothest functions on the kNN graph (spectral embedding)',
  hasTransform: true,
  iterative: false,
  defaults: { nNeighbors: 10, affinity: 'connectivity', metric: 'euclidean' },
  start: (points, options) => {
    const X = checkPoints(points, 3);
    return oneShotRun(() => laplacianEigenmaps(X, options));
  },
};
