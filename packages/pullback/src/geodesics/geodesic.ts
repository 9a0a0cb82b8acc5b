import type { LatentMetric } from '../decoders/decoder.js';
import { EnergyGeodesicSolver } from './energy-geodesic.js';
import type { GeodesicOptions, GeodesicResult } from './geodesic-types.js';
import { shootingGeodesic } from './shooting.js';

/**
 * The geodesic from z₀ to z₁: energy minimisation on a cubic spline (exact gradient with ∂G/∂z, from the
 * straight line or `options.init`, e.g. a kNN-graph path), then, unless `refine: false`, Newton shooting on
 * the geodesic equation from the spline's initial velocity. The shooting result is kept when it converges
 * to a curve no longer than the spline (same basin); otherwise the energy result is returned with its own
 * convergence flag — never a silent straight line.
 */
export function geodesic(
  metric: LatentMetric,
  z0: ArrayLike<number>,
  z1: ArrayLike<number>,
  options: GeodesicOptions = {},
): GeodesicResult {
  const solver = new EnergyGeodesicSolver(metric, Float64Array.from(z0), Float64Array.from(z1), options);
  const res = solver.run();
  return refineGeodesic(metric, z0, z1, res, options);
}

/** The shooting polish of {@link geodesic} applied to an energy result. */
export function refineGeodesic(
  metric: LatentMetric,
  z0: ArrayLike<number>,
  z1: ArrayLike<number>,
  res: GeodesicResult,
  options: GeodesicOptions = {},
): GeodesicResult {
  if (options.refine === false || !Number.isFinite(res.length) || res.length === 0) return res;
  const shot = shootingGeodesic(metric, z0, z1, res.initialVelocity, {
    nodes: options.nodes ?? 32,
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
  });
  if (shot.converged && shot.length <= res.length * (1 + 1e-4))
    return { ...shot, iterations: res.iterations + shot.iterations };
  return res;
}
