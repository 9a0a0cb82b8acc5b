import type { DenseMatrix } from '@infogeom/linalg';
import type { Moment } from '../support.js';

/** A failed conformance expectation, with the numbers that failed it. */
export class ConformanceError extends Error {
  /**
   * Names the family, the check and what differed.
   * @param message - what was expected and what was found
   */
  constructor(message: string) {
    super(message);
    this.name = 'ConformanceError';
  }
}

/** A Moment (number or vector) as a Float64Array. */
export function asArray(v: Moment | ArrayLike<number>): Float64Array {
  return typeof v === 'number' ? Float64Array.of(v) : Float64Array.from(v);
}

/** Largest |a − b| / (|b|·rel + abs) entry; ≤ 1 means within tolerance. */
export function worstRatio(a: ArrayLike<number>, b: ArrayLike<number>, rel: number, abs: number): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) {
    const r = Math.abs(a[i]! - b[i]!) / (Math.abs(b[i]!) * rel + abs);
    worst = Math.max(worst, Number.isNaN(r) ? Number.POSITIVE_INFINITY : r);
  }
  return worst;
}

/** Throws a ConformanceError unless a ≈ b entry-wise within rel·|b| + abs (abs may be per entry). */
export function expectClose(
  what: string,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  rel: number,
  abs: number | ArrayLike<number> = 0,
): void {
  if (a.length !== b.length) throw new ConformanceError(`${what}: length ${a.length} ≠ ${b.length}`);
  for (let i = 0; i < b.length; i++) {
    const tol = rel * Math.abs(b[i]!) + (typeof abs === 'number' ? abs : abs[i]!);
    const d = Math.abs(a[i]! - b[i]!);
    if (!(d <= tol)) {
      throw new ConformanceError(
        `${what}: entry ${i} is ${a[i]} but expected ${b[i]} (|difference| ${d.toExponential(3)} > tolerance ${tol.toExponential(3)})`,
      );
    }
  }
}

/** Throws unless two matrices agree to `rel` relative to the larger matrix entry (plus abs, per entry allowed). */
export function expectMatrixClose(
  what: string,
  a: DenseMatrix,
  b: DenseMatrix,
  rel: number,
  abs: number | ArrayLike<number> = 0,
): void {
  let scale = 0;
  for (const v of b.data) scale = Math.max(scale, Math.abs(v));
  const absArr = typeof abs === 'number' ? new Float64Array(b.data.length).fill(abs) : abs;
  expectClose(
    what,
    a.data,
    b.data,
    0,
    Float64Array.from(absArr, (t) => t + rel * scale),
  );
}
