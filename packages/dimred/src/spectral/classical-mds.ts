import {
  DenseMatrix,
  DimensionMismatchError,
  InvalidArgumentError,
  type MatrixInput,
  toDense,
} from '@infogeom/linalg';
import type { Embedder, EmbeddingResult, EmbedOptions } from '../embedder/embedder.js';
import { oneShotRun } from '../embedder/one-shot-run.js';
import { resolveRng } from '../embedder/resolve-rng.js';
import { forEachDistanceRow } from '../quality/distance-rows.js';
import { fitMds, triangulate } from './mds-core.js';
import { assertFiniteEmbedding, checkComponents, checkPoints, progressReporter } from './spectral-utils.js';

/** Options of {@link classicalMds}. */
export interface ClassicalMdsOptions {
  /** The input is an n × n symmetric matrix of distances rather than points (default false). */
  readonly precomputed?: boolean;
}

const NAME = 'classicalMds';
/** Largest n accepted (the method needs the dense n × n matrix; use landmarkMds beyond). */
export const CLASSICAL_MDS_MAX_POINTS = 10_000;

/**
 * Classical (Torgerson) MDS: the top-d eigenpairs of B = −½·J·D²·J, coordinates √λ·v. On points it
 * uses euclidean distances (then it equals PCA up to signs); with `precomputed` any dissimilarities
 * (negative eigenvalues give zero axes, listed in `info.eigenvalues`). Dense n × n: at most
 * {@link CLASSICAL_MDS_MAX_POINTS} points — use landmarkMds for more. `transform` (point input only)
 * places new points by distance-based triangulation from all training points (the Nyström extension).
 * @param input - n × D points, or n × n distances with `precomputed`
 * @param options - precomputed, target dimension, seed, signal, progress
 */
export function classicalMds(
  input: MatrixInput,
  options: ClassicalMdsOptions & EmbedOptions = {},
): EmbeddingResult {
  const X = checkPoints(input);
  const n = X.rows;
  if (n > CLASSICAL_MDS_MAX_POINTS) {
    throw new InvalidArgumentError('points.rows', n, `at most ${CLASSICAL_MDS_MAX_POINTS} (use landmarkMds)`);
  }
  const d = checkComponents(options.nComponents ?? 2, n - 1);
  const report = progressReporter(NAME, options);
  const precomputed = options.precomputed === true;
  const S = new Float64Array(n * n);
  report('distances', 0);
  if (precomputed) {
    if (X.cols !== n)
      throw new DimensionMismatchError('distances.shape', `${n}×${X.cols}`, 'a square matrix');
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const a = X.data[i * n + j]!;
        const b = X.data[j * n + i]!;
        if (a < 0 || Math.abs(a - b) > 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1)) {
          throw new InvalidArgumentError(
            `distances[${i}][${j}]`,
            a,
            'a symmetric matrix of non-negative distances',
          );
        }
        S[i * n + j] = ((a + b) / 2) ** 2;
      }
  } else {
    forEachDistanceRow(X, 'euclidean', (i, row) => S.set(row, i * n));
  }
  report('eigensolve', 0.3);
  const model = fitMds(S, n, d, resolveRng(options.seed));
  const Y = new DenseMatrix(n, d);
  const sq = new Float64Array(n);
  // training coordinates: √λ·v, read back through triangulation of each point's own distances
  if (precomputed) for (let i = 0; i < n; i++) triangulate(model, squaredRow(X, i, sq), Y.data, i * d);
  else forEachDistanceRow(X, 'euclidean', (i, row) => triangulate(model, row, Y.data, i * d));
  report('done', 1);
  const result: EmbeddingResult = {
    embedding: assertFiniteEmbedding(Y, NAME),
    info: { eigenvalues: Array.from(model.eigenvalues), precomputed },
  };
  if (precomputed) return result;
  return {
    ...result,
    transform: (newPoints) => {
      const Q = toDense(newPoints, 'points');
      if (Q.cols !== X.cols) throw new DimensionMismatchError('points.cols', Q.cols, `${X.cols}`);
      const out = new DenseMatrix(Q.rows, d);
      for (let r = 0; r < Q.rows; r++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let c = 0; c < X.cols; c++) s += (Q.data[r * X.cols + c]! - X.data[j * X.cols + c]!) ** 2;
          sq[j] = s;
        }
        triangulate(model, sq, out.data, r * d);
      }
      return assertFiniteEmbedding(out, NAME);
    },
  };
}

function squaredRow(Dm: DenseMatrix, i: number, out: Float64Array): Float64Array {
  const n = Dm.cols;
  for (let j = 0; j < n; j++) out[j] = ((Dm.data[i * n + j]! + Dm.data[j * n + i]!) / 2) ** 2;
  return out;
}

/** The classical MDS embedder config (registry name `'classicalMds'`). */
export const classicalMdsEmbedder: Embedder<ClassicalMdsOptions> = {
  name: NAME,
  description:
    'Classical (Torgerson) MDS: preserves pairwise distances through the double-centred Gram matrix',
  hasTransform: true,
  iterative: false,
  defaults: { precomputed: false },
  start: (points, options) => {
    const X = checkPoints(points);
    return oneShotRun(() => classicalMds(X, options));
  },
};
