import {
  AbortError,
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

/** A binary min-heap of (key, node) pairs, for Dijkstra (internal). */
class MinHeap {
  keys: number[] = [];
  nodes: number[] = [];
  get size(): number {
    return this.keys.length;
  }
  push(key: number, node: number): void {
    const { keys, nodes } = this;
    let i = keys.length;
    keys.push(key);
    nodes.push(node);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p]! <= key) break;
      keys[i] = keys[p]!;
      nodes[i] = nodes[p]!;
      i = p;
    }
    keys[i] = key;
    nodes[i] = node;
  }
  /** Removes the minimum; returns its node (its key is left in `lastKey`). */
  pop(): number {
    const { keys, nodes } = this;
    const top = nodes[0]!;
    this.lastKey = keys[0]!;
    const k = keys.pop()!;
    const v = nodes.pop()!;
    const n = keys.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && keys[c + 1]! < keys[c]!) c++;
        if (keys[c]! >= k) break;
        keys[i] = keys[c]!;
        nodes[i] = nodes[c]!;
        i = c;
      }
      keys[i] = k;
      nodes[i] = v;
    }
    return top;
  }
  lastKey = 0;
}

/**
 * Shortest-path (graph geodesic) distances over the symmetrised k-nearest-neighbour graph of a
 * distance matrix, by Dijkstra from every source — the geodesic approximation of Isomap
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
  const nbr = adj.map((m) => Int32Array.from(m.keys()));
  const wts = adj.map((m) => Float64Array.from(m.values()));
  const G = new DenseMatrix(n, n);
  G.data.fill(Number.POSITIVE_INFINITY);
  const done = new Uint8Array(n);
  for (let s = 0; s < n; s++) {
    if (options.signal?.aborted === true) throw new AbortError(options.signal.reason);
    const dist = G.data.subarray(s * n, (s + 1) * n);
    done.fill(0);
    dist[s] = 0;
    const heap = new MinHeap();
    heap.push(0, s);
    let reached = 0;
    while (heap.size > 0) {
      const u = heap.pop();
      if (done[u] === 1) continue;
      done[u] = 1;
      reached++;
      const du = heap.lastKey;
      const nu = nbr[u]!;
      const wu = wts[u]!;
      for (let p = 0; p < nu.length; p++) {
        const v = nu[p]!;
        const alt = du + wu[p]!;
        if (alt < dist[v]!) {
          dist[v] = alt;
          heap.push(alt, v);
        }
      }
    }
    if (reached < n)
      throw new InvalidArgumentError(
        'nNeighbors',
        k,
        'a neighbour count that connects the graph',
        `The ${k}-nearest-neighbour graph is disconnected (${reached} of ${n} points reachable from point ${s}).`,
      );
    if (options.onProgress !== undefined && (s % 64 === 63 || s === n - 1)) options.onProgress((s + 1) / n);
  }
  return G;
}
