import type { LatentMetric } from '../decoders/decoder.js';
import { geodesic } from './geodesic.js';
import type { GeodesicOptions } from './geodesic-types.js';

/** Result of {@link logarithmMap}. */
export interface LogarithmMapResult {
  /** log_z(w): the initial velocity of the geodesic from z reaching w at t = 1. */
  velocity: Float64Array;
  /** ‖log_z(w)‖_G = the geodesic distance. */
  length: number;
  /** ½‖log_z(w)‖²_G. */
  energy: number;
  /** Whether the solve met its tolerance. */
  converged: boolean;
  /** Iterations (energy minimisation + shooting). */
  iterations: number;
  /** Residual of the final solver (see `GeodesicResult.residual`). */
  residual: number;
}

/**
 * The logarithm map log_z(w) by {@link geodesic} (energy minimisation, then shooting on the geodesic
 * equation so that exp_z(log_z(w)) = w to ~1e-10).
 */
export function logarithmMap(
  metric: LatentMetric,
  z: ArrayLike<number>,
  w: ArrayLike<number>,
  options: GeodesicOptions = {},
): LogarithmMapResult {
  const r = geodesic(metric, z, w, options);
  return {
    velocity: r.initialVelocity,
    length: r.length,
    energy: r.energy,
    converged: r.converged,
    iterations: r.iterations,
    residual: r.residual,
  };
}
