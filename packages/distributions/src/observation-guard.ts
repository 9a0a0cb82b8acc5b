import { DimensionMismatchError, InvalidArgumentError, NonFiniteError } from '@infogeom/linalg';
import type { Observation, Support } from './support.js';

/**
 * `false` when `x` lies outside `support` (a non-integer or out-of-range value on a discrete support, a
 * value beyond the ends of an interval), so logProb is −∞ without consulting the family; `true` otherwise.
 * NaN entries throw a {@link NonFiniteError}, a vector of the wrong length a {@link DimensionMismatchError}.
 * `index` names the observation `xs[index]` in errors (default `x`); the name is built only on error.
 */
export function inSupport(support: Support, x: Observation, index?: number): boolean {
  if (typeof x === 'number') {
    if (Number.isNaN(x)) throw new NonFiniteError(name(index), x, 'an observation (not NaN)');
    switch (support.kind) {
      case 'discrete':
        return Number.isInteger(x) && x >= support.lower && x <= support.upper;
      case 'continuous':
        // A density vanishes at ±∞, so an infinite observation has log-density −∞.
        return x >= support.lower && x <= support.upper && Number.isFinite(x);
      case 'circle':
        return Number.isFinite(x);
      case 'vector':
        throw new InvalidArgumentError(name(index), x, `a Float64Array of length ${support.dimension}`);
    }
  }
  const argument = name(index);
  if (!(x instanceof Float64Array)) throw new InvalidArgumentError(argument, x, 'a number or a Float64Array');
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]!)) throw new NonFiniteError(`${argument}[${i}]`, x[i], 'an observation (not NaN)');
  }
  if (support.kind !== 'vector') throw new InvalidArgumentError(argument, x, 'a number');
  if (x.length !== support.dimension)
    throw new DimensionMismatchError(`${argument}.length`, x.length, `${support.dimension}`);
  return true;
}

function name(index: number | undefined): string {
  return index === undefined ? 'x' : `xs[${index}]`;
}
