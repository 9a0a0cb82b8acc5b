import type { CsrMatrix } from '@infogeom/linalg';

/**
 * Single-source shortest paths on a non-negatively weighted sparse graph: Dijkstra with a lazy binary
 * heap whose keys are stored inline (stale entries are skipped when popped), O((n + nnz) log nnz) per
 * source. Reuses its buffers across sources.
 */
export class ShortestPaths {
  private readonly graph: CsrMatrix;
  private heapKey: Float64Array;
  private heapNode: Int32Array;
  private readonly settled: Uint8Array;

  /**
   * Prepares the search buffers for one graph.
   * @param graph - adjacency with non-negative edge lengths (symmetric for undirected graphs)
   */
  constructor(graph: CsrMatrix) {
    this.graph = graph;
    const cap = graph.rows + graph.nnz + 1;
    this.heapKey = new Float64Array(cap);
    this.heapNode = new Int32Array(cap);
    this.settled = new Uint8Array(graph.rows);
  }

  /**
   * Distances from `source` to every vertex (∞ where unreachable), written into `out`.
   * @param source - start vertex
   * @param out - output of length n (allocated when omitted)
   */
  from(source: number, out?: Float64Array): Float64Array {
    const { rowPtr, colIdx, values, rows: n } = this.graph;
    const dist = out ?? new Float64Array(n);
    dist.fill(Number.POSITIVE_INFINITY);
    const settled = this.settled;
    settled.fill(0);
    const key = this.heapKey;
    const node = this.heapNode;
    dist[source] = 0;
    key[0] = 0;
    node[0] = source;
    let size = 1;
    let remaining = n;
    while (size > 0 && remaining > 0) {
      const du: number = key[0]!;
      const u: number = node[0]!;
      // pop: move the last entry to the root and sift it down
      size--;
      if (size > 0) {
        const lk = key[size]!;
        const ln = node[size]!;
        let i = 0;
        for (;;) {
          let c = 2 * i + 1;
          if (c >= size) break;
          if (c + 1 < size && key[c + 1]! < key[c]!) c++;
          if (key[c]! >= lk) break;
          key[i] = key[c]!;
          node[i] = node[c]!;
          i = c;
        }
        key[i] = lk;
        node[i] = ln;
      }
      if (settled[u] === 1) continue; // a stale entry
      settled[u] = 1;
      remaining--;
      const end: number = rowPtr[u + 1]!;
      for (let p: number = rowPtr[u]!; p < end; p++) {
        const v = colIdx[p]!;
        const alt = du + values[p]!;
        if (alt < dist[v]!) {
          dist[v] = alt;
          // push (v, alt) and sift up
          let i = size++;
          while (i > 0) {
            const parent = (i - 1) >> 1;
            if (key[parent]! <= alt) break;
            key[i] = key[parent]!;
            node[i] = node[parent]!;
            i = parent;
          }
          key[i] = alt;
          node[i] = v;
        }
      }
    }
    return dist;
  }
}
