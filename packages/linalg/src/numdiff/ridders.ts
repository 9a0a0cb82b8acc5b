import { NonFiniteError } from '../core/errors.js';
import type { ResolvedOptions, WithError } from './options.js';

/** Ridders' stopping factor: stop refining once the tableau diagonal moves by this many error estimates. */
const SAFE = 2;
/** How many times the first step may be shrunk to get inside f's domain. */
const MAX_SHRINK = 40;

/** Short description of a point for error messages. */
export function describePoint(x: ArrayLike<number>): string {
  const shown = Array.from(x, (v) => Number(v.toPrecision(6)));
  return shown.length > 8
    ? `[${shown.slice(0, 8).join(', ')}, … (${shown.length})]`
    : `[${shown.join(', ')}]`;
}

/**
 * Evaluates scalar `f` at `point` and throws a {@link NonFiniteError} naming the function and the
 * point when the value is NaN or ±∞.
 */
export function evalScalar(f: (x: Float64Array) => number, point: Float64Array, name: string): number {
  const y = f(point);
  if (typeof y !== 'number' || !Number.isFinite(y)) {
    throw new NonFiniteError(`${name}(x)`, y, 'a finite number', `at x = ${describePoint(point)}`);
  }
  return y;
}

/** Like {@link evalScalar} for vector-valued `f`; the result is copied into a Float64Array. */
export function evalVector(
  f: (x: Float64Array) => ArrayLike<number>,
  point: Float64Array,
  name: string,
): Float64Array {
  const y = Float64Array.from(f(point));
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i]!)) {
      throw new NonFiniteError(`${name}(x)[${i}]`, y[i], 'a finite number', `at x = ${describePoint(point)}`);
    }
  }
  return y;
}

/**
 * Ridders' polynomial extrapolation (Numerical Recipes `dfridr`, vectorised): evaluates a central
 * difference estimate `D(h)` — whose error is a series in h², h⁴, … — on steps h₀, h₀/r, h₀/r², …,
 * builds the Richardson tableau entry by entry and keeps, per component, the entry whose estimated
 * error is smallest (see the comment in the loop); the estimate is floored at 4ε·|value| for round-off. A component stops refining once round-off makes
 * the tableau diagonal drift by more than twice its best error.
 * @param D - difference quotient at relative step h (length-m output); throws NonFiniteError off-domain
 * @param m - number of components
 */
export function ridders(
  D: (h: number) => Float64Array,
  m: number,
  opts: ResolvedOptions,
): WithError<Float64Array> {
  const r2 = opts.stepRatio * opts.stepRatio;
  let h = opts.step;
  let first: Float64Array | undefined;
  for (let tries = 0; first === undefined; tries++) {
    try {
      first = D(h);
    } catch (e) {
      if (!(e instanceof NonFiniteError) || tries >= MAX_SHRINK) throw e;
      h /= 2;
    }
  }
  const value = first.slice();
  const error = new Float64Array(m).fill(Number.POSITIVE_INFINITY);
  const done = new Uint8Array(m);
  let remaining = m;
  let prev: Float64Array[] = [first];
  for (let i = 1; i < opts.maxSteps && remaining > 0; i++) {
    h /= opts.stepRatio;
    const cur: Float64Array[] = [D(h)];
    let fac = r2;
    for (let j = 1; j <= i; j++) {
      const c = cur[j - 1]!;
      const p = prev[j - 1]!;
      const same = j < i ? prev[j] : undefined;
      const a = new Float64Array(m);
      for (let k = 0; k < m; k++) {
        a[k] = (c[k]! * fac - p[k]!) / (fac - 1);
        if (done[k] === 1) continue;
        // Error of an order-j entry: its distance to the order-j entry of the previous step when
        // there is one (numdifftools' estimate, sharp once the tableau has converged), else the
        // size of its own correction over both parents (Numerical Recipes' estimate).
        const e =
          same === undefined
            ? Math.max(Math.abs(a[k]! - c[k]!), Math.abs(a[k]! - p[k]!))
            : Math.abs(a[k]! - same[k]!);
        if (e <= error[k]!) {
          error[k] = e;
          value[k] = a[k]!;
        }
      }
      fac *= r2;
      cur.push(a);
    }
    const diag = cur[i]!;
    const prevDiag = prev[i - 1]!;
    for (let k = 0; k < m; k++) {
      if (done[k] === 0 && Math.abs(diag[k]! - prevDiag[k]!) >= SAFE * error[k]!) {
        done[k] = 1;
        remaining--;
      }
    }
    prev = cur;
  }
  for (let k = 0; k < m; k++) error[k] = Math.max(error[k]!, 4 * Number.EPSILON * Math.abs(value[k]!));
  return { value, error };
}
