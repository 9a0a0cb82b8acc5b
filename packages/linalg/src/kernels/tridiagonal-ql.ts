/**
 * Internal: implicit QL with Wilkinson-type shifts on a symmetric tridiagonal matrix (EISPACK tql2
 * lineage). Eigenvectors, when asked for, are accumulated as ROWS of `z` so each plane rotation
 * touches two contiguous rows. Used for values-only solves and as the divide-and-conquer leaf.
 */

import { ConvergenceError } from '../core/errors.js';
import { safeHypot } from './safe-hypot.js';

const EPS = 2 ** -52;

/**
 * Diagonalises T = tridiag(e, d, e) in place: on return `d` holds the eigenvalues in ascending
 * order. `e` (length ≥ n, e[i] couples i and i+1, e[n−1] ignored) is destroyed. When `z` is given
 * (n×n row-major at `zOff` with row stride `ldz`, initialised by the caller, usually to I), its rows
 * are rotated and reordered alongside, so row k ends up as the eigenvector of d[k] (in the basis z
 * started in). Only the first n columns of each row are touched.
 */
export function tridiagonalQl(
  n: number,
  d: Float64Array,
  e: Float64Array,
  z: Float64Array | null = null,
  zOff = 0,
  ldz = n,
): void {
  if (n === 0) return;
  e[n - 1] = 0;
  // couplings below eps²·‖T‖ are negligible in any sense (and can stall the relative test)
  let tnorm = 0;
  for (let i = 0; i < n; i++) tnorm = Math.max(tnorm, Math.abs(d[i]!), Math.abs(e[i]!));
  const tiny = EPS * EPS * tnorm;
  for (let l = 0; l < n; l++) {
    let iter = 0;
    let m: number;
    do {
      for (m = l; m < n - 1; m++) {
        const dd = Math.abs(d[m]!) + Math.abs(d[m + 1]!);
        if (Math.abs(e[m]!) <= EPS * dd || Math.abs(e[m]!) <= tiny) break;
      }
      if (m !== l) {
        if (iter++ === 90)
          throw new ConvergenceError('T', n, 'a tridiagonal matrix QL converges on', 'QL failed');
        let g = (d[l + 1]! - d[l]!) / (2 * e[l]!);
        let r = safeHypot(g, 1);
        g = d[m]! - d[l]! + e[l]! / (g + (g >= 0 ? r : -r));
        let s = 1;
        let c = 1;
        let p = 0;
        let i: number;
        for (i = m - 1; i >= l; i--) {
          const f = s * e[i]!;
          const b = c * e[i]!;
          r = safeHypot(f, g);
          e[i + 1] = r;
          if (r === 0) {
            d[i + 1]! -= p;
            e[m] = 0;
            break;
          }
          s = f / r;
          c = g / r;
          g = d[i + 1]! - p;
          r = (d[i]! - g) * s + 2 * c * b;
          p = s * r;
          d[i + 1] = g + p;
          g = c * r - b;
          if (z !== null) {
            const ri = zOff + i * ldz;
            const rj = ri + ldz;
            for (let k = 0; k < n; k++) {
              const zi = z[ri + k]!;
              const zj = z[rj + k]!;
              z[rj + k] = s * zi + c * zj;
              z[ri + k] = c * zi - s * zj;
            }
          }
        }
        if (r === 0 && i >= l) continue;
        d[l]! -= p;
        e[l] = g;
        e[m] = 0;
      }
    } while (m !== l);
  }
  // selection sort (n is small for vectors; values-only callers sort with the same O(n²) bound)
  if (z === null) {
    const sorted = Float64Array.from(d.subarray(0, n)).sort();
    d.set(sorted);
    return;
  }
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    for (let j = i + 1; j < n; j++) if (d[j]! < d[k]!) k = j;
    if (k !== i) {
      const t = d[i]!;
      d[i] = d[k]!;
      d[k] = t;
      const ri = zOff + i * ldz;
      const rk = zOff + k * ldz;
      for (let j = 0; j < n; j++) {
        const x = z[ri + j]!;
        z[ri + j] = z[rk + j]!;
        z[rk + j] = x;
      }
    }
  }
}
