import {
  CsrMatrix,
  type DenseMatrix,
  DimensionMismatchError,
  InvalidArgumentError,
  type MatrixInput,
  matmul,
  toDense,
} from '@infogeom/linalg';
import type { Embedder, EmbedOptions } from '../embedder/embedder.js';
import { oneShotRun } from '../embedder/one-shot-run.js';
import { resolveRng } from '../embedder/resolve-rng.js';
import { neighbourhoodLaplacian } from '../regularisation/neighbourhood-laplacian.js';
import { featureLevelAlignment } from './feature-level-alignment.js';
import { jointAdjacency, jointLaplacianEmbedding } from './joint-laplacian-embedding.js';
import { type LocalGeometryMatchOptions, localGeometryMatches } from './local-geometry-matches.js';

/** Options of {@link manifoldAlignment}. */
export interface ManifoldAlignmentOptions extends EmbedOptions {
  /**
   * Known pairs (i in the first set, j in the second) as a flat list [i₀, j₀, i₁, j₁, …]; when absent the
   * correspondences are inferred from local geometry ({@link localGeometryMatches}).
   */
  readonly correspondences?: ArrayLike<number>;
  /** Coupling μ > 0 of the cross-domain term (default 1). */
  readonly mu?: number;
  /** Neighbours of each data set's graph (default 10). */
  readonly nNeighbors?: number;
  /** Edge weights of each data set's graph: 'heat' (default) or 'binary'. */
  readonly weight?: 'heat' | 'binary';
  /** Options of the local-geometry matching (used without correspondences). */
  readonly matching?: Omit<LocalGeometryMatchOptions, 'signal'>;
  /**
   * 'instance' (default): free coordinates per point (joint Laplacian eigenmaps); 'feature': linear
   * projections of each domain's features ({@link featureLevelAlignment}), which also map new points.
   */
  readonly level?: 'instance' | 'feature';
}

/** Result of {@link manifoldAlignment}. */
export interface ManifoldAlignmentResult {
  /** n × d coordinates of the first data set in the shared space. */
  readonly first: DenseMatrix;
  /** m × d coordinates of the second data set in the shared space. */
  readonly second: DenseMatrix;
  /** The d generalised eigenvalues kept (the alignment cost of each axis). */
  readonly eigenvalues: Float64Array;
  /** The n × m cross-domain weights used (given correspondences or inferred matches). */
  readonly crossWeights: CsrMatrix;
  /** Whether the eigensolver converged. */
  readonly converged: boolean;
  /** p × d projection of the first domain (feature level only): a new point x maps to xᵀα. */
  readonly projectionFirst?: DenseMatrix;
  /** q × d projection of the second domain (feature level only). */
  readonly projectionSecond?: DenseMatrix;
}

/**
 * Manifold alignment: a shared low-dimensional embedding of two data sets (possibly of different dimension)
 * in which corresponding points land together and each set's neighbourhood graph is preserved. With
 * `correspondences` this is the semi-supervised alignment of Ham, Lee & Saul (AISTATS 2005): the joint graph
 * Laplacian with the known pairs coupled by μ, solved as a generalised eigenproblem. Without them the
 * cross-domain weights are inferred by matching local geometry, the instance-level alignment of Wang &
 * Mahadevan (IJCAI 2009). `level: 'feature'` learns linear maps of each domain instead (Wang & Mahadevan's
 * feature-level alignment), which also project new points.
 * @param X - n × p first data set
 * @param Y - m × q second data set
 * @param options - correspondences, μ, graph, matching and embedding options
 * @throws InvalidArgumentError for out-of-range pairs, bad options or a disconnected joint graph
 */
export function manifoldAlignment(
  X: MatrixInput,
  Y: MatrixInput,
  options: ManifoldAlignmentOptions = {},
): ManifoldAlignmentResult {
  const A = toDense(X, 'X');
  const B = toDense(Y, 'Y');
  const n = A.rows;
  const m = B.rows;
  const d = options.nComponents ?? 2;
  const graphOptions = { nNeighbors: options.nNeighbors ?? 10, weight: options.weight ?? 'heat' } as const;
  const report = (stage: string, fraction: number): void =>
    options.onProgress?.({ embedder: 'manifoldAlignment', stage, fraction, iteration: 0 });
  report('knn', 0);
  const Wx = neighbourhoodLaplacian(A, graphOptions).adjacency;
  const Wy = neighbourhoodLaplacian(B, graphOptions).adjacency;
  let C: CsrMatrix;
  const pairs = options.correspondences;
  if (pairs !== undefined) {
    if (pairs.length === 0 || pairs.length % 2 !== 0)
      throw new InvalidArgumentError(
        'correspondences.length',
        pairs.length,
        'a positive even length [i₀, j₀, i₁, j₁, …]',
      );
    const r: number[] = [];
    const c: number[] = [];
    for (let t = 0; t < pairs.length; t += 2) {
      const i = pairs[t]!;
      const j = pairs[t + 1]!;
      if (!Number.isInteger(i) || i < 0 || i >= n)
        throw new InvalidArgumentError(`correspondences[${t}]`, i, `a point index in [0, ${n - 1}]`);
      if (!Number.isInteger(j) || j < 0 || j >= m)
        throw new InvalidArgumentError(`correspondences[${t + 1}]`, j, `a point index in [0, ${m - 1}]`);
      r.push(i);
      c.push(j);
    }
    C = CsrMatrix.fromCoo(n, m, r, c, new Float64Array(r.length).fill(1));
    for (let p = 0; p < C.values.length; p++) C.values[p] = 1; // duplicates count once
  } else {
    report('matching', 0.2);
    C = localGeometryMatches(A, B, {
      ...(options.matching ?? {}),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  }
  report('eigensolve', 0.8);
  const level = options.level ?? 'instance';
  if (level !== 'instance' && level !== 'feature')
    throw new InvalidArgumentError('level', level, "'instance' or 'feature'");
  if (level === 'feature') {
    const mu = options.mu ?? 1;
    if (!(mu > 0) || !Number.isFinite(mu))
      throw new InvalidArgumentError('mu', mu, 'a finite coupling μ > 0');
    const f = featureLevelAlignment(A, B, jointAdjacency(Wx, Wy, C, mu), d);
    report('done', 1);
    return {
      first: matmul(A, f.projectionFirst),
      second: matmul(B, f.projectionSecond),
      eigenvalues: f.eigenvalues,
      crossWeights: C,
      converged: true,
      projectionFirst: f.projectionFirst,
      projectionSecond: f.projectionSecond,
    };
  }
  const r = jointLaplacianEmbedding(Wx, Wy, C, options.mu ?? 1, d, resolveRng(options.seed), options.signal);
  report('done', 1);
  return {
    first: r.first,
    second: r.second,
    eigenvalues: r.eigenvalues,
    crossWeights: C,
    converged: r.converged,
  };
}

/** Options of {@link manifoldAlignmentEmbedder}: those of {@link manifoldAlignment} plus the second data set. */
export interface ManifoldAlignmentEmbedderOptions extends Omit<ManifoldAlignmentOptions, keyof EmbedOptions> {
  /** The second data set (m × q), required. */
  readonly other?: MatrixInput;
}

/**
 * Manifold alignment as an embedder plugin: `points` is the first data set and `options.other` the second;
 * the embedding stacks both, (n + m) × d, the first n rows for `points` (`info.nFirst` = n).
 */
export const manifoldAlignmentEmbedder: Embedder<ManifoldAlignmentEmbedderOptions> = {
  name: 'manifoldAlignment',
  description:
    'Manifold alignment (Ham et al. 2005; Wang & Mahadevan 2009): a shared embedding of two data sets.',
  hasTransform: false,
  iterative: false,
  defaults: { mu: 1, nNeighbors: 10, weight: 'heat' },
  start(points, options = {}) {
    const other = options.other;
    if (other === undefined) throw new InvalidArgumentError('other', other, 'the second data set (m × q)');
    const B = toDense(other, 'other');
    if (B.rows < 2) throw new DimensionMismatchError('other.rows', B.rows, 'at least 2 points');
    return oneShotRun(() => {
      const r = manifoldAlignment(points, B, options);
      const n = r.first.rows;
      const d = r.first.cols;
      const stacked = toDense([...r.first.toArray(), ...r.second.toArray()], 'embedding');
      return {
        embedding: stacked,
        info: { nFirst: n, nComponents: d, eigenvalues: Array.from(r.eigenvalues), converged: r.converged },
      };
    });
  },
};
