import { assertFiniteArray } from '../core/assert.js';
import { DenseMatrix } from '../core/dense-matrix.js';
import { type NumDiffOptions, resolveOptions, type WithError } from './options.js';
import { evalScalar, ridders } from './ridders.js';

/**
 * The n×n Hessian of scalar f with per-entry error estimates, exactly symmetric: diagonal entries from
 * (f(x+hᵢeᵢ) − 2f(x) + f(x−hᵢeᵢ))/hᵢ², off-diagonal ones from the four-point mixed central
 * difference; both have error series in even powers of h, so the whole upper triangle is
 * Richardson-extrapolated together (Ridders). Costs about (2n² + 1)·maxSteps evaluations: a fallback
 * for when no analytic or autodiff Hessian exists (with a gradient, prefer {@link jacobian} of it).
 * @param f - a smooth scalar function of a vector
 * @param x - the point (finite entries)
 * @throws NonFiniteError naming f and the point when f is not finite near x
 */
export function hessianWithError(
  f: (x: Float64Array) => number,
  x: ArrayLike<number>,
  options?: NumDiffOptions,
): WithError<DenseMatrix> {
  assertFiniteArray('x', x);
  const opts = resolveOptions(options);
  const n = x.length;
  const x0 = Float64Array.from(x);
  const f0 = evalScalar(f, x0.slice(), opts.name);
  const scale = Float64Array.from(x0, (v) => Math.max(Math.abs(v), 1));
  const at = (i: number, si: number, j: number, sj: number, h: number): number => {
    const p = x0.slice();
    p[i] = p[i]! + si * h * scale[i]!;
    if (j >= 0) p[j] = p[j]! + sj * h * scale[j]!;
    return evalScalar(f, p, opts.name);
  };
  const size = (n * (n + 1)) / 2;
  const r = ridders(
    (h) => {
      const d = new Float64Array(size);
      let k = 0;
      for (let i = 0; i < n; i++) {
        const hi = h * scale[i]!;
        d[k++] = (at(i, 1, -1, 0, h) - 2 * f0 + at(i, -1, -1, 0, h)) / (hi * hi);
        for (let j = i + 1; j < n; j++) {
          const hj = h * scale[j]!;
          const s = at(i, 1, j, 1, h) - at(i, 1, j, -1, h) - at(i, -1, j, 1, h) + at(i, -1, j, -1, h);
          d[k++] = s / (4 * hi * hj);
        }
      }
      return d;
    },
    size,
    opts,
  );
  const value = new DenseMatrix(n, n);
  const error = new DenseMatrix(n, n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++, k++) {
      value.data[i * n + j] = value.data[j * n + i] = r.value[k]!;
      error.data[i * n + j] = error.data[j * n + i] = r.error[k]!;
    }
  }
  return { value, error };
}

/** The symmetric n×n Hessian of f at x (see {@link hessianWithError}). */
export function hessian(
  f: (x: Float64Array) => number,
  x: ArrayLike<number>,
  options?: NumDiffOptions,
): DenseMatrix {
  return hessianWithError(f, x, options).value;
}
