/**
 * Typed errors shared by every infogeom package. Each names the argument, the offending value
 * and what was expected, so a caller never has to decode a silent NaN.
 */

/** Short, JSON-safe description of a value for an error message. */
function describe(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.length} items]`;
  if (value instanceof Float64Array) return `Float64Array(${value.length})`;
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object') {
    const shape = value as { rows?: unknown; columns?: unknown; cols?: unknown };
    if (typeof shape.rows === 'number') return `${shape.rows}×${String(shape.cols ?? shape.columns)} matrix`;
    return Object.prototype.toString.call(value);
  }
  return String(value);
}

/** Base class of every error thrown by infogeom: carries the argument name, its value and what was expected. */
export class InfogeomError extends Error {
  /** Name of the argument (or `argument.field`) that was rejected. */
  readonly argument: string;
  /** The rejected value (or a summary of it, such as a shape). */
  readonly value: unknown;
  /** Human-readable description of what was allowed. */
  readonly expected: string;

  /**
   * Builds the message `Invalid ${argument}: got ${value}, expected ${expected}`.
   * @param argument - name of the rejected argument
   * @param value - the rejected value
   * @param expected - what would have been accepted
   * @param detail - optional extra sentence
   */
  constructor(argument: string, value: unknown, expected: string, detail?: string) {
    super(
      `Invalid ${argument}: got ${describe(value)}, expected ${expected}${detail === undefined ? '' : `. ${detail}`}`,
    );
    this.name = new.target.name;
    this.argument = argument;
    this.value = value;
    this.expected = expected;
  }
}

/** An argument outside its allowed range or of the wrong kind. */
export class InvalidArgumentError extends InfogeomError {}

/** Shapes of two operands (or of an operand and what the operation needs) do not agree. */
export class DimensionMismatchError extends InfogeomError {}

/** A matrix that must be symmetric positive definite is not (a Cholesky pivot was ≤ 0). */
export class NotPositiveDefiniteError extends InfogeomError {}

/** An input contains NaN or ±∞ where finite numbers are required. */
export class NonFiniteError extends InfogeomError {}

/** A matrix that must be invertible is (numerically) singular. */
export class SingularMatrixError extends InfogeomError {}

/** An iterative algorithm stopped before meeting its tolerance and the caller asked for an error. */
export class ConvergenceError extends InfogeomError {}

/** Thrown when an AbortSignal passed to a long-running algorithm fires. */
export class AbortError extends Error {
  /**
   * Wraps the abort reason in the message.
   * @param reason - the signal's reason, if any
   */
  constructor(reason?: unknown) {
    super(
      reason === undefined ? 'The operation was aborted' : `The operation was aborted: ${String(reason)}`,
    );
    this.name = 'AbortError';
  }
}

/** Throws an {@link AbortError} if `signal` has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError(signal.reason);
}
