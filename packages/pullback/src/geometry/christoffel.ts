import { christoffelFromMetric } from '@infogeom/fisher';
import { DenseMatrix, DimensionMismatchError } from '@infogeom/linalg';
import type { LatentMetric } from '../decoders/decoder.js';
import { completeMetric } from '../metrics/complete-metric.js';

/**
 * Christoffel symbols of the second kind Γᵏᵢⱼ(z) = ½ gᵏˡ(∂ᵢg_lj + ∂ⱼg_li − ∂ₗg_ij), flattened as
 * `k·d² + i·d + j`, from the metric and its derivative (exact for pullback metrics with analytic second
 * derivatives).
 */
export function christoffel(metric: LatentMetric, z: ArrayLike<number>): Float64Array {
  const m = completeMetric(metric);
  const d = m.dimension;
  if (z.length !== d) throw new DimensionMismatchError('z.length', z.length, `${d}`);
  const x = Float64Array.from(z);
  return christoffelFromMetric(new DenseMatrix(d, d, m.metric(x)), m.metricDerivative(x));
}
