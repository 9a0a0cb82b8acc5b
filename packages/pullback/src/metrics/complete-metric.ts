import { jacobian as numericJacobian } from '@infogeom/linalg';
import type { EnergyDensity, LatentMetric } from '../decoders/decoder.js';
import { spdSolveDamped } from './spd-solve-damped.js';

/** A {@link LatentMetric} with every optional method filled in. */
export type CompleteMetric = Required<Omit<LatentMetric, 'decoder' | 'roundoff'>> &
  Pick<LatentMetric, 'decoder' | 'roundoff'>;

/**
 * Fills in the optional methods of a {@link LatentMetric}: ∂G/∂z by Richardson-extrapolated central
 * differences, the batched metric, energy density and Christoffel contraction by loops,
 * Γ(v, v) = G⁻¹(∂G[v]v − ½∇(vᵀGv)).
 */
export function completeMetric(m: LatentMetric): CompleteMetric {
  if (
    m.metricDerivative !== undefined &&
    m.metricBatch !== undefined &&
    m.energyDensity !== undefined &&
    m.christoffelContraction !== undefined &&
    m.christoffelContractionBatch !== undefined &&
    m.contains !== undefined
  )
    return m as CompleteMetric;
  const d = m.dimension;
  const d2 = d * d;
  const metric = m.metric.bind(m);
  const contains = m.contains?.bind(m) ?? (() => true);
  const metricDerivative =
    m.metricDerivative?.bind(m) ??
    ((z: Float64Array): Float64Array => {
      const J = numericJacobian((x) => (contains(x) ? metric(x) : new Float64Array(d2).fill(Number.NaN)), z, {
        name: 'metric',
        step: 0.05,
      }).data;
      // J is d²×d: J[(i·d+j)·d + k] = ∂G_ij/∂z_k → out[k·d² + i·d + j].
      const out = new Float64Array(d2 * d);
      for (let ij = 0; ij < d2; ij++) for (let k = 0; k < d; k++) out[k * d2 + ij] = J[ij * d + k]!;
      return out;
    });
  const energyDensity =
    m.energyDensity?.bind(m) ??
    ((Z: Float64Array, V: Float64Array, n: number): EnergyDensity => {
      const quad = new Float64Array(n);
      const gv = new Float64Array(n * d);
      const pg = new Float64Array(n * d);
      for (let p = 0; p < n; p++) {
        const z = Z.subarray(p * d, (p + 1) * d);
        const v = V.subarray(p * d, (p + 1) * d);
        const G = metric(z);
        let q = 0;
        for (let i = 0; i < d; i++) {
          let s = 0;
          for (let j = 0; j < d; j++) s += G[i * d + j]! * v[j]!;
          gv[p * d + i] = s;
          q += s * v[i]!;
        }
        quad[p] = q;
        const dG = metricDerivative(z.slice());
        for (let k = 0; k < d; k++) {
          let s = 0;
          for (let i = 0; i < d; i++)
            for (let j = 0; j < d; j++) s += v[i]! * dG[k * d2 + i * d + j]! * v[j]!;
          pg[p * d + k] = s;
        }
      }
      return { quad, metricTimesVelocity: gv, positionGradient: pg };
    });
  const christoffelContraction =
    m.christoffelContraction?.bind(m) ??
    ((z: Float64Array, v: Float64Array): Float64Array => {
      const G = metric(z);
      const dG = metricDerivative(z);
      const r = new Float64Array(d);
      for (let i = 0; i < d; i++) {
        let s = 0;
        for (let k = 0; k < d; k++)
          for (let j = 0; j < d; j++)
            s += v[k]! * v[j]! * (dG[k * d2 + i * d + j]! - 0.5 * dG[i * d2 + k * d + j]!);
        r[i] = s;
      }
      const out = new Float64Array(d);
      spdSolveDamped(G, r, d, out);
      return out;
    });
  const christoffelContractionBatch =
    m.christoffelContractionBatch?.bind(m) ??
    ((Z: Float64Array, V: Float64Array, n: number): Float64Array => {
      const out = new Float64Array(n * d);
      for (let p = 0; p < n; p++)
        out.set(christoffelContraction(Z.slice(p * d, (p + 1) * d), V.slice(p * d, (p + 1) * d)), p * d);
      return out;
    });
  const metricBatch =
    m.metricBatch?.bind(m) ??
    ((Z: Float64Array, n: number): Float64Array => {
      const out = new Float64Array(n * d2);
      for (let p = 0; p < n; p++) out.set(metric(Z.slice(p * d, (p + 1) * d)), p * d2);
      return out;
    });
  return {
    dimension: d,
    metric,
    metricDerivative,
    metricBatch,
    energyDensity,
    christoffelContraction,
    christoffelContractionBatch,
    contains,
    ...(m.decoder !== undefined ? { decoder: m.decoder } : {}),
    ...(m.roundoff !== undefined ? { roundoff: m.roundoff } : {}),
  };
}
