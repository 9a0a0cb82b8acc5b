import {
  allPairsShortestPaths,
  CsrMatrix,
  DenseMatrix,
  InvalidArgumentError,
  type MatrixInput,
  NonFiniteError,
  toDense,
} from '@infogeom/linalg';

/** Options of {@link geodesicGraphDistances}. */
export interface GeodesicGraphOptions {
  /** Neighbours per point of the graph (the graph is the symmetrised kNN graph); default 10. */
  readonly nNeighbors?: number;
  /** Checked between sources; an aborted signal stops with an `AbortError`. */
  readonly signal?: AbortSignal;
  /** Called after each source with the fraction done. */
  readonly onProgress?: (fraction: number) => void;
}

/**
 * Shortest-path (graph geodesic) distances over the symmetrised k-nearest-neighbour graph of a
 * distance matrix, by Dijkstra from every source (linalg's allPairsShortestPaths) — the geodesic approximation of Isomap
 * (Tenenbaum et al. 2000) that FINE applies to Fisher–Rao distances (Carter et al. 2009).
 * @param distances - symmetric n × n matrix of non-negative finite distances
 * @param options - neighbours, signal, progress
 * @returns the n × n matrix of graph distances
 * @throws InvalidArgumentError when the kNN graph is disconnected (raise `nNeighbors`), for a bad k
 * or a non-symmetric/negative matrix; NonFiniteError for NaN/±∞
 */
export function geodesicGraphDistances(
  distances: MatrixInput,
  options: GeodesicGraphOptions = {},
): DenseMatrix {
  const D = toDense(distances, 'distances', { square: true });
  const n = D.rows;
  const k = options.nNeighbors ?? 10;
  if (!Number.isInteger(k) || k < 1 || k > n - 1)
    throw new InvalidArgumentError(
      'nNeighbors',
      k,
      `an integer in [1, ${n - 1}] (fewer than the ${n} points)`,
    );
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const v = D.data[i * n + j]!;
      if (!Number.isFinite(v)) throw new NonFiniteError(`distances[${i}][${j}]`, v, 'a finite distance');
      if (v < 0 || (i === j && v !== 0))
        throw new InvalidArgumentError(
          `distances[${i}][${j}]`,
          v,
          'a non-negative distance with zero diagonal',
        );
      if (Math.abs(v - D.data[j * n + i]!) > 1e-12 * Math.max(1, Math.abs(v)))
        throw new InvalidArgumentError('distances', D, 'a symmetric distance matrix');
    }
  // Symmetrised kNN adjacency as neighbour lists.
  const adj: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) order[j] = j;
    const row = D.data.subarray(i * n, (i + 1) * n);
    const sorted = Array.from(order).filter((j) => j !== i);
    sorted.sort((a, b) => row[a]! - row[b]! || a - b);
    for (let t = 0; t < k; t++) {
      const j = sorted[t]!;
      adj[i]!.set(j, row[j]!);
      adj[j]!.set(i, row[j]!);
    }
  }
  const rowPtr = new Int32Array(n + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < n; i++) {
    for (const j of [...adj[i]!.keys()].sort((x, y) => x - y)) {
      cols.push(j);
      vals.push(adj[i]!.get(j)!);
    }
    rowPtr[i + 1] = cols.length;
  }
  const graph = new CsrMatrix(n, n, rowPtr, Int32Array.from(cols), Float64Array.from(vals));
  const G = new DenseMatrix(n, n);
  allPairsShortestPaths(graph, {
    out: G.data,
    ...(options.signal !== undefined && { signal: options.signal }),
    ...(options.onProgress !== undefined && { onProgress: options.onProgress }),
  });
  for (let j = 0; j < n; j++)
    if (G.data[j] === Number.POSITIVE_INFINITY) {
      let reached = 0;
      for (let t = 0; t < n; t++) if (G.data[t]! < Number.POSITIVE_INFINITY) reached++;
      throw new InvalidArgumentError(
        'nNeighbors',
        k,
        'a neighbour count that connects the graph',
        `The ${k}-nearest-neighbour graph is disconnected (${reached} of ${n} points reachable from point 0).`,
      );
    }
  return G;
}
