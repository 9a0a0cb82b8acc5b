import { describe, expect, it } from 'vitest';
import { DimensionMismatchError, NonFiniteError } from '../core/errors.js';
import { jacobian, jacobianWithError } from './jacobian.js';
import { maxRelError, rosenbrockGradient, rosenbrockHessian } from './test-utils/closed-forms.js';

describe('jacobian', () => {
  it('of a map ℝ³ → ℝ² with exp/sin entries (m×n, 1e-10 relative)', () => {
    const f = (x: Float64Array) => [Math.exp(x[0]! * x[1]!), Math.sin(x[1]!) * x[2]! ** 2];
    const x = [0.5, -1.3, 2];
    const J = jacobian(f, x);
    expect([J.rows, J.cols]).toEqual([2, 3]);
    const e = Math.exp(-0.65);
    const want = [-1.3 * e, 0.5 * e, 0, 0, Math.cos(-1.3) * 4, Math.sin(-1.3) * 4];
    expect(maxRelError(J.data, want)).toBeLessThan(1e-10);
  });

  it('of the Rosenbrock gradient equals the Rosenbrock Hessian', () => {
    const x = Float64Array.of(0.3, -0.8, 1.1, 0.9);
    const { value, error } = jacobianWithError(rosenbrockGradient, x);
    expect(maxRelError(value.data, rosenbrockHessian(x).flat())).toBeLessThan(1e-10);
    expect(error.rows).toBe(4);
  });

  it('throws typed errors for non-finite outputs and a changing output length', () => {
    expect(() => jacobian((x) => [x[0]!, Number.NaN], [1])).toThrow(NonFiniteError);
    expect(() => jacobian((x) => (x[0] === 1 ? [1] : [1, 2]), [1])).toThrow(DimensionMismatchError);
  });
});
