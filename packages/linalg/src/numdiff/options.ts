import { InvalidArgumentError } from '../core/errors.js';

/** Options shared by the numerical derivatives ({@link derivative}, {@link gradient}, …). */
export interface NumDiffOptions {
  /**
   * The first (largest) step of the sequence, relative to max(|xᵢ|, 1) per coordinate (default 0.1).
   * When f is not finite that far out (a domain boundary), the step is halved until it is.
   */
  step?: number;
  /** Ratio between successive steps of the sequence (default 2; must be > 1). */
  stepRatio?: number;
  /** Maximum number of steps, i.e. rows of the Richardson tableau (default 10; at least 2). */
  maxSteps?: number;
  /** Name of the differentiated function, used in error messages (default `'f'`). */
  name?: string;
}

/** A numerical derivative with its error estimate (the Richardson tableau's own estimate). */
export interface WithError<T> {
  /** The extrapolated derivative. */
  readonly value: T;
  /** Estimated absolute error of each entry of `value`, same shape. */
  readonly error: T;
}

/** Options with defaults filled in and validated. */
export interface ResolvedOptions {
  /** First relative step. */
  step: number;
  /** Step ratio. */
  stepRatio: number;
  /** Tableau size. */
  maxSteps: number;
  /** Function name for messages. */
  name: string;
}

/** Fills in defaults and validates {@link NumDiffOptions}. */
export function resolveOptions(options: NumDiffOptions = {}): ResolvedOptions {
  const step = options.step ?? 0.1;
  const stepRatio = options.stepRatio ?? 2;
  const maxSteps = options.maxSteps ?? 10;
  if (!(step > 0) || !Number.isFinite(step)) {
    throw new InvalidArgumentError('options.step', step, 'a finite number > 0');
  }
  if (!(stepRatio > 1) || !Number.isFinite(stepRatio)) {
    throw new InvalidArgumentError('options.stepRatio', stepRatio, 'a finite number > 1');
  }
  if (!Number.isInteger(maxSteps) || maxSteps < 2 || maxSteps > 30) {
    throw new InvalidArgumentError('options.maxSteps', maxSteps, 'an integer in [2, 30]');
  }
  return { step, stepRatio, maxSteps, name: options.name ?? 'f' };
}
