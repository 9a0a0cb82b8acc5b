import { assertFiniteArray, assertLength } from '../core/assert.js';
import { type NumDiffOptions, resolveOptions, type WithError } from './options.js';
import { evalVector, ridders } from './ridders.js';

/**
 * H(x)·v from a gradient function, with per-entry error estimates: the central difference
 * (∇f(x + hv) − ∇f(x − hv))/2h, Richardson-extrapolated over h (Ridders). The first step makes
 * h·‖v‖∞ = step·max(‖x‖∞, 1). Costs ≤ 2·maxSteps gradient evaluations, independent of n.
 * @param grad - the gradient ∇f: ℝⁿ → ℝⁿ
 * @param x - the point (finite entries)
 * @param v - the direction (finite entries, same length as x)
 * @throws NonFiniteError naming grad and the point when the gradient is not finite near x
 */
export function hessianVectorProductWithError(
  grad: (x: Float64Array) => ArrayLike<number>,
  x: ArrayLike<number>,
  v: ArrayLike<number>,
  options?: NumDiffOptions,
): WithError<Float64Array> {
  assertFiniteArray('x', x);
  assertFiniteArray('v', v);
  assertLength('v', v.length, x.length);
  const opts = resolveOptions({ name: 'grad', ...options });
  const n = x.length;
  let vmax = 0;
  let xmax = 1;
  for (let i = 0; i < n; i++) {
    vmax = Math.max(vmax, Math.abs(v[i]!));
    xmax = Math.max(xmax, Math.abs(x[i]!));
  }
  if (vmax === 0) return { value: new Float64Array(n), error: new Float64Array(n) };
  const unit = xmax / vmax;
  return ridders(
    (h) => {
      const t = h * unit;
      const p = new Float64Array(n);
      const q = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        p[i] = x[i]! + t * v[i]!;
        q[i] = x[i]! - t * v[i]!;
      }
      const up = evalVector(grad, p, opts.name);
      const down = evalVector(grad, q, opts.name);
      const d = new Float64Array(n);
      for (let i = 0; i < n; i++) d[i] = (up[i]! - down[i]!) / (2 * t);
      return d;
    },
    n,
    opts,
  );
}

/** H(x)·v by a Richardson-extrapolated central difference of the gradient (see {@link hessianVectorProductWithError}). */
export function hessianVectorProduct(
  grad: (x: Float64Array) => ArrayLike<number>,
  x: ArrayLike<number>,
  v: ArrayLike<number>,
  options?: NumDiffOptions,
): Float64Array {
  return hessianVectorProductWithError(grad, x, v, options).value;
}
