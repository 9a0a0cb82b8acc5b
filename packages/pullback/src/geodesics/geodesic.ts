import type { LatentMetric } from '../decoders/decoder.js';
import { EnergyGeodesicSolver } from './energy-geodesic.js';
import type { GeodesicOptions, GeodesicResult } from './geodesic-types.js';
import { coarseLevels, levelOptions, polishes, polylineOptions, prolong } from './multilevel.js';
import { polylineGeodesic } from './polyline-geodesic.js';
import { shootingGeodesics } from './shooting-geodesics.js';

/**
 * The geodesic from z₀ to z₁: energy minimisation on a cubic spline (exact gradient with ∂G/∂z, L-BFGS with
 * Newton-Hessian restarts) from the straight line or `options.init`, coarse to fine by default (8 → 16 →
 * 32 nodes: the strongly nonlinear first iterations run on cheap coarse curves, each level starts from the
 * previous one), then — for metrics computed in float64, or with `refine: true` — Newton shooting on the
 * geodesic equation from the spline's initial velocity (`refine: false` skips it; a float32 metric, e.g.
 * a tfjs decoder, skips it by default: see {@link GeodesicOptions.refine}). The shooting result is kept when it converges to a curve no longer than the spline
 * (same basin); otherwise the energy result is returned with its own convergence flag — never a silent
 * straight line. Use {@link EnergyGeodesicSolver} for a steppable single-level solve.
 *
 * With `method: 'polyline'` it runs {@link polylineGeodesic} instead (the decoded polyline energy:
 * decoder values and one VJP per node, O(1/N²) length, no shooting polish).
 * @example
 * ```ts
 * import { geodesic, linearDecoder, pullbackMetric } from '@infogeom/pullback';
 *
 * // θ(z) = (z₁, z₂, z₁ + z₂): G = AᵀA is constant, geodesics are straight lines of length ‖A(b − a)‖.
 * const metric = pullbackMetric(linearDecoder([1, 0, 0, 1, 1, 1], 3, 2));
 * const spline = geodesic(metric, [0, 0], [1, 2]);
 * const polyline = geodesic(metric, [0, 0], [1, 2], { method: 'polyline', nodes: 16 });
 * console.log(spline.converged, spline.length.toFixed(6), Math.sqrt(14).toFixed(6));
 * console.log(polyline.converged, polyline.length.toFixed(6), polyline.points.length / 2);
 * ```
 *
 * ```txt [output]
 * true 3.741657 3.741657
 * true 3.741657 16
 * ```
 */
export function geodesic(
  metric: LatentMetric,
  z0: ArrayLike<number>,
  z1: ArrayLike<number>,
  options: GeodesicOptions = {},
): GeodesicResult {
  if (options.method === 'polyline')
    return polylineGeodesic(metric, z0, z1, {
      ...polylineOptions(options),
      ...(options.init !== undefined ? { init: options.init } : {}),
    });
  const a = Float64Array.from(z0);
  const b = Float64Array.from(z1);
  const nodes = options.nodes ?? 32;
  let init: Float64Array | undefined;
  let iterations = 0;
  if (options.init === undefined && options.multilevel !== false) {
    for (const nc of coarseLevels(nodes)) {
      const r = new EnergyGeodesicSolver(
        metric,
        a,
        b,
        levelOptions(options, a.length, nc, init, iterations),
      ).run();
      iterations += r.iterations;
      init = Number.isFinite(r.energy) ? r.points : undefined;
    }
  }
  const fine = init === undefined ? options : { ...options, init: prolong(init, a.length, nodes, options) };
  const res = new EnergyGeodesicSolver(metric, a, b, fine).run();
  return refineGeodesic(metric, z0, z1, { ...res, iterations: res.iterations + iterations }, options);
}

/** The shooting polish of {@link geodesic} applied to an energy result. */
export function refineGeodesic(
  metric: LatentMetric,
  z0: ArrayLike<number>,
  z1: ArrayLike<number>,
  res: GeodesicResult,
  options: GeodesicOptions = {},
): GeodesicResult {
  if (!polishes(metric, options) || !Number.isFinite(res.length) || res.length === 0) return res;
  const [shot] = shootingGeodesics(
    metric,
    [{ z0, z1, v0: res.initialVelocity, maxLength: res.length * (1 + 1e-2), polish: true }],
    {
      nodes: options.nodes ?? 32,
      ...(options.signal !== undefined ? { signal: options.signal } : {}),
    },
  );
  if (shot === undefined) return res;
  if (shot.converged && shot.length <= res.length * (1 + 1e-4))
    return { ...shot, iterations: res.iterations + shot.iterations };
  return res;
}
