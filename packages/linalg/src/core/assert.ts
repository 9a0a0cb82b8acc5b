import { DimensionMismatchError, InvalidArgumentError, NonFiniteError } from './errors.js';

/** Throws {@link NonFiniteError} unless every entry of `values` is finite. */
export function assertFiniteArray(argument: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      throw new NonFiniteError(`${argument}[${i}]`, v, 'a finite number');
    }
  }
}

/** Throws {@link InvalidArgumentError} unless `value` is a finite number. */
export function assertFiniteNumber(argument: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidArgumentError(argument, value, 'a finite number');
  }
}

/** Throws {@link InvalidArgumentError} unless `value` is an integer in [min, max]. */
export function assertInteger(argument: string, value: number, min = 0, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer in [${min}, ${max}]`;
    throw new InvalidArgumentError(argument, value, range);
  }
}

/** Throws {@link InvalidArgumentError} unless `value` is a finite number ≥ min (or > min when `strict`). */
export function assertAtLeast(argument: string, value: number, min: number, strict = false): void {
  if (!Number.isFinite(value) || (strict ? value <= min : value < min)) {
    throw new InvalidArgumentError(argument, value, `a finite number ${strict ? '>' : '≥'} ${min}`);
  }
}

/** Throws {@link DimensionMismatchError} unless `length === expected`. */
export function assertLength(argument: string, length: number, expected: number): void {
  if (length !== expected) {
    throw new DimensionMismatchError(`${argument}.length`, length, `${expected}`);
  }
}
