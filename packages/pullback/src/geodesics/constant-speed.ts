import { DimensionMismatchError, InvalidArgumentError } from '@infogeom/linalg';
import { curveBasis } from '../curves/curve-basis.js';
import type { LatentMetric } from '../decoders/decoder.js';
import { completeMetric } from '../metrics/complete-metric.js';

/**
 * Constant-speed reparameterisation: the cubic spline through `nodes` ((N+1)×d) resampled at `points`
 * parameters equally spaced in Riemannian arc length (arc length by 5-point Gauss–Legendre per interval on
 * a 16× refined grid, inverted by linear interpolation within each fine interval).
 */
export function constantSpeed(metric: LatentMetric, nodes: ArrayLike<number>, points?: number): Float64Array {
  const m = completeMetric(metric);
  const d = m.dimension;
  if (nodes.length % d !== 0 || nodes.length < 2 * d)
    throw new DimensionMismatchError('nodes.length', nodes.length, `(N+1)×${d} with N ≥ 1`);
  const n = nodes.length / d;
  const P = points ?? n;
  if (!Number.isInteger(P) || P < 2) throw new InvalidArgumentError('points', P, 'an integer ≥ 2');
  const Y = Float64Array.from(nodes);
  const basis = curveBasis('spline', n - 1);
  // Cumulative arc length on a fine grid of K intervals.
  const K = 16 * (n - 1);
  const gl = [-0.906179845938664, -0.5384693101056831, 0, 0.5384693101056831, 0.906179845938664];
  const gw = [
    0.2369268850561891, 0.4786286704993665, 0.5688888888888889, 0.4786286704993665, 0.2369268850561891,
  ];
  const Z = new Float64Array(K * 5 * d);
  const V = new Float64Array(K * 5 * d);
  for (let k = 0; k < K; k++)
    for (let q = 0; q < 5; q++) {
      const t = (k + 0.5 + 0.5 * gl[q]!) / K;
      const { value, derivative } = basis.at(t);
      for (let i = 0; i < n; i++)
        for (let c = 0; c < d; c++) {
          Z[(k * 5 + q) * d + c]! += value[i]! * Y[i * d + c]!;
          V[(k * 5 + q) * d + c]! += derivative[i]! * Y[i * d + c]!;
        }
    }
  const dens = m.energyDensity(Z, V, K * 5);
  const cum = new Float64Array(K + 1);
  for (let k = 0; k < K; k++) {
    let s = 0;
    for (let q = 0; q < 5; q++) s += (gw[q]! / (2 * K)) * Math.sqrt(Math.max(dens.quad[k * 5 + q]!, 0));
    cum[k + 1] = cum[k]! + s;
  }
  const total = cum[K]!;
  const out = new Float64Array(P * d);
  let k = 0;
  for (let p = 0; p < P; p++) {
    const s = (total * p) / (P - 1);
    while (k < K - 1 && cum[k + 1]! < s) k++;
    const f = cum[k + 1]! > cum[k]! ? Math.min(1, Math.max(0, (s - cum[k]!) / (cum[k + 1]! - cum[k]!))) : 0;
    const t = (k + f) / K;
    const { value } = basis.at(t);
    for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) out[p * d + c]! += value[i]! * Y[i * d + c]!;
  }
  out.set(Y.subarray(0, d), 0);
  out.set(Y.subarray((n - 1) * d), (P - 1) * d);
  return out;
}
