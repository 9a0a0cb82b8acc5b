import { InvalidArgumentError } from '@infogeom/linalg';
import type { LatentMetric } from '../decoders/decoder.js';
import { constantSpeed } from './constant-speed.js';
import { geodesic } from './geodesic.js';
import type { GeodesicOptions, GeodesicResult } from './geodesic-types.js';

/** Result of {@link interpolate}. */
export interface Interpolation {
  /** `points` latent codes along the geodesic, equally spaced in Riemannian arc length, points×d. */
  latent: Float64Array;
  /** The decoded parameters θ at those codes (points×D), when the metric has a decoder. */
  decoded?: Float64Array;
  /** The geodesic solve behind it (length, energy, convergence). */
  geodesic: GeodesicResult;
}

/**
 * Interpolation "on the manifold": `points` codes along the geodesic from z₀ to z₁ at constant speed, and
 * their decodings (for a pullback metric).
 */
export function interpolate(
  metric: LatentMetric,
  z0: ArrayLike<number>,
  z1: ArrayLike<number>,
  points = 10,
  options: GeodesicOptions = {},
): Interpolation {
  if (!Number.isInteger(points) || points < 2)
    throw new InvalidArgumentError('points', points, 'an integer ≥ 2');
  const g = geodesic(metric, z0, z1, options);
  const latent = constantSpeed(metric, g.points, points);
  const dec = metric.decoder;
  if (dec === undefined) return { latent, geodesic: g };
  const d = metric.dimension;
  const D = dec.outputDimension;
  const decoded = dec.decodeBatch?.(latent, points) ?? new Float64Array(points * D);
  if (dec.decodeBatch === undefined)
    for (let p = 0; p < points; p++) decoded.set(dec.decode(latent.slice(p * d, (p + 1) * d)), p * D);
  return { latent, decoded, geodesic: g };
}
