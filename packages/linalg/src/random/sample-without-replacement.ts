import { assertInteger } from '../core/assert.js';
import { InvalidArgumentError } from '../core/errors.js';
import type { Rng } from './rng.js';

/**
 * `k` distinct indices drawn uniformly from [0, n), in random order (a partial Fisher–Yates
 * shuffle on a sparse map: O(k) time and memory, whatever n is).
 * @param rng - the generator to draw from
 * @param n - population size (integer ≥ 0)
 * @param k - sample size (integer in [0, n])
 * @throws InvalidArgumentError when n or k is not an integer or k > n
 */
export function sampleWithoutReplacement(rng: Rng, n: number, k: number): Int32Array {
  assertInteger('n', n, 0, 2 ** 31 - 1);
  if (!Number.isInteger(k) || k < 0 || k > n) {
    throw new InvalidArgumentError('k', k, `an integer in [0, n = ${n}]`);
  }
  const out = new Int32Array(k);
  const swapped = new Map<number, number>();
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const vj = swapped.get(j) ?? j;
    const vi = swapped.get(i) ?? i;
    out[i] = vj;
    swapped.set(j, vi);
  }
  return out;
}
