import { assertAtLeast } from '../core/assert.js';
import type { Rng } from './rng.js';

/**
 * One draw from Gamma(shape, rate): density ∝ x^(shape−1) e^(−rate·x), mean shape/rate,
 * variance shape/rate². This is the **rate** parameterisation (stdlib's and Wikipedia's β);
 * for a scale θ pass `rate = 1/θ`. Backed by stdlib's Marsaglia–Tsang sampler.
 * @param rng - the generator to draw from
 * @param shape - shape k (finite, > 0)
 * @param rate - rate β (finite, > 0; default 1)
 * @throws InvalidArgumentError when `shape` or `rate` is not a finite positive number
 */
export function sampleGamma(rng: Rng, shape: number, rate = 1): number {
  assertAtLeast('shape', shape, 0, true);
  assertAtLeast('rate', rate, 0, true);
  return rng.standardGamma(shape) / rate;
}
