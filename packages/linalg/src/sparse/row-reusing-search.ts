import type { CsrMatrix } from './csr-matrix.js';

/**
 * The search behind allPairsShortestPaths (internal, not exported from the package): Dijkstra from
 * one source with an indexed 4-ary heap that applies the known row of every settled source vertex
 * instead of expanding it. Rows are those of the output matrix; `rowOf[v]` is the row of vertex v
 * once searched (−1 before). In mirror mode (all pairs of an undirected graph, searched in the order
 * 0, 1, …, n − 1) the search from s fills only the entries x > s of its row; the caller mirrors.
 */
export class RowReusingSearch {
  private readonly graph: CsrMatrix;
  private readonly rows: Float64Array;
  private readonly mirror: boolean;
  private readonly rowOf: Int32Array;
  private readonly heapNode: Int32Array;
  private readonly heapKey: Float64Array;
  /** Heap position; −1 not queued, −2 settled. */
  private readonly pos: Int32Array;

  /**
   * @param graph - validated adjacency of non-negative lengths
   * @param rows - the output matrix (rows of earlier sources are read)
   * @param mirror - all pairs of an undirected graph searched in vertex order: entries x < s are left
   * for the caller to mirror, and d(s,u) of a searched u < s is read from u's row
   */
  constructor(graph: CsrMatrix, rows: Float64Array, mirror: boolean) {
    const n = graph.rows;
    this.graph = graph;
    this.rows = rows;
    this.mirror = mirror;
    this.rowOf = new Int32Array(n).fill(-1);
    this.heapNode = new Int32Array(n);
    this.heapKey = new Float64Array(n);
    this.pos = new Int32Array(n);
  }

  /**
   * Searches from `source` into row `r` of the output.
   * @param source - start vertex
   * @param r - its output row (the source itself in mirror mode)
   */
  run(source: number, r: number): void {
    const { rowPtr, colIdx, values, rows: n } = this.graph;
    const { rows, rowOf, pos, mirror } = this;
    const hn = this.heapNode;
    const hk = this.heapKey;
    const off0 = r * n;
    const dist = rows.subarray(off0, off0 + n);
    dist.fill(Number.POSITIVE_INFINITY);
    pos.fill(-1);
    dist[source] = 0;
    hn[0] = source;
    hk[0] = 0;
    pos[source] = 0;
    let size = 1;
    while (size > 0) {
      const u: number = hn[0]!;
      let du = hk[0]!;
      pos[u] = -2;
      size--;
      if (size > 0) {
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
      const ru = rowOf[u]!;
      if (ru >= 0 && mirror) {
        // u's exact distance is known from its own row; a key clearly above it means u was reached
        // through a known row already (its row adds nothing); otherwise apply it with the exact value
        const exact = rows[ru * n + source]!;
        if (du > exact * (1 + 1e-10)) continue;
        du = exact;
      } else if (du > dist[u]!) {
        // a stale key: u was reached through a known row since it was queued, and every path through
        // u is already bounded through that row
        continue;
      }
      if (ru >= 0) {
        // d(s,x) ≤ d(s,u) + d(u,x) for every x (in mirror mode only for the vertices still pending)
        const off = ru * n;
        if (mirror) {
          for (let x = source + 1; x < n; x++) {
            const c = du + rows[off + x]!;
            if (c < dist[x]!) dist[x] = c;
          }
        } else {
          for (let x = 0; x < n; x++) {
            const c = du + rows[off + x]!;
            if (c < dist[x]!) dist[x] = c;
          }
        }
        continue;
      }
      const end = rowPtr[u + 1]!;
      for (let p: number = rowPtr[u]!; p < end; p++) {
        const v = colIdx[p]!;
        const alt = du + values[p]!;
        if (alt < dist[v]!) {
          dist[v] = alt;
          let i = pos[v]!;
          if (i === -1) i = size++;
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
    rowOf[source] = r;
  }
}
