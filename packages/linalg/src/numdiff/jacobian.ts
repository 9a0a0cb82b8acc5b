import { assertFiniteArray } from '../core/assert.js';
import { DenseMatrix } from '../core/dense-matrix.js';
import { DimensionMismatchError } from '../core/errors.js';
import { type NumDiffOptions, resolveOptions, type WithError } from './options.js';
import { evalVector, ridders } from './ridders.js';

/**
 * The m×n Jacobian J[i][j] = ∂fᵢ/∂xⱼ with per-entry error estimates, by Richardson-extrapolated central
 * differences along each coordinate (steps relative to max(|xⱼ|, 1)).
 * @param f - a smooth map ℝⁿ → ℝᵐ (m fixed; it receives fresh arrays it may keep)
 * @param x - the point (finite entries)
 * @throws NonFiniteError naming f and the point when f is not finite near x
 * @throws DimensionMismatchError when f changes its output length
 */
export function jacobianWithError(
  f: (x: Float64Array) => ArrayLike<number>,
  x: ArrayLike<number>,
  options?: NumDiffOptions,
): WithError<DenseMatrix> {
  assertFiniteArray('x', x);
  const opts = resolveOptions(options);
  const n = x.length;
  const x0 = Float64Array.from(x);
  const m = evalVector(f, x0.slice(), opts.name).length;
  const evaluate = (p: Float64Array): Float64Array => {
    const y = evalVector(f, p, opts.name);
    if (y.length !== m) throw new DimensionMismatchError(`${opts.name}(x).length`, y.length, `${m}`);
    return y;
  };
  const r = ridders(
    (h) => {
      const d = new Float64Array(m * n);
      for (let j = 0; j < n; j++) {
        const dx = h * Math.max(Math.abs(x0[j]!), 1);
        const p = x0.slice();
        p[j] = x0[j]! + dx;
        const up = evaluate(p);
        const q = x0.slice();
        q[j] = x0[j]! - dx;
        const down = evaluate(q);
        for (let i = 0; i < m; i++) d[i * n + j] = (up[i]! - down[i]!) / (2 * dx);
      }
      return d;
    },
    m * n,
    opts,
  );
  return { value: new DenseMatrix(m, n, r.value), error: new DenseMatrix(m, n, r.error) };
}

/** The m×n Jacobian of f at x (see {@link jacobianWithError}). */
export function jacobian(
  f: (x: Float64Array) => ArrayLike<number>,
  x: ArrayLike<number>,
  options?: NumDiffOptions,
): DenseMatrix {
  return jacobianWithError(f, x, options).value;
}
