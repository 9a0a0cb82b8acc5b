import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { DenseMatrix } from '../core/dense-matrix.js';
import { DimensionMismatchError, InvalidArgumentError } from '../core/errors.js';
import { add, frobeniusNorm, scale, sub, symmetrize, trace } from './matrix-ops.js';

describe('matrix ops', () => {
  it('add, sub, scale, trace on nested arrays and ml-matrix', () => {
    const a = [
      [1, 2],
      [3, 4],
    ];
    const b = new Matrix([
      [5, 6],
      [7, 8],
    ]);
    expect(add(a, b).toArray()).toEqual([
      [6, 8],
      [10, 12],
    ]);
    expect(sub(b, a).toArray()).toEqual([
      [4, 4],
      [4, 4],
    ]);
    expect(scale(a, -2).toArray()).toEqual([
      [-2, -4],
      [-6, -8],
    ]);
    expect(trace(a)).toBe(5);
    expect(trace(new DenseMatrix(0, 0))).toBe(0);
  });

  it('frobeniusNorm is exact on small integers and does not overflow or underflow', () => {
    expect(frobeniusNorm([[3, 4]])).toBe(5);
    expect(frobeniusNorm([[3e200, 4e200]])).toBeCloseTo(5e200, -186);
    expect(frobeniusNorm([[3e-200], [4e-200]]) / 5e-200).toBeCloseTo(1, 14);
    expect(frobeniusNorm(DenseMatrix.zeros(2, 2))).toBe(0);
  });

  it('symmetrize returns (A + Aᵀ)/2, exactly symmetric', () => {
    const s = symmetrize([
      [1, 2],
      [4, 3],
    ]);
    expect(s.toArray()).toEqual([
      [1, 3],
      [3, 3],
    ]);
    expect(s.isSymmetric()).toBe(true);
  });

  it('typed errors', () => {
    expect(() => add([[1]], [[1, 2]])).toThrow(DimensionMismatchError);
    expect(() => add([[1]], [[1, 2]])).toThrow(/B\.shape/);
    expect(() => scale([[1]], Number.NaN)).toThrow(InvalidArgumentError);
    expect(() => trace([[1, 2]])).toThrow(/A\.shape/);
    expect(() => symmetrize([[1, 2]])).toThrow(DimensionMismatchError);
  });
});
