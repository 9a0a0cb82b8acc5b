import { describe, expect, it } from 'vitest';
import { NonFiniteError } from '../core/errors.js';
import { hessian, hessianWithError } from './hessian.js';
import {
  maxRelError,
  normalLogLik,
  normalLogLikHessian,
  rosenbrock,
  rosenbrockHessian,
} from './test-utils/closed-forms.js';

describe('hessian', () => {
  it('Rosenbrock (n = 4): symmetric, 1e-9 relative to the largest entry', () => {
    const x = Float64Array.of(-1.2, 1, 0.5, 2.3);
    const { value, error } = hessianWithError(rosenbrock, x);
    expect(value.isSymmetric()).toBe(true);
    const want = rosenbrockHessian(x).flat();
    const scale = Math.max(...want.map(Math.abs));
    expect(maxRelError(value.data, want, scale)).toBeLessThan(1e-9);
    expect(error.isSymmetric()).toBe(true);
  });

  it('a normal log-likelihood in (μ, log σ) to 1e-9 relative', () => {
    const p = Float64Array.of(0.6, -0.4);
    expect(maxRelError(hessian(normalLogLik, p).data, normalLogLikHessian(p).flat())).toBeLessThan(1e-9);
  });

  it('exp(x·y) + sin(x): 1e-9 relative', () => {
    const f = (v: Float64Array) => Math.exp(v[0]! * v[1]!) + Math.sin(v[0]!);
    const [x, y] = [0.4, -0.9];
    const e = Math.exp(x * y);
    const want = [y * y * e - Math.sin(x), e * (1 + x * y), e * (1 + x * y), x * x * e];
    expect(maxRelError(hessian(f, [x, y]).data, want)).toBeLessThan(1e-9);
  });

  it('names the point when f(x) is not finite', () => {
    expect(() => hessian(() => Number.NaN, [1, 2])).toThrow(NonFiniteError);
  });
});
