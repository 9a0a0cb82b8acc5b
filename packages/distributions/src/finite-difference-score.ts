import { gradient } from '@infogeom/linalg';
import { finiteDifferenceStep } from './finite-difference-step.js';
import type { Params } from './parameter.js';
import type { ParameterSpace } from './parameter-space.js';
import type { Observation } from './support.js';

/**
 * The score ∇_θ log p(x | θ) by Richardson-extrapolated central differences in the family's
 * coordinates — the fallback for families without a closed-form score.
 */
export function finiteDifferenceScore<P extends Params, X extends Observation>(
  space: ParameterSpace<P>,
  logProb: (params: P, x: X) => number,
  params: P,
  x: X,
): Float64Array {
  const theta = space.toCoordinates(params);
  return gradient((t: Float64Array) => logProb(space.fromCoordinates(t, params), x), theta, {
    step: finiteDifferenceStep(space, params),
  });
}
