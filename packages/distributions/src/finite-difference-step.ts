import type { DenseMatrix } from '@infogeom/linalg';
import { eigh } from '@infogeom/linalg';
import type { Params } from './parameter.js';
import type { ParameterSpace } from './parameter-space.js';

/**
 * The first step for finite differences in the family's coordinates θ at `params`, relative to
 * max(|θᵢ|, 1) as `@infogeom/linalg`'s numerical derivatives take it: 0.1, shrunk so that no coordinate
 * moves more than a quarter of its distance to the boundary of the parameter space (σ near 0, p near
 * 0 or 1, an SPD matrix near singular). Richardson extrapolation then refines from there.
 */
export function finiteDifferenceStep<P extends Params>(space: ParameterSpace<P>, params: P): number {
  const theta = space.toCoordinates(params);
  const specs = space.coordinateSpecs(params);
  let step = 0.1;
  const limit = (distance: number, value: number) => {
    if (distance > 0 && Number.isFinite(distance))
      step = Math.min(step, (0.25 * distance) / Math.max(Math.abs(value), 1));
  };
  specs.forEach((s, i) => {
    const v = theta[i]!;
    const c = s.constraint;
    switch (c.kind) {
      case 'positive':
        limit(v, v);
        break;
      case 'greaterThan':
        limit(v - c.lower, v);
        break;
      case 'unitInterval':
        limit(Math.min(v, 1 - v), v);
        break;
      case 'interval':
        limit(Math.min(v - c.lower, c.upper - v), v);
        break;
      case 'simplex': {
        const p = params[s.name] as Float64Array;
        limit(Math.min(v, p[p.length - 1]!) / (p.length - 1), v);
        break;
      }
      default:
        break;
    }
  });
  for (const s of space.specs) {
    if (s.fixed !== true && s.constraint.kind === 'spd') {
      const m = params[s.name] as DenseMatrix;
      const lmin = eigh(m, { vectors: false }).values[0]!;
      let big = 1;
      for (const x of m.data) big = Math.max(big, Math.abs(x));
      limit(lmin / m.rows, big);
    }
  }
  return step;
}
