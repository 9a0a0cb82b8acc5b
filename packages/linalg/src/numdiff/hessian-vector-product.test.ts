import { describe, expect, it } from 'vitest';
import { DimensionMismatchError, NonFiniteError } from '../core/errors.js';
import { hessianVectorProduct, hessianVectorProductWithError } from './hessian-vector-product.js';
import { maxRelError, rosenbrockGradient, rosenbrockHessian } from './test-utils/closed-forms.js';

describe('hessianVectorProduct', () => {
  it('equals H·v for Rosenbrock (1e-10 relative) with error estimates', () => {
    const x = Float64Array.of(-1.2, 1, 0.5, 2.3, -0.7);
    const v = [0.3, -1, 2, 0.5, 0.1];
    const H = rosenbrockHessian(x);
    const want = H.map((row) => row.reduce((s, h, j) => s + h * v[j]!, 0));
    const { value, error } = hessianVectorProductWithError(rosenbrockGradient, x, v);
    const scale = Math.max(...want.map(Math.abs));
    expect(maxRelError(value, want, scale)).toBeLessThan(1e-10);
    expect(error.length).toBe(5);
  });

  it('returns zeros for v = 0 and validates inputs', () => {
    expect(Array.from(hessianVectorProduct(rosenbrockGradient, [1, 2], [0, 0]))).toEqual([0, 0]);
    expect(() => hessianVectorProduct(rosenbrockGradient, [1, 2], [1])).toThrow(DimensionMismatchError);
    expect(() => hessianVectorProduct(() => [Number.NaN, 0], [1, 2], [1, 0])).toThrow(/grad\(x\)\[0\]/);
    expect(() => hessianVectorProduct(() => [Number.NaN, 0], [1, 2], [1, 0])).toThrow(NonFiniteError);
  });
});
