import { DenseMatrix, InvalidArgumentError, type MatrixInput, toDense } from '@infogeom/linalg';
import type { Embedder, EmbeddingResult, EmbedOptions } from '../embedder/embedder.js';
import { oneShotRun } from '../embedder/one-shot-run.js';
import { resolveRng } from '../embedder/resolve-rng.js';
import { exactKnnQuery } from '../knn/exact-knn.js';
import { barycenterWeights } from './barycenter-weights.js';
import { bottomEigenvectors } from './bottom-eigenvectors.js';
import { hessianLleMatrix, ltsaMatrix, modifiedLleMatrix, standardLleMatrix } from './lle-matrices.js';
import {
  assertFiniteEmbedding,
  checkComponents,
  checkPoints,
  flipSigns,
  type NeighbourOptions,
  neighbourGraph,
  progressReporter,
} from './spectral-utils.js';

/** The members of the LLE family. */
export type LleMethod = 'standard' | 'modified' | 'hessian' | 'ltsa';

/** Options of {@link lle}. */
export interface LleOptions extends NeighbourOptions {
  /** 'standard' (default), 'modified', 'hessian' or 'ltsa'. */
  readonly method?: LleMethod;
  /** Regularisation of the local Gram matrices, times their trace (default 1e-3, as scikit-learn). */
  readonly reg?: number;
  /** Column-sum threshold of the Hessian estimator (default 1e-4). */
  readonly hessianTol?: number;
  /** Householder threshold of modified LLE (default 1e-12). */
  readonly modifiedTol?: number;
}

/**
 * Locally linear embedding and its variants, with scikit-learn's definitions: standard LLE (Roweis &
 * Saul 2000, barycenter weights with reg·trace regularisation), modified LLE (Zhang & Wang 2007),
 * Hessian eigenmaps (Donoho & Grimes 2003) and LTSA (Zhang & Zha 2004). The alignment matrix M is
 * sparse (O(n·k²) entries) and its bottom eigenvectors come from linalg's sparseEigsh (shift-invert
 * Lanczos on an envelope Cholesky factor, like ARPACK in scikit-learn); columns are unit-norm. The
 * constant vector is projected out explicitly. `transform` places a new point at the barycenter-weighted
 * combination of its training neighbours' coordinates (scikit-learn's rule for every method).
 * Default 5 neighbours; Hessian needs k > d(d + 3)/2, modified k ≥ d.
 * @param points - n × D finite data
 * @param options - method, neighbours, regularisation, target dimension, seed, signal, progress
 */
export function lle(points: MatrixInput, options: LleOptions & EmbedOptions = {}): EmbeddingResult {
  const X = checkPoints(points);
  const { rows: n, cols: D } = X;
  const method = options.method ?? 'standard';
  const name = method === 'standard' ? 'lle' : method === 'ltsa' ? 'ltsa' : `${method}Lle`;
  if (!['standard', 'modified', 'hessian', 'ltsa'].includes(method)) {
    throw new InvalidArgumentError('method', method, "'standard', 'modified', 'hessian' or 'ltsa'");
  }
  const k = options.nNeighbors ?? 5;
  const d = checkComponents(
    options.nComponents ?? 2,
    Math.min(D, n - 2),
    'at most the input dimension and n − 2',
  );
  const reg = options.reg ?? 1e-3;
  if (!(reg > 0) || !Number.isFinite(reg)) throw new InvalidArgumentError('reg', reg, 'a finite number > 0');
  if (method === 'hessian' && k <= d + (d * (d + 1)) / 2) {
    throw new InvalidArgumentError(
      'nNeighbors',
      k,
      `> d(d + 3)/2 = ${d + (d * (d + 1)) / 2} for Hessian eigenmaps`,
    );
  }
  if (method === 'modified' && k < d) throw new InvalidArgumentError('nNeighbors', k, `≥ nComponents = ${d}`);
  const report = progressReporter(name, options);
  const rng = resolveRng(options.seed);
  report('knn', 0);
  const graph = neighbourGraph(X, k, options, options.signal);
  const input = { X: X.data, D, graph, d, tick: (f: number) => report('weights', 0.1 + 0.5 * f) };
  const M =
    method === 'standard'
      ? standardLleMatrix(input, reg).M
      : method === 'hessian'
        ? hessianLleMatrix(input, options.hessianTol ?? 1e-4)
        : method === 'modified'
          ? modifiedLleMatrix(input, options.modifiedTol ?? 1e-12)
          : ltsaMatrix(input);
  report('eigensolve', 0.6);
  const bottom = bottomEigenvectors(M, d, rng, options.signal);
  const embedding = bottom.vectors;
  flipSigns(embedding);
  assertFiniteEmbedding(embedding, name);
  report('done', 1);
  const metric = graph.metric;
  const transform = (newPoints: DenseMatrix): DenseMatrix => {
    const Q = toDense(newPoints, 'points');
    const q = exactKnnQuery(X, Q, { k, metric });
    const out = new DenseMatrix(Q.rows, d);
    const w = new Float64Array(k);
    for (let r = 0; r < Q.rows; r++) {
      const nb = q.indices.subarray(r * k, (r + 1) * k);
      barycenterWeights(X.data, D, Q.data.subarray(r * D, (r + 1) * D), nb, reg, w);
      for (let a = 0; a < k; a++)
        for (let c = 0; c < d; c++) out.data[r * d + c]! += w[a]! * embedding.data[nb[a]! * d + c]!;
    }
    return assertFiniteEmbedding(out, name);
  };
  let error = 0;
  for (const v of bottom.values) error += v;
  return {
    embedding,
    transform,
    info: {
      method,
      reconstructionError: error,
      eigenvalues: Array.from(bottom.values),
      eigensolver: bottom.method,
      converged: bottom.converged,
      nNeighbors: k,
    },
  };
}

function lleConfig(name: string, method: LleMethod, description: string): Embedder<LleOptions> {
  return {
    name,
    description,
    hasTransform: true,
    iterative: false,
    defaults: { nNeighbors: 5, method, reg: 1e-3, hessianTol: 1e-4, modifiedTol: 1e-12, metric: 'euclidean' },
    start: (points, options) => {
      const X = checkPoints(points);
      return oneShotRun(() => lle(X, { ...options, method: options?.method ?? method }));
    },
  };
}

/** Standard LLE (registry name `'lle'`; its `method` option selects any variant). */
export const lleEmbedder: Embedder<LleOptions> = lleConfig(
  'lle',
  'standard',
  'Locally linear embedding: preserves each point’s reconstruction from its neighbours',
);
/** Modified LLE (registry name `'modifiedLle'`). */
export const modifiedLleEmbedder: Embedder<LleOptions> = lleConfig(
  'modifiedLle',
  'modified',
  'Modified LLE: several local weight vectors per point, stable for large k',
);
/** Hessian eigenmaps (registry name `'hessianLle'`). */
export const hessianLleEmbedder: Embedder<LleOptions> = lleConfig(
  'hessianLle',
  'hessian',
  'Hessian eigenmaps: null space of a local Hessian estimator (isometric to a convex parameter domain)',
);
/** Local tangent space alignment (registry name `'ltsa'`). */
export const ltsaEmbedder: Embedder<LleOptions> = lleConfig(
  'ltsa',
  'ltsa',
  'LTSA: aligns local tangent-space coordinates into one global chart',
);
