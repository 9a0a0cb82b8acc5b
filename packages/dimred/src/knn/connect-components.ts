import { CsrMatrix, type DenseMatrix } from '@infogeom/linalg';
import { connectedComponents } from './connected-components.js';

/** Result of {@link connectComponents}. */
export interface ConnectedGraph {
  /** The adjacency with the bridging edges added (the input when it was connected). */
  readonly adjacency: CsrMatrix;
  /** Number of components of the input graph. */
  readonly components: number;
  /** Bridging edges added, as [i, j, distance] triples. */
  readonly bridges: readonly (readonly [number, number, number])[];
}

/**
 * Makes a kNN adjacency connected (the documented fallback of Isomap and the spectral methods,
 * like scikit-learn's `_fix_connected_components`): while several components remain, the smallest
 * one is joined to the rest by its shortest euclidean edge, with weight `edgeWeight(distance)`.
 * Cost O(|C|·n·D) per bridge.
 * @param points - the n × D data the graph was built on
 * @param adjacency - symmetric adjacency
 * @param edgeWeight - weight of a bridge of the given length (default: the length)
 */
export function connectComponents(
  points: DenseMatrix,
  adjacency: CsrMatrix,
  edgeWeight: (distance: number) => number = (d) => d,
): ConnectedGraph {
  const first = connectedComponents(adjacency);
  if (first.count <= 1) return { adjacency, components: first.count, bridges: [] };
  const { rows: n, cols: D, data } = points;
  const labels = Int32Array.from(first.labels);
  const bridges: [number, number, number][] = [];
  let count = first.count;
  while (count > 1) {
    const size = new Int32Array(first.count);
    for (let i = 0; i < n; i++) size[labels[i]!]!++;
    let small = -1;
    for (let c = 0; c < size.length; c++)
      if (size[c]! > 0 && (small < 0 || size[c]! < size[small]!)) small = c;
    let best = Number.POSITIVE_INFINITY;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < n; i++) {
      if (labels[i] !== small) continue;
      for (let j = 0; j < n; j++) {
        if (labels[j] === small) continue;
        let s = 0;
        for (let c = 0; c < D; c++) s += (data[i * D + c]! - data[j * D + c]!) ** 2;
        if (s < best) {
          best = s;
          bi = i;
          bj = j;
        }
      }
    }
    const target = labels[bj]!;
    for (let i = 0; i < n; i++) if (labels[i] === small) labels[i] = target;
    bridges.push([bi, bj, Math.sqrt(best)]);
    count--;
  }
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < n; i++)
    for (let p = adjacency.rowPtr[i]!; p < adjacency.rowPtr[i + 1]!; p++) {
      r.push(i);
      c.push(adjacency.colIdx[p]!);
      v.push(adjacency.values[p]!);
    }
  for (const [i, j, d] of bridges) {
    const w = edgeWeight(d);
    r.push(i, j);
    c.push(j, i);
    v.push(w, w);
  }
  return { adjacency: CsrMatrix.fromCoo(n, n, r, c, v), components: first.count, bridges };
}
