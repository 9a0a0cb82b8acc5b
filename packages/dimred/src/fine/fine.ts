import type { Family, Observation, Params } from '@infogeom/distributions';
import type { GeodesicDistanceOptions } from '@infogeom/fisher';
import { type DenseMatrix, InvalidArgumentError, type MatrixInput, toDense } from '@infogeom/linalg';
import type { Embedder, EmbedOptions, EmbedProgress } from '../embedder/embedder.js';
import { oneShotRun } from '../embedder/one-shot-run.js';
import { classicalMds } from './classical-mds.js';
import { familyFisherRaoDistances } from './family-fisher-rao-distances.js';
import { geodesicGraphDistances } from './geodesic-graph-distances.js';
import { histogramFisherRaoDistances } from './histogram-fisher-rao-distances.js';

/** What {@link fine} embeds: histograms, members of a parametric family, or precomputed Fisher–Rao distances. */
export type FineInput<P extends Params = Params> =
  | {
      /** n × B histograms (rows of non-negative counts), compared by the categorical Fisher–Rao distance. */
      readonly histograms: MatrixInput;
    }
  | {
      /** The parametric family of every point. */
      readonly family: Family<P, Observation>;
      /** The n fitted parameter points. */
      readonly params: readonly P[];
      /** Options passed to `geodesicDistance` (e.g. `freeze`). */
      readonly distanceOptions?: GeodesicDistanceOptions;
    }
  | {
      /** A precomputed symmetric n × n matrix of Fisher–Rao distances. */
      readonly distances: MatrixInput;
    };

/** Options of {@link fine}. */
export interface FineOptions extends EmbedOptions {
  /** Neighbours of the geodesic graph (default 10; `nNeighbors ≥ n − 1` uses the full distances). */
  readonly nNeighbors?: number;
}

/** Result of {@link fine}. */
export interface FineResult {
  /** n × d coordinates (classical MDS of the geodesic distances). */
  readonly embedding: DenseMatrix;
  /** The pairwise Fisher–Rao distances (n × n). */
  readonly fisherRaoDistances: DenseMatrix;
  /** The graph-geodesic distances that were embedded (n × n). */
  readonly geodesicDistances: DenseMatrix;
  /** The d leading eigenvalues of the double-centred squared distances. */
  readonly eigenvalues: Float64Array;
  /** Share of negative eigenvalue mass (0 when the geodesic distances are Euclidean). */
  readonly negativeMass: number;
}

function report(options: FineOptions, stage: string, fraction: number): void {
  options.onProgress?.({ embedder: 'fine', stage, fraction, iteration: 0 } satisfies EmbedProgress);
}

/**
 * FINE, Fisher Information Nonparametric Embedding (Carter, Raich, Finn & Hero, IEEE TSP 2009):
 * pairwise Fisher–Rao distances between the distributions (closed form for histograms; through
 * `@infogeom/fisher` for fitted families), geodesic distances on their k-nearest-neighbour graph
 * (shortest paths, approximating distances along the statistical manifold the sample lies on), then
 * classical MDS.
 * @param input - histograms, a family with parameter points, or a precomputed distance matrix
 * @param options - neighbours, target dimension, signal and progress
 * @throws InvalidArgumentError for invalid input, fewer than 2 distributions, or a disconnected graph
 */
export function fine<P extends Params>(input: FineInput<P>, options: FineOptions = {}): FineResult {
  const d = options.nComponents ?? 2;
  report(options, 'fisher-rao', 0);
  let R: DenseMatrix;
  if ('histograms' in input) R = histogramFisherRaoDistances(input.histograms);
  else if ('family' in input)
    R = familyFisherRaoDistances(input.family, input.params, {
      ...(input.distanceOptions === undefined ? {} : { distanceOptions: input.distanceOptions }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      onProgress: (f) => report(options, 'fisher-rao', 0.5 * f),
    }).distances;
  else R = toDense(input.distances, 'distances', { square: true }).clone();
  const n = R.rows;
  if (n < 2) throw new InvalidArgumentError('input', n, 'at least 2 distributions');
  if (!Number.isInteger(d) || d < 1 || d > n - 1)
    throw new InvalidArgumentError('nComponents', d, `an integer in [1, ${n - 1}]`);
  const k = Math.min(options.nNeighbors ?? 10, n - 1);
  const G = geodesicGraphDistances(R, {
    nNeighbors: k,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    onProgress: (f) => report(options, 'shortest-paths', 0.5 + 0.4 * f),
  });
  report(options, 'eigensolve', 0.9);
  const mds = classicalMds(G, d);
  report(options, 'done', 1);
  return {
    embedding: mds.embedding,
    fisherRaoDistances: R,
    geodesicDistances: G,
    eigenvalues: mds.eigenvalues,
    negativeMass: mds.negativeMass,
  };
}

/** Options of {@link fineEmbedder} (beside {@link EmbedOptions}). */
export interface FineEmbedderOptions {
  /** Neighbours of the geodesic graph (default 10). */
  readonly nNeighbors?: number;
  /** `'histograms'` (default): rows are histograms; `'precomputed'`: the n × n input is a Fisher–Rao distance matrix. */
  readonly input?: 'histograms' | 'precomputed';
}

/**
 * FINE as an embedder plugin: rows of the data are histograms (or, with `input: 'precomputed'`, the data
 * is a Fisher–Rao distance matrix). For fitted parametric families call {@link fine} directly.
 */
export const fineEmbedder: Embedder<FineEmbedderOptions> = {
  name: 'fine',
  description:
    'FINE: classical MDS of graph-geodesic Fisher–Rao distances between distributions (Carter et al. 2009).',
  hasTransform: false,
  iterative: false,
  defaults: { nNeighbors: 10, input: 'histograms' },
  start(points, options = {}) {
    const mode = options.input ?? 'histograms';
    if (mode !== 'histograms' && mode !== 'precomputed')
      throw new InvalidArgumentError('input', mode, "'histograms' or 'precomputed'");
    const X = toDense(points, 'points');
    if (mode === 'histograms') histogramFisherRaoDistances(X); // validate eagerly
    return oneShotRun(() => {
      const r = fine(mode === 'histograms' ? { histograms: X } : { distances: X }, options);
      return {
        embedding: r.embedding,
        info: {
          eigenvalues: Array.from(r.eigenvalues),
          negativeMass: r.negativeMass,
          nNeighbors: Math.min(options.nNeighbors ?? 10, X.rows - 1),
        },
      };
    });
  },
};
