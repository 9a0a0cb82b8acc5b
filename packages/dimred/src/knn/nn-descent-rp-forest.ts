import type { Rng } from '@infogeom/linalg';
import { type PreparedRows, rowDot } from './nn-descent-rows.js';

/**
 * Leaves of a forest of random-projection trees (Dasgupta & Freund 2008, as pynndescent builds them
 * to initialise NN-descent): each node splits its points by the hyperplane bisecting two random
 * members; a degenerate split falls back to a random halving. Returns the leaves as index arrays.
 * Internal to the knn folder.
 * @param rows - the prepared points
 * @param nTrees - number of trees
 * @param leafSize - maximum leaf size (≥ 2)
 * @param rng - random source
 */
export function rpForestLeaves(rows: PreparedRows, nTrees: number, leafSize: number, rng: Rng): Int32Array[] {
  const { data, n, dim } = rows;
  const leaves: Int32Array[] = [];
  const normal = new Float64Array(dim);
  const side = new Float64Array(n);
  for (let t = 0; t < nTrees; t++) {
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    const stack: Int32Array[] = [all];
    while (stack.length > 0) {
      const pts = stack.pop()!;
      const m = pts.length;
      if (m <= leafSize) {
        leaves.push(pts);
        continue;
      }
      const a = pts[rng.int(m)]!;
      let b = pts[rng.int(m - 1)]!;
      if (b === a) b = pts[m - 1]!;
      let offset = 0;
      for (let d = 0; d < dim; d++) {
        const xa = data[a * dim + d]!;
        const xb = data[b * dim + d]!;
        normal[d] = xa - xb;
        offset += (xa - xb) * (xa + xb) * 0.5;
      }
      let left = 0;
      for (let q = 0; q < m; q++) {
        const s = rowDot(rows, pts[q]!, normal) - offset;
        // ties go to a random side, as pynndescent does
        const goLeft = s > 0 || (s === 0 && rng.uniform() < 0.5);
        side[q] = goLeft ? 1 : 0;
        if (goLeft) left++;
      }
      if (left === 0 || left === m) {
        for (let q = 0; q < m; q++) side[q] = rng.uniform() < 0.5 ? 1 : 0;
        left = 0;
        for (let q = 0; q < m; q++) left += side[q]!;
        if (left === 0 || left === m) {
          leaves.push(pts);
          continue;
        }
      }
      const L = new Int32Array(left);
      const R = new Int32Array(m - left);
      let l = 0;
      let r = 0;
      for (let q = 0; q < m; q++) {
        if (side[q] === 1) L[l++] = pts[q]!;
        else R[r++] = pts[q]!;
      }
      stack.push(L, R);
    }
  }
  return leaves;
}
