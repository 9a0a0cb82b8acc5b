import { type LinearOperator, lanczos, type Rng } from '@infogeom/linalg';
import { fitMds, type MdsModel } from './mds-core.js';

/**
 * {@link fitMds} for exact (every point a landmark) MDS from a symmetric matrix of distances G rather
 * than squared distances: the centred kernel B = −½·J·(G∘G)·J is never formed — Lanczos applies it
 * as one pass over G per product (squaring on the fly, centring with two O(m) corrections), which
 * saves the two m × m copies and passes of the explicit route. Same eigenpairs (to Lanczos's
 * tolerance), sign convention and model as {@link fitMds}; small problems (m ≤ 64 or d > m/8) go
 * through it. G is not modified.
 * @param G - m × m symmetric distances (row-major)
 * @param m - number of points
 * @param d - target dimension (≤ m − 1)
 * @param rng - starting vector of Lanczos
 */
export function fitMdsFromDistances(G: Float64Array, m: number, d: number, rng: Rng): MdsModel {
  if (m <= 64 || d > m / 8) {
    const S = new Float64Array(m * m);
    for (let t = 0; t < m * m; t++) S[t] = G[t]! * G[t]!;
    return fitMds(S, m, d, rng);
  }
  const meanSquared = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s0 = 0;
    let s1 = 0;
    const off = i * m;
    let j = 0;
    for (; j + 1 < m; j += 2) {
      const a = G[off + j]!;
      const b = G[off + j + 1]!;
      s0 += a * a;
      s1 += b * b;
    }
    if (j < m) s0 += G[off + j]! ** 2;
    meanSquared[i] = (s0 + s1) / m;
  }
  const xc = new Float64Array(m);
  const op: LinearOperator = {
    shape: [m, m],
    symmetric: true,
    mv(x, out) {
      const y = out ?? new Float64Array(m);
      let mean = 0;
      for (let j = 0; j < m; j++) mean += x[j]!;
      mean /= m;
      for (let j = 0; j < m; j++) xc[j] = x[j]! - mean;
      let ym = 0;
      for (let i = 0; i < m; i++) {
        const off = i * m;
        let s0 = 0;
        let s1 = 0;
        let j = 0;
        for (; j + 1 < m; j += 2) {
          const a = G[off + j]!;
          const b = G[off + j + 1]!;
          s0 += a * a * xc[j]!;
          s1 += b * b * xc[j + 1]!;
        }
        if (j < m) s0 += G[off + j]! ** 2 * xc[j]!;
        const v = s0 + s1;
        y[i] = v;
        ym += v;
      }
      ym /= m;
      for (let i = 0; i < m; i++) y[i] = -0.5 * (y[i]! - ym);
      return y;
    },
  };
  const subspaceSize = Math.min(m, Math.max(2 * d + 4, 8));
  const r = lanczos(op, { k: d, which: 'largest', rng, tol: 1e-10, subspaceSize });
  const values = r.values.slice().reverse();
  const pinv = new Float64Array(d * m);
  const tiny = 1e-12 * Math.max(Math.abs(values[0]!), Number.MIN_VALUE);
  for (let c = 0; c < d; c++) {
    const lam = values[c]!;
    if (!(lam > tiny)) continue;
    const col = d - 1 - c;
    // sign convention of fitMds: the largest-magnitude entry of each axis is positive
    let big = 0;
    for (let i = 0; i < m; i++) {
      const v = r.vectors.data[i * d + col]!;
      if (Math.abs(v) > Math.abs(big)) big = v;
    }
    const f = (big < 0 ? -1 : 1) / Math.sqrt(lam);
    for (let i = 0; i < m; i++) pinv[c * m + i] = r.vectors.data[i * d + col]! * f;
  }
  return { m, d, eigenvalues: values, pinv, meanSquared, totalPositive: Number.NaN };
}
