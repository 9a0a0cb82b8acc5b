import type { Rng } from './rng.js';

/** A mutable indexable sequence: a plain array or any typed array. */
export interface MutableIndexable<T> {
  /** Number of elements. */
  readonly length: number;
  /** Element i. */
  [index: number]: T;
}

/**
 * Shuffles `array` in place (Fisher–Yates with unbiased integer draws) and returns it.
 * @param rng - the generator to draw from
 * @param array - a plain or typed array, permuted in place
 */
export function shuffle<T, A extends MutableIndexable<T>>(rng: Rng, array: A): A {
  for (let i = array.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = array[i]!;
    array[i] = array[j]!;
    array[j] = t;
  }
  return array;
}
