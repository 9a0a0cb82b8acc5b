import { InvalidArgumentError } from '../core/errors.js';
import type { CsrMatrix } from './csr-matrix.js';

/**
 * Reverse Cuthill–McKee ordering of a square matrix's symmetrised pattern: a permutation that
 * makes the profile (envelope) small, so an envelope Cholesky factor stays thin. Each connected
 * component starts from a pseudo-peripheral vertex (George–Liu); neighbours are visited by
 * increasing degree.
 * @param A - square sparse matrix (its pattern is read, values ignored)
 * @returns perm with perm[newIndex] = oldIndex
 */
export function reverseCuthillMcKee(A: CsrMatrix): Int32Array {
  const n = A.rows;
  if (A.cols !== n) throw new InvalidArgumentError('A', A, 'a square matrix');
  const { rowPtr, colIdx } = A;
  const deg = new Int32Array(n);
  for (let i = 0; i < n; i++) deg[i] = rowPtr[i + 1]! - rowPtr[i]!;
  const visited = new Uint8Array(n);
  const order = new Int32Array(n);
  const level = new Int32Array(n);
  const queue = new Int32Array(n);
  let filled = 0;
  /** BFS from `root` over unvisited-by-order vertices; returns [farthest min-degree vertex, eccentricity]. */
  const bfsLevels = (root: number, mark: Uint8Array): [number, number] => {
    let head = 0;
    let tail = 0;
    queue[tail++] = root;
    mark[root] = 1;
    level[root] = 0;
    let last = root;
    while (head < tail) {
      const u = queue[head++]!;
      for (let p = rowPtr[u]!; p < rowPtr[u + 1]!; p++) {
        const v = colIdx[p]!;
        if (mark[v] === 0) {
          mark[v] = 1;
          level[v] = level[u]! + 1;
          queue[tail++] = v;
        }
      }
    }
    const ecc = level[queue[tail - 1]!]!;
    let best = -1;
    for (let t = 0; t < tail; t++) {
      const v = queue[t]!;
      mark[v] = 0;
      if (level[v] === ecc && (best < 0 || deg[v]! < deg[best]!)) best = v;
    }
    last = best < 0 ? last : best;
    return [last, ecc];
  };
  const scratch = new Uint8Array(n);
  for (let seed = 0; seed < n; seed++) {
    if (visited[seed] === 1) continue;
    let root = seed;
    let [far, ecc] = bfsLevels(root, scratch);
    for (let it = 0; it < 10; it++) {
      const [far2, ecc2] = bfsLevels(far, scratch);
      if (ecc2 <= ecc) break;
      root = far;
      far = far2;
      ecc = ecc2;
    }
    // Cuthill–McKee BFS from root, neighbours by increasing degree.
    let head = filled;
    order[filled++] = root;
    visited[root] = 1;
    const nb: number[] = [];
    while (head < filled) {
      const u = order[head++]!;
      nb.length = 0;
      for (let p = rowPtr[u]!; p < rowPtr[u + 1]!; p++) {
        const v = colIdx[p]!;
        if (visited[v] === 0) {
          visited[v] = 1;
          nb.push(v);
        }
      }
      nb.sort((a, b) => deg[a]! - deg[b]!);
      for (const v of nb) order[filled++] = v;
    }
  }
  order.reverse();
  return order;
}
