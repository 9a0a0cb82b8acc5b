import { DimensionMismatchError } from '@infogeom/linalg';
import type { LatentMetric } from '../decoders/decoder.js';
import { graphPath } from '../graph/graph-path.js';
import type { LatentGraph } from '../graph/latent-graph.js';
import { type BatchGeodesicOptions, geodesics } from './batch-geodesics.js';

/** Options of {@link geodesicDistanceMatrix}. */
export interface DistanceMatrixOptions extends Omit<BatchGeodesicOptions, 'init'> {
  /** Initialise every pair by its shortest path in this kNN graph (see `latentGraph`). */
  graph?: LatentGraph;
}

/** Result of {@link geodesicDistanceMatrix}. */
export interface DistanceMatrix {
  /** Symmetric m×m geodesic distances, row-major, zero diagonal. */
  distances: Float64Array;
  /** Whether every pair converged. */
  converged: boolean;
  /** Number of pairs that did not converge. */
  failures: number;
}

/** Pairwise geodesic distances between m codes (m×d), all m(m−1)/2 pairs solved in one batched call. */
export function geodesicDistanceMatrix(
  metric: LatentMetric,
  codes: ArrayLike<number>,
  options: DistanceMatrixOptions = {},
): DistanceMatrix {
  const d = metric.dimension;
  if (codes.length % d !== 0)
    throw new DimensionMismatchError('codes.length', codes.length, `a multiple of ${d}`);
  const m = codes.length / d;
  const X = Float64Array.from(codes);
  const pairs: [Float64Array, Float64Array][] = [];
  const idx: [number, number][] = [];
  for (let i = 0; i < m; i++)
    for (let j = i + 1; j < m; j++) {
      pairs.push([X.slice(i * d, (i + 1) * d), X.slice(j * d, (j + 1) * d)]);
      idx.push([i, j]);
    }
  const { graph, ...rest } = options;
  const nodes = options.nodes ?? 32;
  const init = graph === undefined ? undefined : pairs.map(([a, b]) => graphPath(metric, graph, a, b, nodes));
  const res = geodesics(metric, pairs, { ...rest, ...(init !== undefined ? { init } : {}) });
  const distances = new Float64Array(m * m);
  let failures = 0;
  res.forEach((r, p) => {
    const [i, j] = idx[p]!;
    distances[i * m + j] = distances[j * m + i] = r.length;
    if (!r.converged) failures++;
  });
  return { distances, converged: failures === 0, failures };
}
