import { DimensionMismatchError, InvalidArgumentError, SingularMatrixError } from '@infogeom/linalg';
import type { EnergyDensity, LatentMetric } from '../decoders/decoder.js';
import { type CompleteMetric, completeMetric } from './complete-metric.js';
import { metricRoundoff } from './metric-roundoff.js';
import { spdSolveDamped } from './spd-solve-damped.js';

/** In-place a += b. */
const addInto = (a: Float64Array, b: Float64Array): Float64Array => {
  for (let i = 0; i < a.length; i++) a[i]! += b[i]!;
  return a;
};

/**
 * The sum G(z) = Σᵢ Gᵢ(z) of metrics on one latent space — e.g. the expected metric J_μᵀJ_μ + J_σᵀJ_σ of a
 * Gaussian decoder N(μ(z), σ(z)²I) from a mean metric and `rbfVarianceMetric`. Everything linear in G adds:
 * ∂G/∂z, the batched metric and the energy density (vᵀGv, Gv and ∇_z vᵀGv) are the sums of the parts'
 * (a part lacking one is filled in by `completeMetric`; when no part has it the sum leaves it out, for
 * `completeMetric` to fill in once for the sum). The Christoffel contraction is not additive, but the
 * geodesic force Gᵢ Γᵢ(v, v) = ∂Gᵢ[v]v − ½∇vᵀGᵢv is: when every part has a batched contraction, the sum's
 * is Γ(v, v) = (Σ Gᵢ)⁻¹ Σ Gᵢ Γᵢ(v, v) from the parts' batched metrics and contractions (what the shooting
 * polish integrates); otherwise, or where a part's own solve fails (a collapsed part), `completeMetric`'s
 * formula on the summed ∂G. The domain is the intersection of the parts' domains.
 * @param metrics - one or more metrics of the same dimension
 * @returns their sum (no `decoder`)
 * @throws DimensionMismatchError when the dimensions differ; InvalidArgumentError without any metric
 * @example
 * ```ts
 * import { customMetric, geodesic, sumMetrics } from '@infogeom/pullback';
 *
 * // G = I + diag(1, 3) = diag(2, 4): straight geodesics, length ‖diag(√2, 2)(b − a)‖.
 * const flat = customMetric({ dimension: 2, metric: () => [1, 0, 0, 1] });
 * const stretched = customMetric({ dimension: 2, metric: () => [1, 0, 0, 3] });
 * const sum = sumMetrics(flat, stretched);
 * console.log(Array.from(sum.metric(Float64Array.of(0.5, 0.5))).join(' '));
 * console.log(geodesic(sum, [0, 0], [1, 1]).length.toFixed(6), Math.sqrt(2 + 4).toFixed(6));
 * ```
 *
 * ```txt [output]
 * 2 0 0 4
 * 2.449490 2.449490
 * ```
 */
export function sumMetrics(...metrics: LatentMetric[]): LatentMetric {
  const first = metrics[0];
  if (first === undefined) throw new InvalidArgumentError('metrics', 0, 'at least one metric');
  const d = first.dimension;
  metrics.forEach((m, i) => {
    if (m.dimension !== d) throw new DimensionMismatchError(`metrics[${i}].dimension`, m.dimension, `${d}`);
  });
  let completed: CompleteMetric[] | undefined;
  const complete = (): CompleteMetric[] => {
    completed ??= metrics.map((m) => completeMetric(m));
    return completed;
  };
  const some = (key: 'metricDerivative' | 'metricBatch' | 'energyDensity' | 'contains'): boolean =>
    metrics.some((m) => m[key] !== undefined);
  const sum = <A extends unknown[]>(f: (m: CompleteMetric, ...args: A) => Float64Array) => {
    return (...args: A): Float64Array => {
      const parts = complete();
      const out = f(parts[0]!, ...args).slice();
      for (let i = 1; i < parts.length; i++) addInto(out, f(parts[i]!, ...args));
      return out;
    };
  };
  const energyDensity = (Z: Float64Array, V: Float64Array, n: number): EnergyDensity => {
    const [head, ...rest] = complete();
    const e = head!.energyDensity(Z, V, n);
    const out: EnergyDensity = {
      quad: e.quad.slice(),
      metricTimesVelocity: e.metricTimesVelocity.slice(),
      positionGradient: e.positionGradient.slice(),
    };
    for (const m of rest) {
      const f = m.energyDensity(Z, V, n);
      addInto(out.quad, f.quad);
      addInto(out.metricTimesVelocity, f.metricTimesVelocity);
      addInto(out.positionGradient, f.positionGradient);
    }
    return out;
  };
  const metric = (z: Float64Array): Float64Array => {
    const out = metrics[0]!.metric(z).slice();
    for (let i = 1; i < metrics.length; i++) addInto(out, metrics[i]!.metric(z));
    return out;
  };
  const base: LatentMetric = {
    dimension: d,
    roundoff: Math.max(...metrics.map(metricRoundoff)),
    metric,
    ...(some('metricDerivative')
      ? { metricDerivative: sum((m, z: Float64Array) => m.metricDerivative(z)) }
      : {}),
    ...(some('metricBatch')
      ? { metricBatch: sum((m, Z: Float64Array, n: number) => m.metricBatch(Z, n)) }
      : {}),
    ...(some('energyDensity') ? { energyDensity } : {}),
    ...(some('contains')
      ? { contains: (z: Float64Array) => metrics.every((m) => m.contains === undefined || m.contains(z)) }
      : {}),
  };
  if (!metrics.every((m) => m.christoffelContractionBatch !== undefined)) return base;
  let perPoint: CompleteMetric | undefined;
  const christoffelContractionBatch = (Z: Float64Array, V: Float64Array, n: number): Float64Array => {
    const d2 = d * d;
    const G = new Float64Array(n * d2);
    const F = new Float64Array(n * d);
    try {
      for (const m of complete()) {
        const Gi = m.metricBatch(Z, n);
        const Ci = m.christoffelContractionBatch(Z, V, n);
        for (let p = 0; p < n; p++)
          for (let i = 0; i < d; i++) {
            let s = 0;
            for (let j = 0; j < d; j++) s += Gi[p * d2 + i * d + j]! * Ci[p * d + j]!;
            F[p * d + i]! += s;
          }
        addInto(G, Gi);
      }
    } catch (e) {
      if (!(e instanceof SingularMatrixError)) throw e;
      perPoint ??= completeMetric(base);
      return perPoint.christoffelContractionBatch(Z, V, n);
    }
    const out = new Float64Array(n * d);
    for (let p = 0; p < n; p++)
      spdSolveDamped(
        G.subarray(p * d2, (p + 1) * d2),
        F.subarray(p * d, (p + 1) * d),
        d,
        out.subarray(p * d, (p + 1) * d),
      );
    return out;
  };
  return {
    ...base,
    christoffelContraction: (z: Float64Array, v: Float64Array) => christoffelContractionBatch(z, v, 1),
    christoffelContractionBatch,
  };
}
