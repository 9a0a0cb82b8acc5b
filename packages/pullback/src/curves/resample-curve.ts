import { DimensionMismatchError, InvalidArgumentError } from '@infogeom/linalg';
import { curveBasis } from './curve-basis.js';

/**
 * The nodes of a curve at `nodes` equally spaced parameters t = i/(nodes − 1): the curve through the
 * given nodes (a not-a-knot cubic spline or a polyline, as the geodesic solvers interpolate them) sampled
 * anew — e.g. to prolong a coarse geodesic to a finer grid.
 * @param points - (N+1)×d row-major nodes, N ≥ 1
 * @param d - dimension
 * @param nodes - number of output nodes (≥ 2)
 * @param kind - interpolation between the input nodes (default `'spline'`)
 */
export function resampleCurve(
  points: ArrayLike<number>,
  d: number,
  nodes: number,
  kind: 'spline' | 'polyline' = 'spline',
): Float64Array {
  if (!Number.isInteger(nodes) || nodes < 2) throw new InvalidArgumentError('nodes', nodes, 'an integer ≥ 2');
  const n = points.length / d;
  if (!Number.isInteger(n) || n < 2)
    throw new DimensionMismatchError('points.length', points.length, `a multiple of ${d}, ≥ ${2 * d}`);
  const basis = curveBasis(kind, n - 1, 1);
  const out = new Float64Array(nodes * d);
  for (let i = 0; i < nodes; i++) {
    const { value } = basis.at(i / (nodes - 1));
    for (let j = 0; j < n; j++) {
      const b = value[j]!;
      if (b === 0) continue;
      for (let k = 0; k < d; k++) out[i * d + k]! += b * points[j * d + k]!;
    }
  }
  for (let k = 0; k < d; k++) {
    out[k] = points[k]!;
    out[(nodes - 1) * d + k] = points[(n - 1) * d + k]!;
  }
  return out;
}
