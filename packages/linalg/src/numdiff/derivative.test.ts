import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, NonFiniteError } from '../core/errors.js';
import { derivative, derivativeWithError } from './derivative.js';

describe('derivative', () => {
  it.each([
    ['exp', Math.exp, Math.exp, 1],
    [
      'sin∘exp',
      (x: number) => Math.sin(Math.exp(x)),
      (x: number) => Math.cos(Math.exp(x)) * Math.exp(x),
      0.7,
    ],
    [
      'exp(sin)',
      (x: number) => Math.exp(Math.sin(x)),
      (x: number) => Math.cos(x) * Math.exp(Math.sin(x)),
      -2,
    ],
    ['log at 1e3', Math.log, (x: number) => 1 / x, 1000],
    ['x⁵ at 1e-3', (x: number) => x ** 5, (x: number) => 5 * x ** 4, 1e-3],
    ['atan at 50', Math.atan, (x: number) => 1 / (1 + x * x), 50],
  ])('%s: relative error ≤ 1e-10 and honest error estimate', (_, f, df, x) => {
    const { value, error } = derivativeWithError(f, x);
    const want = df(x);
    const err = Math.abs(value - want);
    expect(err / Math.max(Math.abs(want), 1e-12)).toBeLessThan(1e-10);
    expect(err).toBeLessThanOrEqual(10 * error + 1e-15);
    expect(derivative(f, x)).toBe(value);
  });

  it('shrinks its first step to stay inside the domain (log near 0)', () => {
    const x = 0.01;
    expect(Math.abs(derivative(Math.log, x) * x - 1)).toBeLessThan(1e-9);
  });

  it('throws a typed error naming the function and the point when f is not finite', () => {
    const f = (x: number) => (x > 2 ? Number.NaN : x);
    expect(() => derivative((x) => Math.log(x), -1, { name: 'log' })).toThrow(NonFiniteError);
    expect(() => derivative((x) => Math.log(x), -1, { name: 'log' })).toThrow(/log\(x\).*at x = \[/);
    expect(() => derivative(() => Number.POSITIVE_INFINITY, 0)).toThrow(NonFiniteError);
    expect(derivative(f, 1)).toBeCloseTo(1, 12);
    expect(() => derivative(Math.exp, Number.NaN)).toThrow(InvalidArgumentError);
    expect(() => derivative(Math.exp, 0, { stepRatio: 1 })).toThrow(/stepRatio/);
    expect(() => derivative(Math.exp, 0, { maxSteps: 1 })).toThrow(/maxSteps/);
    expect(() => derivative(Math.exp, 0, { step: 0 })).toThrow(/step/);
  });
});
