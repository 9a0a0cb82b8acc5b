import { assertFiniteArray } from '../core/assert.js';
import { type NumDiffOptions, resolveOptions, type WithError } from './options.js';
import { evalScalar, ridders } from './ridders.js';

/**
 * ∇f(x) with per-entry error estimates: a central difference along each coordinate (step relative to
 * max(|xᵢ|, 1)), all Richardson-extrapolated together (Ridders). Costs ≤ 2·n·maxSteps evaluations.
 * @param f - a smooth scalar function of a vector (it receives fresh arrays it may keep)
 * @param x - the point (finite entries)
 * @throws NonFiniteError naming f and the point when f is not finite near x
 */
export function gradientWithError(
  f: (x: Float64Array) => number,
  x: ArrayLike<number>,
  options?: NumDiffOptions,
): WithError<Float64Array> {
  assertFiniteArray('x', x);
  const opts = resolveOptions(options);
  const n = x.length;
  const x0 = Float64Array.from(x);
  return ridders(
    (h) => {
      const d = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const dx = h * Math.max(Math.abs(x0[i]!), 1);
        const p = x0.slice();
        p[i] = x0[i]! + dx;
        const up = evalScalar(f, p, opts.name);
        const q = x0.slice();
        q[i] = x0[i]! - dx;
        d[i] = (up - evalScalar(f, q, opts.name)) / (2 * dx);
      }
      return d;
    },
    n,
    opts,
  );
}

/** ∇f(x) by Richardson-extrapolated central differences (see {@link gradientWithError}). */
export function gradient(
  f: (x: Float64Array) => number,
  x: ArrayLike<number>,
  options?: NumDiffOptions,
): Float64Array {
  return gradientWithError(f, x, options).value;
}
