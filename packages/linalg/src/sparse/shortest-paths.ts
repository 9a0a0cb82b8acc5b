import { InvalidArgumentError, NonFiniteError } from '../core/errors.js';
import type { CsrMatrix } from './csr-matrix.js';

/** Options of {@link ShortestPaths.from}. */
export interface SingleSourceOptions {
  /** Output distances, length n (allocated when omitted); ∞ where unreachable. */
  readonly out?: Float64Array;
  /** Stop as soon as this vertex is settled (entries of vertices not yet settled are upper bounds or ∞). */
  readonly target?: number;
  /** Receives the predecessor of every vertex on its shortest path (−1 for the source and unreached vertices). */
  readonly predecessors?: Int32Array;
}

/**
 * Shortest paths on a sparse directed graph with non-negative edge lengths: Dijkstra with an indexed
 * 4-ary heap (decrease-key, so the heap never holds more than n entries). Entry (i, j) of the CSR
 * matrix is the length of the edge i → j (store both directions for an undirected graph); stored
 * zeros are zero-length edges. Buffers are allocated once and reused by every call, so running it
 * from many sources allocates nothing per source. O((n + nnz)·log n) per source.
 */
export class ShortestPaths {
  /** The graph (validated once by the constructor). */
  readonly graph: CsrMatrix;
  private readonly heapNode: Int32Array;
  private readonly heapKey: Float64Array;
  /** Position of each vertex in the heap; −1 never queued, −2 settled. */
  private readonly pos: Int32Array;

  /**
   * Validates the graph (square, finite, non-negative lengths) and allocates the search buffers.
   * @param graph - n × n adjacency of edge lengths
   * @throws InvalidArgumentError for a non-square graph or a negative length; NonFiniteError for NaN/±∞
   */
  constructor(graph: CsrMatrix) {
    if (graph.rows !== graph.cols)
      throw new InvalidArgumentError('graph', `${graph.rows}×${graph.cols}`, 'a square adjacency matrix');
    const { values } = graph;
    for (let p = 0; p < values.length; p++) {
      const w = values[p]!;
      if (!Number.isFinite(w)) throw new NonFiniteError(`graph.values[${p}]`, w, 'a finite edge length');
      if (w < 0) throw new InvalidArgumentError(`graph.values[${p}]`, w, 'a non-negative edge length');
    }
    this.graph = graph;
    const n = graph.rows;
    this.heapNode = new Int32Array(n);
    this.heapKey = new Float64Array(n);
    this.pos = new Int32Array(n);
  }

  /**
   * Distances from `source` to every vertex (Dijkstra), optionally stopping at a target and
   * recording predecessors.
   * @param source - start vertex
   * @param options - output buffer, target, predecessor buffer
   * @returns the distances (`options.out` when given)
   * @throws InvalidArgumentError for a vertex out of range or a buffer of the wrong length
   */
  from(source: number, options: SingleSourceOptions = {}): Float64Array {
    const { rowPtr, colIdx, values, rows: n } = this.graph;
    checkVertex('source', source, n);
    const target = options.target ?? -1;
    if (options.target !== undefined) checkVertex('target', target, n);
    const dist = options.out ?? new Float64Array(n);
    if (dist.length !== n) throw new InvalidArgumentError('out.length', dist.length, `${n}`);
    const pred = options.predecessors;
    if (pred !== undefined) {
      if (pred.length !== n) throw new InvalidArgumentError('predecessors.length', pred.length, `${n}`);
      pred.fill(-1);
    }
    dist.fill(Number.POSITIVE_INFINITY);
    const pos = this.pos;
    pos.fill(-1);
    const hn = this.heapNode;
    const hk = this.heapKey;
    dist[source] = 0;
    hn[0] = source;
    hk[0] = 0;
    pos[source] = 0;
    let size = 1;
    while (size > 0) {
      const u: number = hn[0]!;
      const du = hk[0]!;
      pos[u] = -2;
      size--;
      if (size > 0) {
        // move the last entry to the root and sift it down (4-ary)
        const ln = hn[size]!;
        const lk = hk[size]!;
        let i = 0;
        for (;;) {
          const c0 = 4 * i + 1;
          if (c0 >= size) break;
          let c = c0;
          let ck = hk[c0]!;
          const cEnd = Math.min(c0 + 4, size);
          for (let q = c0 + 1; q < cEnd; q++) {
            const qk = hk[q]!;
            if (qk < ck) {
              ck = qk;
              c = q;
            }
          }
          if (ck >= lk) break;
          const cn = hn[c]!;
          hn[i] = cn;
          hk[i] = ck;
          pos[cn] = i;
          i = c;
        }
        hn[i] = ln;
        hk[i] = lk;
        pos[ln] = i;
      }
      if (u === target) break;
      const end = rowPtr[u + 1]!;
      for (let p: number = rowPtr[u]!; p < end; p++) {
        const v = colIdx[p]!;
        const alt = du + values[p]!;
        if (alt < dist[v]!) {
          // v is not settled: a settled vertex has dist ≤ du ≤ du + length
          let i = pos[v]!;
          dist[v] = alt;
          if (pred !== undefined) pred[v] = u;
          if (i === -1) i = size++;
          // sift up from i (a new entry at the end, or a decreased key)
          while (i > 0) {
            const parent = (i - 1) >> 2;
            const pk = hk[parent]!;
            if (pk <= alt) break;
            const pn = hn[parent]!;
            hn[i] = pn;
            hk[i] = pk;
            pos[pn] = i;
            i = parent;
          }
          hn[i] = v;
          hk[i] = alt;
          pos[v] = i;
        }
      }
    }
    return dist;
  }
}

function checkVertex(name: string, v: number, n: number): void {
  if (!Number.isInteger(v) || v < 0 || v >= n)
    throw new InvalidArgumentError(name, v, `an integer in [0, ${n})`);
}
