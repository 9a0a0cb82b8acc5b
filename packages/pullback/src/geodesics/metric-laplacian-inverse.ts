import { InfogeomError } from '@infogeom/linalg';
import type { CompleteMetric } from '../metrics/complete-metric.js';
import { blockInverse, blockMatmul, blockMatvec } from './small-blocks.js';

/**
 * Inverse of the block-tridiagonal Hessian of the polyline energy with the metric frozen at the nodes `Y`
 * (n×d): diagonal blocks N(G_{i−½} + G_{i+½}), off-diagonal −N G_{i+½} (G_{i+½} the mean of the two node
 * metrics), factorised once by block Thomas with d×d blocks (damped where singular) — the `'metric'`
 * preconditioner of {@link EnergyGeodesicSolver}, applied to gradients over the n − 2 interior nodes. Internal.
 * @param metric - the metric
 * @param Y - the curve's nodes, n×d
 * @param n - number of nodes
 * @param d - latent dimension
 */
export function metricLaplacianInverse(
  metric: CompleteMetric,
  Y: Float64Array,
  n: number,
  d: number,
): (g: Float64Array) => Float64Array {
  const m = n - 2;
  const N = n - 1;
  const dd = d * d;
  let Gs: Float64Array;
  try {
    Gs = metric.metricBatch(Y, n);
  } catch (e) {
    if (!(e instanceof InfogeomError)) throw e;
    Gs = new Float64Array(n * dd);
  }
  let tr = 0;
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) tr += Gs[i * dd + k * d + k]! / (n * d);
  if (!(tr > 0) || !Number.isFinite(tr)) tr = 1;
  for (let i = 0; i < Gs.length; i++) if (!Number.isFinite(Gs[i]!)) Gs[i] = 0;
  // Edge metrics, lightly damped so every block is positive definite.
  const E: Float64Array[] = [];
  for (let i = 0; i < N; i++) {
    const e = new Float64Array(dd);
    for (let t = 0; t < dd; t++) e[t] = 0.5 * N * (Gs[i * dd + t]! + Gs[(i + 1) * dd + t]!);
    for (let k = 0; k < d; k++) e[k * d + k]! += 1e-8 * N * tr;
    E.push(e);
  }
  // Block Thomas: D'_0 = D_0, D'_i = D_i − E_i D'_{i−1}⁻¹ E_i (E symmetric).
  const Dinv: Float64Array[] = [];
  for (let i = 0; i < m; i++) {
    const D = new Float64Array(dd);
    for (let t = 0; t < dd; t++) D[t] = E[i]![t]! + E[i + 1]![t]!;
    if (i > 0) {
      const P = blockMatmul(E[i]!, blockMatmul(Dinv[i - 1]!, E[i]!, d), d);
      for (let t = 0; t < dd; t++) D[t]! -= P[t]!;
    }
    Dinv.push(blockInverse(D, d, 'tiny'));
  }
  return (g) => {
    const x = g.slice();
    const tmp = new Float64Array(d);
    // Forward: y_i = g_i + E_i D'_{i−1}⁻¹ y_{i−1}.
    const y: Float64Array[] = [];
    for (let i = 0; i < m; i++) {
      const yi = x.slice(i * d, (i + 1) * d);
      if (i > 0) {
        blockMatvec(Dinv[i - 1]!, y[i - 1]!, d, tmp);
        const t2 = new Float64Array(d);
        blockMatvec(E[i]!, tmp, d, t2);
        for (let k = 0; k < d; k++) yi[k]! += t2[k]!;
      }
      y.push(yi);
    }
    // Backward: x_i = D'_i⁻¹ (y_i + E_{i+1} x_{i+1}).
    for (let i = m - 1; i >= 0; i--) {
      const r = y[i]!.slice();
      if (i < m - 1) {
        blockMatvec(E[i + 1]!, x.subarray((i + 1) * d, (i + 2) * d), d, tmp);
        for (let k = 0; k < d; k++) r[k]! += tmp[k]!;
      }
      blockMatvec(Dinv[i]!, r, d, tmp);
      x.set(tmp, i * d);
    }
    return x;
  };
}
