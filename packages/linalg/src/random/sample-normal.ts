import { assertAtLeast, assertFiniteNumber } from '../core/assert.js';
import type { Rng } from './rng.js';

/**
 * One draw from Normal(mean, sd²) (stdlib's improved ziggurat through {@link Rng.normal}).
 * @param rng - the generator to draw from
 * @param mean - location (finite; default 0)
 * @param sd - standard deviation (finite, ≥ 0; default 1)
 * @throws InvalidArgumentError when `mean` is not finite or `sd` is negative or not finite
 */
export function sampleNormal(rng: Rng, mean = 0, sd = 1): number {
  assertFiniteNumber('mean', mean);
  assertAtLeast('sd', sd, 0);
  return mean + sd * rng.normal();
}
