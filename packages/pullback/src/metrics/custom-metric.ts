import { assertInteger } from '@infogeom/linalg';
import type { LatentMetric } from '../decoders/decoder.js';

/** Specification of a metric-only latent manifold (see {@link customMetric}). */
export interface CustomMetricSpec {
  /** Dimension d. */
  dimension: number;
  /** G(z), row-major d×d. */
  metric: (z: Float64Array) => ArrayLike<number>;
  /** ∂G/∂z as `k·d² + i·d + j` (default: central differences with Richardson extrapolation). */
  metricDerivative?: (z: Float64Array) => ArrayLike<number>;
  /** The domain (default everywhere). */
  contains?: (z: Float64Array) => boolean;
}

/**
 * A metric-only latent manifold from a user-supplied G(z) (e.g. the Poincaré half-plane G = I/y²): no
 * decoder, the same geodesic, exponential-map and curvature machinery.
 */
export function customMetric(spec: CustomMetricSpec): LatentMetric {
  assertInteger('dimension', spec.dimension, 1);
  const dG = spec.metricDerivative;
  return {
    dimension: spec.dimension,
    metric: (z) => Float64Array.from(spec.metric(z)),
    ...(dG !== undefined ? { metricDerivative: (z: Float64Array) => Float64Array.from(dG(z)) } : {}),
    ...(spec.contains !== undefined ? { contains: spec.contains } : {}),
  };
}
