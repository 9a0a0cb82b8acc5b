import { assertAtLeast } from '../core/assert.js';
import type { Rng } from './rng.js';

/**
 * One draw from Poisson(lambda), an integer ≥ 0 with mean and variance `lambda`. Backed by
 * stdlib's `random-base-poisson` (Knuth's product method for small λ, Hörmann's PTRS otherwise).
 * @param rng - the generator to draw from
 * @param lambda - rate (finite, ≥ 0; 0 always gives 0)
 * @throws InvalidArgumentError when `lambda` is negative or not finite
 */
export function samplePoisson(rng: Rng, lambda: number): number {
  assertAtLeast('lambda', lambda, 0);
  return lambda === 0 ? 0 : rng.poisson(lambda);
}
