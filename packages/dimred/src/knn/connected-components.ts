import type { CsrMatrix } from '@infogeom/linalg';

/** Result of {@link connectedComponents}. */
export interface ConnectedComponents {
  /** Number of components. */
  readonly count: number;
  /** Component label of each vertex, 0 … count − 1, in order of first appearance. */
  readonly labels: Int32Array;
}

/**
 * Connected components of the undirected graph with adjacency `A` (the stored pattern; a directed
 * pattern is read as undirected only if it is symmetric). Breadth-first search, O(n + nnz).
 * @param A - symmetric sparse adjacency
 */
export function connectedComponents(A: CsrMatrix): ConnectedComponents {
  const n = A.rows;
  const labels = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let count = 0;
  for (let s = 0; s < n; s++) {
    if (labels[s] !== -1) continue;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    labels[s] = count;
    while (head < tail) {
      const u = queue[head++]!;
      for (let p = A.rowPtr[u]!; p < A.rowPtr[u + 1]!; p++) {
        const v = A.colIdx[p]!;
        if (labels[v] === -1) {
          labels[v] = count;
          queue[tail++] = v;
        }
      }
    }
    count++;
  }
  return { count, labels };
}
