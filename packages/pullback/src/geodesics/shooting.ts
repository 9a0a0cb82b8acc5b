import type { LatentMetric } from '../decoders/decoder.js';
import type { GeodesicResult } from './geodesic-types.js';
import { shootingGeodesics } from './shooting-geodesics.js';

/** Options of {@link shootingGeodesic}. */
export interface ShootingOptions {
  /** Number of output nodes N+1 (default 32). */
  nodes?: number;
  /** Tolerance on the endpoint miss relative to ‖z₁ − z₀‖ (default 1e-10). */
  tol?: number;
  /** Newton iterations cap (default 30). */
  maxIterations?: number;
  /** Cancels the solve. */
  signal?: AbortSignal;
}

/**
 * Boundary-value solver for the geodesic equation by (single) shooting: Newton on the initial velocity v
 * so that exp_{z₀}(v) = z₁, with the Jacobian ∂exp/∂v by forward differences and a backtracking step.
 * Each Newton trial is ONE adaptive Dormand–Prince integration of the geodesic from v together with its d
 * perturbations v + h eₖ on the same steps (each stage one batched Christoffel contraction of d+1 points,
 * see {@link shootingGeodesics}, which polishes many pairs at once). Needs a start `v0` in the right basin
 * (e.g. from energy minimisation). The length is ‖v‖_G exactly; the nodes are the geodesic sampled at
 * equal times during the last integration.
 */
export function shootingGeodesic(
  metric: LatentMetric,
  z0: ArrayLike<number>,
  z1: ArrayLike<number>,
  v0: ArrayLike<number>,
  options: ShootingOptions = {},
): GeodesicResult {
  return shootingGeodesics(metric, [{ z0, z1, v0 }], options)[0]!;
}
