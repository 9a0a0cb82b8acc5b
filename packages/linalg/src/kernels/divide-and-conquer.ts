/**
 * Internal: Cuppen's divide-and-conquer for the symmetric tridiagonal eigenproblem, with implicit
 * QL at the leaves. Eigenvectors are produced as rows.
 */
import { mergeHalves } from './divide-and-conquer-merge.js';
import { ScratchArrays } from './scratch-arrays.js';
import { tridiagonalQl } from './tridiagonal-ql.js';

const LEAF = 32;

/**
 * Eigen-decomposes tridiag(e, d, e) (n×n): on return `d` holds the eigenvalues in ascending order;
 * the result's row k (n×n row-major) is the unit eigenvector of d[k]. `e` is left unchanged.
 */
export function tridiagonalDivideAndConquer(n: number, d: Float64Array, e: Float64Array): Float64Array {
  const Z = new Float64Array(n * n);
  let tnorm = 0;
  for (let i = 0; i < n; i++) tnorm = Math.max(tnorm, Math.abs(d[i]!), i < n - 1 ? Math.abs(e[i]!) : 0);
  const scratch = new ScratchArrays();
  const solve = (lo: number, hi: number): void => {
    const s = hi - lo;
    if (s <= LEAF) {
      for (let i = lo; i < hi; i++) Z[i * n + i] = 1;
      const dl = d.slice(lo, hi);
      const el = new Float64Array(s);
      el.set(e.subarray(lo, hi - 1));
      tridiagonalQl(s, dl, el, Z, lo * n + lo, n);
      d.set(dl, lo);
      return;
    }
    const mid = lo + (s >> 1);
    const rho = e[mid - 1]!;
    d[mid - 1]! -= Math.abs(rho);
    d[mid]! -= Math.abs(rho);
    solve(lo, mid);
    solve(mid, hi);
    mergeHalves(d, Z, n, lo, s, mid - lo, rho, tnorm, scratch);
  };
  if (n > 0) solve(0, n);
  return Z;
}
