import { DimensionMismatchError, InvalidArgumentError } from '@infogeom/linalg';
import type { EnergyDensity, LatentMetric } from '../decoders/decoder.js';
import { type CompleteMetric, completeMetric } from './complete-metric.js';
import { metricRoundoff } from './metric-roundoff.js';

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
 * `completeMetric` to fill in once for the sum). The Christoffel contraction is not additive
 * (Γ = G⁻¹(∂G[v]v − ½∇vᵀGv)), so it is left to `completeMetric`'s formula on the summed ∂G. The domain
 * is the intersection of the parts' domains.
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
  return {
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
}
