/** Internal helpers shared by the iterative and sparse modules (not re-exported). */
import type { MatrixInput } from '../core/dense-matrix.js';
import { DimensionMismatchError, InvalidArgumentError } from '../core/errors.js';
import type { LinearOperator } from '../core/linear-operator.js';
import { createRng, type Rng } from '../random/rng.js';
import { denseOperator } from './operators.js';
import type { RandomizedOptions } from './randomized-svd.js';

/** Returns `out` when it has length `n`, a new zero vector otherwise (throws on a wrong-length `out`). */
export function outVector(n: number, out?: Float64Array): Float64Array {
  if (out === undefined) return new Float64Array(n);
  if (out.length !== n) throw new DimensionMismatchError('out.length', out.length, `${n}`);
  return out;
}

/** Throws {@link DimensionMismatchError} unless `x.length === n`. */
export function checkInput(x: Float64Array, n: number, argument = 'x'): void {
  if (x.length !== n) throw new DimensionMismatchError(`${argument}.length`, x.length, `${n}`);
}

/** `true` when `x` looks like a {@link LinearOperator} (has a shape pair and an mv method). */
export function isLinearOperator(x: unknown): x is LinearOperator {
  return (
    typeof x === 'object' &&
    x !== null &&
    Array.isArray((x as LinearOperator).shape) &&
    typeof (x as LinearOperator).mv === 'function'
  );
}

/** Accepts an operator or any dense matrix input and returns an operator. */
export function asOperator(A: LinearOperator | MatrixInput): LinearOperator {
  return isLinearOperator(A) ? A : denseOperator(A);
}

/** Throws unless the operator is square; returns its size. */
export function squareSize(A: LinearOperator, argument = 'A'): number {
  const [r, c] = A.shape;
  if (r !== c) throw new DimensionMismatchError(`${argument}.shape`, `${r}×${c}`, 'a square operator');
  return r;
}

/** The {@link Rng} from `rng`, else one seeded by `seed` (default 0). */
export function resolveRng(options: { seed?: number; rng?: Rng }): Rng {
  if (options.rng !== undefined) return options.rng;
  const seed = options.seed ?? 0;
  if (!Number.isFinite(seed)) throw new InvalidArgumentError('seed', seed, 'a finite number');
  return createRng(seed);
}

/** Validates an optional tolerance (finite, ≥ 0) and returns it or the default. */
export function tolerance(value: number | undefined, fallback: number, argument = 'tol'): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0)
    throw new InvalidArgumentError(argument, value, 'a finite number ≥ 0');
  return value;
}

/** Validates an optional positive integer option and returns it or the default. */
export function positiveInt(value: number | undefined, fallback: number, argument: string, min = 1): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min)
    throw new InvalidArgumentError(argument, value, `an integer ≥ ${min}`);
  return value;
}

/** Shared argument checks; returns [rank, sketch size l, power iterations]. */
export function randomizedSizes(options: RandomizedOptions, m: number, n: number): [number, number, number] {
  const maxRank = Math.min(m, n);
  const rank = options.rank;
  if (!Number.isInteger(rank) || rank < 1 || rank > maxRank) {
    throw new InvalidArgumentError('rank', rank, `an integer in [1, ${maxRank}]`);
  }
  const p = positiveInt(options.oversampling, 10, 'oversampling', 0);
  const q = positiveInt(options.powerIterations, 2, 'powerIterations', 0);
  return [rank, Math.min(maxRank, rank + p), q];
}
