import { InvalidArgumentError } from '../core/errors.js';
import type { Rng } from './rng.js';

/**
 * Checks a weight vector and returns its sum.
 * @internal
 */
export function checkWeights(probs: ArrayLike<number>, argument = 'probs'): number {
  const k = probs.length;
  if (k < 1) throw new InvalidArgumentError(`${argument}.length`, k, 'at least 1');
  let total = 0;
  for (let i = 0; i < k; i++) {
    const p = probs[i]!;
    if (!(p >= 0) || !Number.isFinite(p)) {
      throw new InvalidArgumentError(`${argument}[${i}]`, p, 'a finite number ≥ 0');
    }
    total += p;
  }
  if (!(total > 0) || !Number.isFinite(total)) {
    throw new InvalidArgumentError(argument, total, 'weights with a finite positive sum');
  }
  return total;
}

/**
 * One index i drawn with probability probs[i] / Σ probs (weights need not be normalised).
 * O(k) per draw; for many draws from the same weights use {@link AliasTable}.
 * @param rng - the generator to draw from
 * @param probs - non-negative finite weights with a positive sum
 * @throws InvalidArgumentError for a negative or non-finite weight, or an all-zero vector
 */
export function sampleCategorical(rng: Rng, probs: ArrayLike<number>): number {
  const total = checkWeights(probs);
  const target = rng.uniform() * total;
  let acc = 0;
  let last = 0;
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i]!;
    if (p === 0) continue;
    acc += p;
    last = i;
    if (target < acc) return i;
  }
  return last; // rounding: target landed on the total
}
