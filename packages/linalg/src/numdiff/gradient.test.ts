import { describe, expect, it } from 'vitest';
import { NonFiniteError } from '../core/errors.js';
import { gradient, gradientWithError } from './gradient.js';
import {
  maxRelError,
  normalLogLik,
  normalLogLikGradient,
  rosenbrock,
  rosenbrockGradient,
} from './test-utils/closed-forms.js';

describe('gradient', () => {
  it('Rosenbrock (n = 5) to 1e-10 relative, with error estimates bounding the error', () => {
    const x = Float64Array.of(-1.2, 1, 0.5, 2.3, -0.7);
    const { value, error } = gradientWithError(rosenbrock, x);
    const want = rosenbrockGradient(x);
    expect(maxRelError(value, want)).toBeLessThan(1e-10);
    for (let i = 0; i < x.length; i++)
      expect(Math.abs(value[i]! - want[i]!)).toBeLessThanOrEqual(10 * error[i]! + 1e-12);
  });

  it('a normal log-likelihood in (μ, log σ), and exp/sin compositions', () => {
    const p = Float64Array.of(0.6, -0.4);
    expect(maxRelError(gradient(normalLogLik, p), normalLogLikGradient(p))).toBeLessThan(1e-10);
    const f = (x: Float64Array) => Math.exp(Math.sin(x[0]!) * x[1]!) + Math.sin(x[0]! * x[1]!);
    const x = [0.3, 1.7];
    const e = Math.exp(Math.sin(0.3) * 1.7);
    const want = [e * Math.cos(0.3) * 1.7 + Math.cos(0.51) * 1.7, e * Math.sin(0.3) + Math.cos(0.51) * 0.3];
    expect(maxRelError(gradient(f, x), want)).toBeLessThan(1e-10);
  });

  it('scales steps to large coordinates', () => {
    const f = (x: Float64Array) => Math.log(x[0]!) * x[1]!;
    const x = [1e6, 3];
    expect(maxRelError(gradient(f, x), [3e-6, Math.log(1e6)], 1e-12)).toBeLessThan(1e-9);
  });

  it('names the function and point on non-finite values', () => {
    const f = (x: Float64Array) => (x[1]! > 0.5 ? Number.NaN : 1);
    expect(() => gradient(f, [0, 1], { name: 'logLik' })).toThrow(NonFiniteError);
    expect(() => gradient(f, [0, 1], { name: 'logLik' })).toThrow(/logLik\(x\).*x = \[/);
    expect(() => gradient(f, [0, Number.NaN])).toThrow(/x\[1\]/);
  });
});
