import { assertFiniteNumber } from '../core/assert.js';
import { type NumDiffOptions, resolveOptions, type WithError } from './options.js';
import { evalScalar, ridders } from './ridders.js';

/**
 * f′(x) with an error estimate: central differences (f(x+h) − f(x−h))/2h on a geometric step
 * sequence, Richardson-extrapolated (Ridders). Steps are relative to max(|x|, 1).
 * @param f - a smooth scalar function
 * @param x - the point (finite)
 * @throws NonFiniteError naming f and the point when f is not finite near x
 */
export function derivativeWithError(
  f: (x: number) => number,
  x: number,
  options?: NumDiffOptions,
): WithError<number> {
  assertFiniteNumber('x', x);
  const opts = resolveOptions(options);
  const scale = Math.max(Math.abs(x), 1);
  const g = (p: Float64Array): number => f(p[0]!);
  const point = new Float64Array(1);
  const r = ridders(
    (h) => {
      const dx = h * scale;
      point[0] = x + dx;
      const up = evalScalar(g, point, opts.name);
      point[0] = x - dx;
      const down = evalScalar(g, point, opts.name);
      return Float64Array.of((up - down) / (2 * dx));
    },
    1,
    opts,
  );
  return { value: r.value[0]!, error: r.error[0]! };
}

/**
 * f′(x) by Richardson-extrapolated central differences (see {@link derivativeWithError}).
 * @example
 * ```ts
 * import { derivative } from '@infogeom/linalg';
 *
 * const d = derivative(Math.exp, 1);
 * console.log(d.toFixed(12), Math.abs(d - Math.E) < 1e-12);
 * ```
 *
 * ```txt [output]
 * 2.718281828459 true
 * ```
 */
export function derivative(f: (x: number) => number, x: number, options?: NumDiffOptions): number {
  return derivativeWithError(f, x, options).value;
}
