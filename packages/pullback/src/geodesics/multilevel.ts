import type { CurveHessianOptions } from '../curves/curve-hessian.js';
import { resampleCurve } from '../curves/resample-curve.js';
import type { LatentMetric } from '../decoders/decoder.js';
import { metricRoundoff } from '../metrics/metric-roundoff.js';
import type { GeodesicOptions } from './geodesic-types.js';

/**
 * How the solvers build their Newton preconditioner: forward differences (d + 1 stacked copies of the
 * curve instead of 2d, error ~1e-4 relative — L-BFGS corrects the model). Internal.
 */
export const NEWTON_HESSIAN: CurveHessianOptions = { differences: 'forward' };

/**
 * Node counts of the coarse levels below `nodes` (coarsest first): intervals halved while at least 12
 * remain, e.g. 32 → [9, 16], 24 → [12], 12 → []. Internal.
 */
export function coarseLevels(nodes: number): number[] {
  const out: number[] = [];
  let N = nodes - 1;
  while (N >= 12) {
    N = Math.floor(N / 2);
    out.unshift(N + 1);
  }
  return out;
}

/** Tolerance of a coarse level: the fine tolerance, loosened to 1e-3 (the discretisation differs anyway). */
const COARSE_TOL = 1e-3;

/** Options of one coarse level (no shooting, iteration offset in progress reports). Internal. */
export function levelOptions(
  options: GeodesicOptions,
  d: number,
  nodes: number,
  init: Float64Array | undefined,
  offset: number,
): GeodesicOptions {
  const { onProgress, ...rest } = options;
  return {
    ...rest,
    nodes,
    tol: Math.max(options.tol ?? 1e-6, COARSE_TOL),
    refine: false,
    ...(init !== undefined ? { init: prolong(init, d, nodes, options) } : {}),
    ...(onProgress !== undefined
      ? { onProgress: (p) => onProgress({ ...p, iteration: p.iteration + offset }) }
      : {}),
  };
}

/** A coarse solution resampled at `nodes` nodes (the curve kind of `options`). Internal. */
export function prolong(
  points: Float64Array,
  d: number,
  nodes: number,
  options: GeodesicOptions,
): Float64Array {
  const n = points.length / d;
  return resampleCurve(points, d, nodes, n < 4 ? 'polyline' : (options.curve ?? 'spline'));
}

/** The options `method: 'polyline'` reads. Internal. */
export function polylineOptions(
  options: Omit<GeodesicOptions, 'init' | 'onProgress'>,
): Pick<GeodesicOptions, 'nodes' | 'tol' | 'maxIterations' | 'signal'> {
  const { nodes, tol, maxIterations, signal } = options;
  return {
    ...(nodes !== undefined ? { nodes } : {}),
    ...(tol !== undefined ? { tol } : {}),
    ...(maxIterations !== undefined ? { maxIterations } : {}),
    ...(signal !== undefined ? { signal } : {}),
  };
}

/**
 * Whether the shooting polish runs: `options.refine`, by default only for metrics computed in float64
 * (roundoff ≤ 1e-12; a float32 metric's Christoffel noise stalls the polish's rtol-1e-10 steps). Internal.
 */
export function polishes(metric: LatentMetric, options: GeodesicOptions): boolean {
  return options.refine ?? metricRoundoff(metric) <= 1e-12;
}
