import { InvalidArgumentError } from '../core/errors.js';
import type { Rng } from './rng.js';

/**
 * One draw from Uniform[low, high).
 * @param rng - the generator to draw from
 * @param low - lower end (finite; default 0)
 * @param high - upper end (finite, ≥ low; default 1)
 * @throws InvalidArgumentError when an end is not finite or `high < low`
 */
export function sampleUniform(rng: Rng, low = 0, high = 1): number {
  if (!Number.isFinite(low)) throw new InvalidArgumentError('low', low, 'a finite number');
  if (!Number.isFinite(high) || high < low) {
    throw new InvalidArgumentError('high', high, `a finite number ≥ low = ${low}`);
  }
  return low + (high - low) * rng.uniform();
}
