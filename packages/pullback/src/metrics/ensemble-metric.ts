import { DimensionMismatchError, InvalidArgumentError } from '@infogeom/linalg';
import type { LatentMetric } from '../decoders/decoder.js';
import { completeMetric } from './complete-metric.js';
import { metricRoundoff } from './metric-roundoff.js';

/**
 * The mean metric (1/M) Σ Gₘ(z) of several latent metrics, e.g. E[JᵀJ] over an ensemble of decoders
 * (`ensembleMetric(decoders.map((d) => pullbackMetric(d)))`), with its exact derivative and energy density.
 */
export function ensembleMetric(metrics: readonly LatentMetric[]): LatentMetric {
  if (metrics.length === 0) throw new InvalidArgumentError('metrics.length', 0, 'at least one metric');
  const ms = metrics.map(completeMetric);
  const d = ms[0]!.dimension;
  for (const [i, m] of ms.entries())
    if (m.dimension !== d) throw new DimensionMismatchError(`metrics[${i}].dimension`, m.dimension, `${d}`);
  const M = ms.length;
  const mean = (xs: Float64Array[]): Float64Array => {
    const out = new Float64Array(xs[0]!.length);
    for (const x of xs) for (let i = 0; i < out.length; i++) out[i]! += x[i]! / M;
    return out;
  };
  return {
    dimension: d,
    roundoff: Math.max(...metrics.map(metricRoundoff)),
    metric: (z) => mean(ms.map((m) => m.metric(z))),
    metricDerivative: (z) => mean(ms.map((m) => m.metricDerivative(z))),
    metricBatch: (Z, n) => mean(ms.map((m) => m.metricBatch(Z, n))),
    energyDensity: (Z, V, n) => {
      const ds = ms.map((m) => m.energyDensity(Z, V, n));
      return {
        quad: mean(ds.map((x) => x.quad)),
        metricTimesVelocity: mean(ds.map((x) => x.metricTimesVelocity)),
        positionGradient: mean(ds.map((x) => x.positionGradient)),
      };
    },
    contains: (z) => ms.every((m) => m.contains(z)),
  };
}
