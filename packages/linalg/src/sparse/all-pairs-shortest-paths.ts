import { AbortError, InvalidArgumentError } from '../core/errors.js';
import { createRng } from '../random/index.js';
import { CsrMatrix } from './csr-matrix.js';
import { RowReusingSearch } from './row-reusing-search.js';
import { ShortestPaths } from './shortest-paths.js';

/** Options of {@link allPairsShortestPaths}. */
export interface AllPairsOptions {
  /** Sources (rows of the result, distinct vertices), default every vertex 0 … n − 1. */
  readonly sources?: ArrayLike<number>;
  /** Output, length (number of sources) × n (allocated when omitted). */
  readonly out?: Float64Array;
  /** Checked between sources; an aborted signal stops with an `AbortError`. */
  readonly signal?: AbortSignal;
  /** Called every 64 sources and at the end with the fraction of sources done. */
  readonly onProgress?: (fraction: number) => void;
}

/**
 * Shortest-path distances from several sources (default all: the dense all-pairs matrix): row r of
 * the result holds the distances from `sources[r]` (∞ where unreachable). At most
 * O(m·(n + nnz)·log n) time for m sources, m × n memory, nothing allocated per source.
 *
 * Dijkstra from each source reuses the rows already computed: when the search from s settles a
 * vertex u whose row d(u,·) is known, every vertex x receives the bound d(s,u) + d(u,x) at once (one
 * pass over the row, no heap work), and the vertices it reaches need no expansion of their own (any
 * path through them is dominated by the path through u). Sources are searched in the given order
 * (spread them over the graph for the best reuse). On an undirected graph
 * computing all pairs (every stored edge i → j has a stored j → i of the same length), each pair is computed once and mirrored, in an order that spreads the known
 * rows (the given labels when they are scattered, else a fixed pseudo-random relabelling). The distances are the same minima as
 * plain Dijkstra up to the last bits of rounding (a path may be summed in a different grouping);
 * the all-pairs matrix of a kNN graph costs a few times less than n independent
 * {@link ShortestPaths} runs.
 * @param graph - n × n adjacency of non-negative edge lengths (see {@link ShortestPaths})
 * @param options - sources, output buffer, signal, progress
 * @returns row-major m × n distances
 * @throws InvalidArgumentError for a bad graph, source or buffer; AbortError when aborted
 */
export function allPairsShortestPaths(graph: CsrMatrix, options: AllPairsOptions = {}): Float64Array {
  new ShortestPaths(graph); // validates the graph (square, finite, non-negative lengths)
  const n = graph.rows;
  const sources = options.sources;
  const m = sources?.length ?? n;
  const out = options.out ?? new Float64Array(m * n);
  if (out.length !== m * n) throw new InvalidArgumentError('out.length', out.length, `${m * n}`);
  const vertexOf = new Int32Array(m);
  const seen = new Uint8Array(n);
  for (let r = 0; r < m; r++) {
    const s = sources === undefined ? r : sources[r]!;
    if (!Number.isInteger(s) || s < 0 || s >= n)
      throw new InvalidArgumentError(`sources[${r}]`, s, `an integer in [0, ${n})`);
    if (seen[s] === 1) throw new InvalidArgumentError(`sources[${r}]`, s, 'distinct sources');
    seen[s] = 1;
    vertexOf[r] = s;
  }
  if (sources === undefined && isUndirected(graph)) {
    undirectedAllPairs(graph, out, options);
    return out;
  }
  const search = new RowReusingSearch(graph, out, false);
  for (let r = 0; r < m; r++) {
    if (options.signal?.aborted === true) throw new AbortError(options.signal.reason);
    search.run(vertexOf[r]!, r);
    if (options.onProgress !== undefined && ((r & 63) === 63 || r === m - 1)) options.onProgress((r + 1) / m);
  }
  return out;
}

/**
 * All pairs of an undirected graph, searched in label order filling only the upper triangle, then
 * mirrored. The known rows must be spread over the graph at every stage: when the labels follow the
 * graph's geometry (mean label gap along an edge below n/4, e.g. points sorted along a curve; a random
 * labelling gives n/3), the vertices are first relabelled by a fixed pseudo-random permutation and
 * the result is permuted back in place (internal).
 */
function undirectedAllPairs(graph: CsrMatrix, out: Float64Array, options: AllPairsOptions): void {
  const n = graph.rows;
  let gap = 0;
  for (let v = 0; v < n; v++)
    for (let p = graph.rowPtr[v]!; p < graph.rowPtr[v + 1]!; p++) gap += Math.abs(graph.colIdx[p]! - v);
  const scrambled = gap >= 0.25 * n * graph.nnz;
  let perm: Int32Array | undefined;
  let relabelled = graph;
  if (!scrambled) {
    perm = new Int32Array(n); // perm[newLabel] = vertex
    for (let i = 0; i < n; i++) perm[i] = i;
    const rng = createRng(0x1505);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = perm[i]!;
      perm[i] = perm[j]!;
      perm[j] = t;
    }
    const label = new Int32Array(n);
    for (let i = 0; i < n; i++) label[perm[i]!] = i;
    const rowIdx: number[] = [];
    const colIdx: number[] = [];
    const vals: number[] = [];
    for (let v = 0; v < n; v++)
      for (let p = graph.rowPtr[v]!; p < graph.rowPtr[v + 1]!; p++) {
        rowIdx.push(label[v]!);
        colIdx.push(label[graph.colIdx[p]!]!);
        vals.push(graph.values[p]!);
      }
    relabelled = CsrMatrix.fromCoo(n, n, rowIdx, colIdx, vals);
  }
  const search = new RowReusingSearch(relabelled, out, true);
  for (let s = 0; s < n; s++) {
    if (options.signal?.aborted === true) throw new AbortError(options.signal.reason);
    search.run(s, s);
    if (options.onProgress !== undefined && ((s & 63) === 63 || s === n - 1)) options.onProgress((s + 1) / n);
  }
  mirrorUpper(out, n);
  if (perm !== undefined) permuteSymmetric(out, n, perm);
}

/** Every stored edge has its reverse stored with the same length (zeros count as edges) (internal). */
function isUndirected(graph: CsrMatrix): boolean {
  const { rowPtr, colIdx, values, rows: n } = graph;
  for (let i = 0; i < n; i++)
    for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) {
      const j = colIdx[p]!;
      // binary search for i in row j (columns are sorted)
      let lo = rowPtr[j]!;
      let hi = rowPtr[j + 1]! - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (colIdx[mid]! < i) lo = mid + 1;
        else hi = mid;
      }
      if (lo > hi || colIdx[lo] !== i || values[lo] !== values[p]) return false;
    }
  return true;
}

/** Copies the strict upper triangle over the lower one, in tiles (internal). */
function mirrorUpper(D: Float64Array, n: number): void {
  const T = 64;
  for (let i0 = 0; i0 < n; i0 += T) {
    const i1 = Math.min(n, i0 + T);
    for (let j0 = i0; j0 < n; j0 += T) {
      const j1 = Math.min(n, j0 + T);
      for (let i = i0; i < i1; i++)
        for (let j = j0 > i ? j0 : i + 1; j < j1; j++) D[j * n + i] = D[i * n + j]!;
    }
  }
}

/**
 * In place: D ← P·D·Pᵀ with (P·D·Pᵀ)[perm[a]][perm[b]] = D[a][b]; rows move along the cycles of the
 * permutation through one spare row, then each row's entries are permuted through it (internal).
 */
function permuteSymmetric(D: Float64Array, n: number, perm: Int32Array): void {
  let spare = new Float64Array(n);
  let held = new Float64Array(n);
  const moved = new Uint8Array(n);
  for (let start = 0; start < n; start++) {
    if (moved[start] === 1) continue;
    // the row at a goes to perm[a]: follow the cycle start → perm[start] → …
    spare.set(D.subarray(start * n, (start + 1) * n));
    let a = start;
    for (;;) {
      moved[a] = 1;
      const b = perm[a]!;
      if (b === start) break;
      // keep row b, write row a's content (in spare) to b, continue with b's old content
      held.set(D.subarray(b * n, (b + 1) * n));
      D.set(spare, b * n);
      const t = spare;
      spare = held;
      held = t;
      a = b;
    }
    D.set(spare, start * n);
  }
  for (let i = 0; i < n; i++) {
    const row = D.subarray(i * n, (i + 1) * n);
    spare.set(row);
    for (let a = 0; a < n; a++) row[perm[a]!] = spare[a]!;
  }
}
