import { assertLength } from '../core/assert.js';
import { InvalidArgumentError } from '../core/errors.js';
import type { Rng } from './rng.js';

/**
 * One draw from Dirichlet(alpha): normalised independent Gamma(αᵢ, 1) draws. Works in log space
 * (Gamma(α) = Gamma(α+1)·U^(1/α) for α < 1), so tiny concentrations never produce 0/0.
 * @param rng - the generator to draw from
 * @param alpha - concentrations (length ≥ 1, each finite and > 0)
 * @param out - optional output of length alpha.length
 * @returns a point of the simplex (entries ≥ 0 summing to 1)
 * @throws InvalidArgumentError when some αᵢ is not a finite positive number or alpha is empty
 */
export function sampleDirichlet(rng: Rng, alpha: ArrayLike<number>, out?: Float64Array): Float64Array {
  const k = alpha.length;
  if (k < 1) throw new InvalidArgumentError('alpha.length', k, 'at least 1');
  for (let i = 0; i < k; i++) {
    const a = alpha[i]!;
    if (!(a > 0) || !Number.isFinite(a)) {
      throw new InvalidArgumentError(`alpha[${i}]`, a, 'a finite number > 0');
    }
  }
  const x = out ?? new Float64Array(k);
  assertLength('out', x.length, k);
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < k; i++) {
    const a = alpha[i]!;
    const lg =
      a >= 1
        ? Math.log(rng.standardGamma(a))
        : Math.log(rng.standardGamma(a + 1)) + Math.log(1 - rng.uniform()) / a;
    x[i] = lg;
    if (lg > max) max = lg;
  }
  let sum = 0;
  for (let i = 0; i < k; i++) sum += x[i] = Math.exp(x[i]! - max);
  for (let i = 0; i < k; i++) x[i]! /= sum;
  return x;
}
