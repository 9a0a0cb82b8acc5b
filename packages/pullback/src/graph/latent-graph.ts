import {
  assertFiniteArray,
  DimensionMismatchError,
  InfogeomError,
  InvalidArgumentError,
} from '@infogeom/linalg';
import type { LatentMetric } from '../decoders/decoder.js';
import { completeMetric } from '../metrics/complete-metric.js';

/** The kNN graph is disconnected between the requested end points: no path to initialise a geodesic. */
export class DisconnectedGraphError extends InfogeomError {}

/** A k-nearest-neighbour graph over latent codes with Riemannian edge lengths. */
export interface LatentGraph {
  /** The codes, n×d row-major. */
  readonly codes: Float64Array;
  /** Number of codes n. */
  readonly size: number;
  /** Latent dimension d. */
  readonly dimension: number;
  /** Neighbours k per code (before symmetrisation). */
  readonly k: number;
  /** Symmetric adjacency: for each code, [neighbour, edge length] pairs. */
  readonly adjacency: readonly (readonly [number, number])[][];
}

/** Options of {@link latentGraph}. */
export interface LatentGraphOptions {
  /** Neighbours per code (default 10). */
  k?: number;
}

/** Length of the straight segment a→b under the metric, by 3-point Gauss–Legendre (batched). */
export function segmentLengths(
  metric: LatentMetric,
  segs: readonly (readonly [Float64Array, Float64Array])[],
): Float64Array {
  const m = completeMetric(metric);
  const d = m.dimension;
  const nodes = [0.5 - 0.5 * Math.sqrt(0.6), 0.5, 0.5 + 0.5 * Math.sqrt(0.6)];
  const w = [5 / 18, 8 / 18, 5 / 18];
  const Z = new Float64Array(segs.length * 3 * d);
  segs.forEach(([a, b], s) => {
    for (let q = 0; q < 3; q++)
      for (let k = 0; k < d; k++) Z[(s * 3 + q) * d + k] = a[k]! + nodes[q]! * (b[k]! - a[k]!);
  });
  const G = m.metricBatch(Z, segs.length * 3);
  const out = new Float64Array(segs.length);
  segs.forEach(([a, b], s) => {
    let L = 0;
    for (let q = 0; q < 3; q++) {
      let quad = 0;
      const off = (s * 3 + q) * d * d;
      for (let i = 0; i < d; i++)
        for (let j = 0; j < d; j++) quad += (b[i]! - a[i]!) * G[off + i * d + j]! * (b[j]! - a[j]!);
      L += w[q]! * Math.sqrt(Math.max(quad, 0));
    }
    out[s] = L;
  });
  return out;
}

function nearest(codes: Float64Array, n: number, d: number, z: Float64Array, k: number, skip = -1): number[] {
  const dist: [number, number][] = [];
  for (let j = 0; j < n; j++) {
    if (j === skip) continue;
    let s = 0;
    for (let t = 0; t < d; t++) s += (codes[j * d + t]! - z[t]!) ** 2;
    dist.push([s, j]);
  }
  dist.sort((a, b) => a[0] - b[0]);
  return dist.slice(0, k).map((x) => x[1]);
}

/**
 * The symmetrised kNN graph (Euclidean neighbours in latent space, any dimension) over `codes` (n×d), with
 * edges weighted by the Riemannian length of the straight segment: shortest paths in it follow the data
 * and give geodesic solvers a start in the right basin (Arvanitidis et al. 2018; stochman's graph init).
 */
export function latentGraph(
  metric: LatentMetric,
  codes: ArrayLike<number>,
  options: LatentGraphOptions = {},
): LatentGraph {
  const d = metric.dimension;
  const k = options.k ?? 10;
  if (codes.length % d !== 0)
    throw new DimensionMismatchError('codes.length', codes.length, `a multiple of ${d}`);
  const n = codes.length / d;
  if (!Number.isInteger(k) || k < 1 || k >= Math.max(n, 2))
    throw new InvalidArgumentError('options.k', k, `an integer in [1, ${n - 1}]`);
  const X = Float64Array.from(codes);
  assertFiniteArray('codes', X);
  const edges = new Map<string, [number, number]>();
  for (let i = 0; i < n; i++)
    for (const j of nearest(X, n, d, X.subarray(i * d, (i + 1) * d), k, i)) {
      const key = i < j ? `${i},${j}` : `${j},${i}`;
      if (!edges.has(key)) edges.set(key, [Math.min(i, j), Math.max(i, j)]);
    }
  const list = [...edges.values()];
  const lengths = segmentLengths(
    metric,
    list.map(([i, j]) => [X.subarray(i * d, (i + 1) * d), X.subarray(j * d, (j + 1) * d)] as const),
  );
  const adjacency: [number, number][][] = Array.from({ length: n }, () => []);
  list.forEach(([i, j], e) => {
    const L = lengths[e]!;
    if (!Number.isFinite(L)) return;
    adjacency[i]!.push([j, L]);
    adjacency[j]!.push([i, L]);
  });
  return { codes: X, size: n, dimension: d, k, adjacency };
}
