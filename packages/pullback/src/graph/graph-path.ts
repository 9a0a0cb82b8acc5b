import { CsrMatrix, DimensionMismatchError, InvalidArgumentError, ShortestPaths } from '@infogeom/linalg';
import type { LatentMetric } from '../decoders/decoder.js';
import { DisconnectedGraphError, type LatentGraph, segmentLengths } from './latent-graph.js';

/** CSR adjacency from per-vertex [neighbour, length] lists, parallel edges merged to the shortest. */
function toCsr(lists: readonly (readonly (readonly [number, number])[])[], n: number): CsrMatrix {
  const rowPtr = new Int32Array(n + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = [...(lists[i] ?? [])].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    for (const [j, w] of row) {
      if (cols.length > rowPtr[i]! && cols[cols.length - 1] === j) continue; // a longer parallel edge
      cols.push(j);
      vals.push(w);
    }
    rowPtr[i + 1] = cols.length;
  }
  return new CsrMatrix(n, n, rowPtr, Int32Array.from(cols), Float64Array.from(vals));
}

/**
 * A shortest path from z₀ to z₁ through the graph (each end joined to its k nearest codes), resampled to
 * `nodes` points equally spaced in Riemannian path length: an initial curve for the geodesic solvers
 * (`options.init`). Throws {@link DisconnectedGraphError} when z₁ cannot be reached.
 */
export function graphPath(
  metric: LatentMetric,
  graph: LatentGraph,
  z0: ArrayLike<number>,
  z1: ArrayLike<number>,
  nodes = 32,
): Float64Array {
  const d = graph.dimension;
  if (z0.length !== d) throw new DimensionMismatchError('z0.length', z0.length, `${d}`);
  if (z1.length !== d) throw new DimensionMismatchError('z1.length', z1.length, `${d}`);
  if (!Number.isInteger(nodes) || nodes < 2) throw new InvalidArgumentError('nodes', nodes, 'an integer ≥ 2');
  const n = graph.size;
  const X = graph.codes;
  const a = Float64Array.from(z0);
  const b = Float64Array.from(z1);
  const near = (z: Float64Array): number[] => {
    const ds: [number, number][] = [];
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += (X[j * d + t]! - z[t]!) ** 2;
      ds.push([s, j]);
    }
    return ds
      .sort((x, y) => x[0] - y[0])
      .slice(0, graph.k)
      .map((x) => x[1]);
  };
  const na = near(a);
  const nb = near(b);
  const code = (j: number): Float64Array => X.subarray(j * d, (j + 1) * d);
  const la = segmentLengths(
    metric,
    na.map((j) => [a, code(j)] as const),
  );
  const lb = segmentLengths(
    metric,
    nb.map((j) => [code(j), b] as const),
  );
  // Nodes 0…n−1 codes, n = z₀, n+1 = z₁; Dijkstra from z₀ stopping at z₁.
  const lists: (readonly (readonly [number, number])[])[] = [...graph.adjacency];
  const fromStart: [number, number][] = [];
  na.forEach((j, i) => {
    if (Number.isFinite(la[i]!)) fromStart.push([j, la[i]!]);
  });
  lists.push(fromStart, []);
  nb.forEach((j, i) => {
    if (Number.isFinite(lb[i]!)) lists[j] = [...lists[j]!, [n + 1, lb[i]!]];
  });
  const prev = new Int32Array(n + 2);
  const dist = new ShortestPaths(toCsr(lists, n + 2)).from(n, { target: n + 1, predecessors: prev });
  if (!Number.isFinite(dist[n + 1]!))
    throw new DisconnectedGraphError(
      'graph',
      `${n} codes, k = ${graph.k}`,
      'a kNN graph connecting z₀ and z₁ (increase k)',
    );
  const path: number[] = [];
  for (let j = n + 1; j !== -1; j = prev[j]!) path.push(j);
  path.reverse();
  const pt = (j: number): Float64Array => (j === n ? a : j === n + 1 ? b : code(j));
  const cum = path.map((j) => dist[j]!);
  const total = cum[cum.length - 1]!;
  const out = new Float64Array(nodes * d);
  let seg = 0;
  for (let i = 0; i < nodes; i++) {
    const s = (total * i) / (nodes - 1);
    while (seg < path.length - 2 && cum[seg + 1]! < s) seg++;
    const c0 = cum[seg]!;
    const c1 = cum[seg + 1]!;
    const f = c1 > c0 ? Math.min(1, Math.max(0, (s - c0) / (c1 - c0))) : 0;
    const p0 = pt(path[seg]!);
    const p1 = pt(path[seg + 1]!);
    for (let k = 0; k < d; k++) out[i * d + k] = p0[k]! + f * (p1[k]! - p0[k]!);
  }
  out.set(a, 0);
  out.set(b, (nodes - 1) * d);
  return out;
}
