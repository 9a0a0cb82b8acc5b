import {
  DenseMatrix,
  eigh,
  gram,
  InvalidArgumentError,
  type LinearOperator,
  type MatrixInput,
  randomizedSvd,
  toDense,
} from '@infogeom/linalg';
import type { Embedder, EmbeddingResult, EmbedOptions } from '../embedder/embedder.js';
import { oneShotRun } from '../embedder/one-shot-run.js';
import { resolveRng } from '../embedder/resolve-rng.js';
import { assertFiniteEmbedding, checkComponents, checkPoints, progressReporter } from './spectral-utils.js';

/** Options of {@link pca}. */
export interface PcaOptions {
  /**
   * 'exact': eigendecomposition of the D × D covariance (O(nD² + D³)); 'randomized': randomized SVD
   * of the implicitly centred data (Halko et al., O(nDd) per pass); 'auto' (default): exact when
   * D ≤ 500 or d > D/4, else randomized.
   */
  readonly solver?: 'auto' | 'exact' | 'randomized';
  /** Power iterations of the randomized solver (default 4). */
  readonly powerIterations?: number;
  /** Scale components to unit variance (default false). */
  readonly whiten?: boolean;
}

const NAME = 'pca';

/**
 * Principal component analysis: scores (X − μ)·V on the top-d principal axes, scikit-learn's sign
 * convention (the largest-magnitude score of each component is positive). `transform` projects new
 * points; `info` has the explained variance (unbiased, n − 1) and its ratio.
 * @param points - n × D finite data
 * @param options - solver, whitening, target dimension, seed (randomized), signal, progress
 */
export function pca(points: MatrixInput, options: PcaOptions & EmbedOptions = {}): EmbeddingResult {
  const X = checkPoints(points);
  const { rows: n, cols: D } = X;
  const d = checkComponents(options.nComponents ?? 2, Math.min(n, D), 'at most min(n, D)');
  const report = progressReporter(NAME, options);
  const solver = options.solver ?? 'auto';
  if (!['auto', 'exact', 'randomized'].includes(solver)) {
    throw new InvalidArgumentError('solver', solver, "'auto', 'exact' or 'randomized'");
  }
  const useExact = solver === 'exact' || (solver === 'auto' && (D <= 500 || d > D / 4));
  const mean = new Float64Array(D);
  for (let i = 0; i < n; i++) for (let c = 0; c < D; c++) mean[c]! += X.data[i * D + c]! / n;
  const Xc = new DenseMatrix(
    n,
    D,
    X.data.map((v, t) => v - mean[t % D]!),
  );
  report('decompose', 0.1);
  const V = new Float64Array(D * d); // D × d axes
  const variance = new Float64Array(d);
  let totalVariance = 0;
  for (let t = 0; t < Xc.data.length; t++) totalVariance += Xc.data[t]! ** 2;
  totalVariance /= Math.max(n - 1, 1);
  if (useExact) {
    const e = eigh(gram(Xc));
    for (let c = 0; c < d; c++) {
      variance[c] = Math.max(0, e.values[D - 1 - c]!) / Math.max(n - 1, 1);
      for (let a = 0; a < D; a++) V[a * d + c] = e.vectors.data[a * D + (D - 1 - c)]!;
    }
  } else {
    const op: LinearOperator = {
      shape: [n, D],
      mv: (x, out) => {
        const y = out ?? new Float64Array(n);
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let c = 0; c < D; c++) s += Xc.data[i * D + c]! * x[c]!;
          y[i] = s;
        }
        return y;
      },
      rmv: (y, out) => {
        const x = out ?? new Float64Array(D);
        x.fill(0);
        for (let i = 0; i < n; i++) {
          const yi = y[i]!;
          for (let c = 0; c < D; c++) x[c]! += Xc.data[i * D + c]! * yi;
        }
        return x;
      },
    };
    const r = randomizedSvd(op, {
      rank: d,
      powerIterations: options.powerIterations ?? 4,
      rng: resolveRng(options.seed),
    });
    for (let c = 0; c < d; c++) {
      variance[c] = r.s[c]! ** 2 / Math.max(n - 1, 1);
      for (let a = 0; a < D; a++) V[a * d + c] = r.V.data[a * d + c]!;
    }
  }
  const project = (M: DenseMatrix, centred: boolean): DenseMatrix => {
    const out = new DenseMatrix(M.rows, d);
    for (let i = 0; i < M.rows; i++)
      for (let c = 0; c < d; c++) {
        let s = 0;
        for (let a = 0; a < D; a++) s += (M.data[i * D + a]! - (centred ? 0 : mean[a]!)) * V[a * d + c]!;
        out.data[i * d + c] =
          options.whiten === true ? s / Math.sqrt(Math.max(variance[c]!, Number.MIN_VALUE)) : s;
      }
    return out;
  };
  const embedding = project(Xc, true);
  for (let c = 0; c < d; c++) {
    let big = 0;
    for (let i = 0; i < n; i++)
      if (Math.abs(embedding.data[i * d + c]!) > Math.abs(big)) big = embedding.data[i * d + c]!;
    if (big < 0) {
      for (let a = 0; a < D; a++) V[a * d + c] = -V[a * d + c]!;
      for (let i = 0; i < n; i++) embedding.data[i * d + c] = -embedding.data[i * d + c]!;
    }
  }
  report('done', 1);
  return {
    embedding: assertFiniteEmbedding(embedding, NAME),
    transform: (newPoints) => {
      const Q = toDense(newPoints, 'points');
      if (Q.cols !== D) throw new InvalidArgumentError('points.cols', Q.cols, `${D} columns`);
      return project(Q, false);
    },
    info: {
      solver: useExact ? 'exact' : 'randomized',
      explainedVariance: Array.from(variance),
      explainedVarianceRatio: Array.from(variance, (v) => (totalVariance > 0 ? v / totalVariance : 0)),
      components: Array.from(V),
      mean: Array.from(mean),
    },
  };
}

/** The PCA embedder config (registry name `'pca'`). */
export const pcaEmbedder: Embedder<PcaOptions> = {
  name: NAME,
  description: 'PCA: the linear projection of largest variance (exact or randomized SVD)',
  hasTransform: true,
  iterative: false,
  defaults: { solver: 'auto', powerIterations: 4, whiten: false },
  start: (points, options) => {
    const X = checkPoints(points);
    return oneShotRun(() => pca(X, options));
  },
};
