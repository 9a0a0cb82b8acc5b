/**
 * Internal: blocked (compact-WY) application of the tridiagonalisation's reflectors to eigenvector
 * rows, X ← X·H_{n−3}⋯H₁H₀, so that rows of X become eigenvectors of the original matrix. Each
 * block of NB reflectors is two GEMMs plus a small triangular product.
 */
import { gemm } from './gemm.js';

const NB = 64;
/** Up to this order the reflectors are applied one at a time (no GEMM set-up cost). */
const SMALL = 48;

function unblocked(X: Float64Array, n: number, a: Float64Array, tau: Float64Array): void {
  for (let k = tau.length - 1; k >= 0; k--) {
    const t = tau[k]!;
    if (t === 0) continue;
    const v = k * n; // v[k+1] = 1, v[j] = a[k·n + j] for j ≥ k+2
    for (let i = 0; i < n; i++) {
      const x = i * n;
      let s = X[x + k + 1]!;
      for (let j = k + 2; j < n; j++) s += X[x + j]! * a[v + j]!;
      s *= t;
      X[x + k + 1]! -= s;
      for (let j = k + 2; j < n; j++) X[x + j]! -= s * a[v + j]!;
    }
  }
}

/**
 * `X` is n×n row-major (rows = eigenvectors of T); `a` holds reflector k's tail in row k, columns
 * k+2..n−1 (v_{k+1} = 1 implicit), `tau` the n−2 scalars.
 */
export function householderBackTransform(
  X: Float64Array,
  n: number,
  a: Float64Array,
  tau: Float64Array,
): void {
  const count = tau.length;
  if (n <= SMALL) {
    unblocked(X, n, a, tau);
    return;
  }
  const lastStart = Math.floor((count - 1) / NB) * NB;
  for (let j0 = lastStart; j0 >= 0; j0 -= NB) {
    const nb = Math.min(NB, count - j0);
    const r = j0 + 1; // first row touched by the block
    const m = n - r;
    // Yᵀ (nb × m): row t is reflector j0+t restricted to positions r..n−1
    const Yt = new Float64Array(nb * m);
    for (let t = 0; t < nb; t++) {
      const k = j0 + t;
      Yt[t * m + t] = 1;
      for (let j = k + 2; j < n; j++) Yt[t * m + (j - r)] = a[k * n + j]!;
    }
    // T upper triangular with H_{j0}⋯H_{j0+nb−1} = I − Y T Yᵀ (forward, columnwise: LAPACK dlarft)
    const G = new Float64Array(nb * nb); // Yᵀ Y
    gemm(false, true, nb, nb, m, 1, { data: Yt, offset: 0, ld: m }, { data: Yt, offset: 0, ld: m }, 0, {
      data: G,
      offset: 0,
      ld: nb,
    });
    const T = new Float64Array(nb * nb);
    for (let i = 0; i < nb; i++) {
      const ti = tau[j0 + i]!;
      T[i * nb + i] = ti;
      for (let jj = 0; jj < i; jj++) {
        let s = 0;
        for (let l = jj; l < i; l++) s += T[jj * nb + l]! * G[l * nb + i]!;
        T[jj * nb + i] = -ti * s;
      }
    }
    // W = X[:, r:] · Y  (n × nb)
    const W = new Float64Array(n * nb);
    gemm(false, true, n, nb, m, 1, { data: X, offset: r, ld: n }, { data: Yt, offset: 0, ld: m }, 0, {
      data: W,
      offset: 0,
      ld: nb,
    });
    // W2 = W · Tᵀ
    const W2 = new Float64Array(n * nb);
    gemm(false, true, n, nb, nb, 1, { data: W, offset: 0, ld: nb }, { data: T, offset: 0, ld: nb }, 0, {
      data: W2,
      offset: 0,
      ld: nb,
    });
    // X[:, r:] −= W2 · Yᵀ
    gemm(false, false, n, m, nb, -1, { data: W2, offset: 0, ld: nb }, { data: Yt, offset: 0, ld: m }, 1, {
      data: X,
      offset: r,
      ld: n,
    });
  }
}
