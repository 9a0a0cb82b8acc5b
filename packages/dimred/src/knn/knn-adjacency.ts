import { CsrMatrix, InvalidArgumentError } from '@infogeom/linalg';
import type { KnnGraph } from './knn-graph.js';

/** Options of {@link knnAdjacency}. */
export interface KnnAdjacencyOptions {
  /**
   * Edge weight from the neighbour distance: 'distance' (default, the distance itself, for shortest
   * paths), 'connectivity' (1), or a function of the distance (e.g. a heat kernel).
   */
  readonly weight?: 'distance' | 'connectivity' | ((distance: number) => number);
  /**
   * How the directed kNN relation becomes symmetric: 'union' (default; an edge when either point is
   * among the other's neighbours, with the weight of either direction — the mean if they differ),
   * 'mean' (½(A + Aᵀ), scikit-learn's SpectralEmbedding: one-way edges get half weight), or
   * 'mutual' (both directions required).
   */
  readonly symmetrize?: 'union' | 'mean' | 'mutual';
}

/**
 * The symmetric sparse adjacency matrix of a kNN graph (CSR, no self loops, O(n·k) memory and time
 * apart from sorting k entries per row). Zero weights (duplicate points) are kept as explicit entries.
 * @param graph - neighbour lists from an exact or approximate search
 * @param options - weight and symmetrisation
 */
export function knnAdjacency(graph: KnnGraph, options: KnnAdjacencyOptions = {}): CsrMatrix {
  const { n, k, indices, distances } = graph;
  const mode = options.symmetrize ?? 'union';
  if (mode !== 'union' && mode !== 'mean' && mode !== 'mutual') {
    throw new InvalidArgumentError('symmetrize', mode, "'union', 'mean' or 'mutual'");
  }
  const w = options.weight ?? 'distance';
  const weightOf = w === 'distance' ? (d: number) => d : w === 'connectivity' ? () => 1 : w;
  // directed CSR, columns sorted per row, self loops and invalid entries dropped
  const dPtr = new Int32Array(n + 1);
  const dIdx = new Int32Array(n * k);
  const dVal = new Float64Array(n * k);
  const order = new Int32Array(k);
  let t = 0;
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < k; a++) order[a] = a;
    const row = indices.subarray(i * k, (i + 1) * k);
    order.sort((a, b) => row[a]! - row[b]!);
    let prev = -1;
    for (let a = 0; a < k; a++) {
      const j = row[order[a]!]!;
      if (j === i || j < 0 || j >= n || j === prev) continue;
      dIdx[t] = j;
      dVal[t++] = weightOf(distances[i * k + order[a]!]!);
      prev = j;
    }
    dPtr[i + 1] = t;
  }
  // transpose by counting sort (rows visited in order, so columns come out sorted)
  const tPtr = new Int32Array(n + 1);
  for (let p = 0; p < t; p++) tPtr[dIdx[p]! + 1]!++;
  for (let i = 0; i < n; i++) tPtr[i + 1]! += tPtr[i]!;
  const fill = tPtr.slice(0, n);
  const tIdx = new Int32Array(t);
  const tVal = new Float64Array(t);
  for (let i = 0; i < n; i++)
    for (let p = dPtr[i]!; p < dPtr[i + 1]!; p++) {
      const q = fill[dIdx[p]!]!++;
      tIdx[q] = i;
      tVal[q] = dVal[p]!;
    }
  // merge row i of D and of Dᵀ
  const rowPtr = new Int32Array(n + 1);
  const colIdx = new Int32Array(2 * t);
  const values = new Float64Array(2 * t);
  let s = 0;
  for (let i = 0; i < n; i++) {
    let p = dPtr[i]!;
    let q = tPtr[i]!;
    const pe = dPtr[i + 1]!;
    const qe = tPtr[i + 1]!;
    while (p < pe || q < qe) {
      const cp = p < pe ? dIdx[p]! : n;
      const cq = q < qe ? tIdx[q]! : n;
      if (cp === cq) {
        colIdx[s] = cp;
        values[s++] = 0.5 * (dVal[p++]! + tVal[q++]!); // both directions: ½(A + Aᵀ) in every mode
      } else if (mode !== 'mutual') {
        const one = cp < cq ? dVal[p++]! : tVal[q++]!;
        colIdx[s] = Math.min(cp, cq);
        values[s++] = mode === 'mean' ? 0.5 * one : one;
      } else if (cp < cq) p++;
      else q++;
    }
    rowPtr[i + 1] = s;
  }
  return new CsrMatrix(n, n, rowPtr, colIdx.slice(0, s), values.slice(0, s));
}
