import { assertAtLeast } from '../core/assert.js';
import type { Rng } from './rng.js';

/**
 * One draw from Beta(a, b) on [0, 1]: mean a/(a+b). Backed by stdlib's `random-base-beta`
 * (Jöhnk for small parameters, gamma ratio otherwise).
 * @param rng - the generator to draw from
 * @param a - first shape α (finite, > 0)
 * @param b - second shape β (finite, > 0)
 * @throws InvalidArgumentError when `a` or `b` is not a finite positive number
 */
export function sampleBeta(rng: Rng, a: number, b: number): number {
  assertAtLeast('a', a, 0, true);
  assertAtLeast('b', b, 0, true);
  return rng.beta(a, b);
}
