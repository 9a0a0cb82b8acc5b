import { CsrMatrix, DenseMatrix, InvalidArgumentError, type MatrixInput, toDense } from '@infogeom/linalg';
import type { Embedder, EmbeddingResult, EmbedOptions } from '../embedder/embedder.js';
import { oneShotRun } from '../embedder/one-shot-run.js';
import { resolveRng } from '../embedder/resolve-rng.js';
import { exactKnnQuery } from '../knn/exact-knn.js';
import { bottomEigenvectors } from './bottom-eigenvectors.js';
import { medianNeighbourDistance } from './laplacian-eigenmaps.js';
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

/** Options of {@link diffusionMaps}. */
export interface DiffusionMapsOptions extends NeighbourOptions {
  /** Kernel bandwidth ε in exp(−d²/ε) (default: the median squared neighbour distance). */
  readonly epsilon?: number;
  /** Density normalisation α ∈ [0, 1] (default 1: Laplace–Beltrami, independent of the sampling density). */
  readonly alpha?: number;
  /** Diffusion time t (default 1): coordinates λᵗ·ψ. */
  readonly time?: number;
}

const NAME = 'diffusionMaps';

/**
 * Diffusion maps (Coifman & Lafon 2006) on a sparse kNN Gaussian kernel (default 15 neighbours):
 * K^(α) = Q^{-α}KQ^{-α}, the Markov matrix P = D⁻¹K^(α), and coordinates λᵢᵗψᵢ from its top
 * non-trivial right eigenvectors (normalised so that ψ₀ ≡ 1), computed as the bottom of the symmetric
 * normalised Laplacian with sparseEigsh. O(n·k) memory. `transform` is the Nyström extension
 * ψ(x) = Σⱼ p(x, j)ψⱼ / λ.
 * @param points - n × D finite data
 * @param options - neighbours, bandwidth, α, time, target dimension, seed, signal, progress
 */
export function diffusionMaps(
  points: MatrixInput,
  options: DiffusionMapsOptions & EmbedOptions = {},
): EmbeddingResult {
  const X = checkPoints(points, 3);
  const n = X.rows;
  const k = options.nNeighbors ?? Math.min(15, n - 1);
  const d = checkComponents(options.nComponents ?? 2, n - 2, 'n − 2');
  const alpha = options.alpha ?? 1;
  if (!(alpha >= 0 && alpha <= 1)) throw new InvalidArgumentError('alpha', alpha, 'a number in [0, 1]');
  const time = options.time ?? 1;
  if (!(time >= 0) || !Number.isFinite(time))
    throw new InvalidArgumentError('time', time, 'a finite number ≥ 0');
  const report = progressReporter(NAME, options);
  report('knn', 0);
  const graph = neighbourGraph(X, k, options, options.signal);
  let eps = options.epsilon ?? medianNeighbourDistance(graph.distances) ** 2;
  if (options.epsilon !== undefined && !(eps > 0))
    throw new InvalidArgumentError('epsilon', eps, 'a number > 0');
  if (!(eps > 0)) eps = 1;
  const kernel = (dist: number) => Math.exp(-(dist * dist) / eps);
  report('graph', 0.3);
  const base = normalisedGraph(X, graph, kernel);
  // α-normalisation: K^(α)_ij = K_ij / (q_i q_j)^α
  const q = base.degree;
  const W0 = base.W;
  const vals = new Float64Array(W0.nnz);
  for (let i = 0; i < n; i++)
    for (let p = W0.rowPtr[i]!; p < W0.rowPtr[i + 1]!; p++)
      vals[p] = W0.values[p]! / (q[i]! * q[W0.colIdx[p]!]!) ** alpha;
  const Ka = new CsrMatrix(n, n, W0.rowPtr, W0.colIdx, vals);
  const deg = new Float64Array(n);
  for (let i = 0; i < n; i++)
    for (let p = Ka.rowPtr[i]!; p < Ka.rowPtr[i + 1]!; p++) deg[i]! += Ka.values[p]!;
  const isq = Float64Array.from(deg, (v) => 1 / Math.sqrt(v));
  const lap = base.laplacian; // same pattern as Ka plus the diagonal; rewrite values for K^(α)
  const lv = new Float64Array(lap.nnz);
  for (let i = 0; i < n; i++)
    for (let p = lap.rowPtr[i]!; p < lap.rowPtr[i + 1]!; p++) {
      const j = lap.colIdx[p]!;
      lv[p] = (j === i ? 1 : 0) - Ka.get(i, j) * isq[i]! * isq[j]!;
    }
  const L = new CsrMatrix(n, n, lap.rowPtr, lap.colIdx, lv);
  report('eigensolve', 0.4);
  const sqrtDeg = Float64Array.from(deg, Math.sqrt);
  const bottom = bottomEigenvectors(L, d, resolveRng(options.seed), options.signal, sqrtDeg);
  let total = 0;
  for (const v of deg) total += v;
  const lambda = Array.from(bottom.values, (l) => 1 - l);
  const Y = bottom.vectors;
  for (let i = 0; i < n; i++)
    for (let c = 0; c < d; c++)
      Y.data[i * d + c] =
        ((Y.data[i * d + c]! * Math.sqrt(total)) / sqrtDeg[i]!) * Math.abs(lambda[c]!) ** time;
  flipSigns(Y);
  assertFiniteEmbedding(Y, NAME);
  report('done', 1);
  return {
    embedding: Y,
    transform: (newPoints) => {
      const Qm = toDense(newPoints, 'points');
      const nb = exactKnnQuery(X, Qm, { k, metric: graph.metric });
      const out = new DenseMatrix(Qm.rows, d);
      const w = new Float64Array(k);
      for (let r = 0; r < Qm.rows; r++) {
        let qx = 0;
        for (let a = 0; a < k; a++) qx += kernel(nb.distances[r * k + a]!);
        let s = 0;
        for (let a = 0; a < k; a++) {
          const j = nb.indices[r * k + a]!;
          w[a] = kernel(nb.distances[r * k + a]!) / Math.max(qx * q[j]!, Number.MIN_VALUE) ** alpha;
          s += w[a]!;
        }
        if (!(s > 0)) s = 1;
        for (let a = 0; a < k; a++) {
          const j = nb.indices[r * k + a]!;
          // Y already holds λᵗψ; ψ(x) = Σ p ψⱼ / λ, so λᵗψ(x) = Σ p (λᵗψⱼ) / λ
          for (let c = 0; c < d; c++) {
            const lam = Math.abs(lambda[c]!) > 1e-12 ? lambda[c]! : 1;
            out.data[r * d + c]! += ((w[a]! / s) * Y.data[j * d + c]!) / lam;
          }
        }
      }
      return assertFiniteEmbedding(out, NAME);
    },
    info: {
      eigenvalues: lambda,
      epsilon: eps,
      alpha,
      time,
      eigensolver: bottom.method,
      converged: bottom.converged,
      components: base.components,
    },
  };
}

/** The diffusion maps embedder config (registry name `'diffusionMaps'`). */
export const diffusionMapsEmbedder: Embedder<DiffusionMapsOptions> = {
  name: NAME,
  description: 'Diffusion maps: preserves diffusion distance of a random walk on the data',
  hasTransform: true,
  iterative: false,
  defaults: { nNeighbors: 15, alpha: 1, time: 1, metric: 'euclidean' },
  start: (points, options) => {
    const X = checkPoints(points, 3);
    return oneShotRun(() => diffusionMaps(X, options));
  },
};
