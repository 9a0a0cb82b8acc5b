import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { DenseMatrix, toDense } from './dense-matrix.js';
import { DimensionMismatchError, NonFiniteError } from './errors.js';
import { toMlMatrix } from './to-ml-matrix.js';

describe('DenseMatrix', () => {
  it('round-trips through ml-matrix and nested arrays', () => {
    const rows = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    const m = DenseMatrix.from(rows);
    expect(m.rows).toBe(2);
    expect(m.cols).toBe(3);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
    const ml = toMlMatrix(m);
    expect(ml).toBeInstanceOf(Matrix);
    expect(ml.to2DArray()).toEqual(rows);
    expect(DenseMatrix.from(ml).toArray()).toEqual(rows);
  });

  it('transposes (property: (Aᵀ)ᵀ = A, entries swapped)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), (r, c) => {
        const a = DenseMatrix.fromFunction(r, c, (i, j) => i * 1000 + j);
        const t = a.transpose();
        expect(t.rows).toBe(c);
        for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) expect(t.get(j, i)).toBe(a.get(i, j));
        expect(Array.from(t.transpose().data)).toEqual(Array.from(a.data));
      }),
    );
  });

  it('rejects ragged rows, non-finite entries and wrong data length with typed errors', () => {
    expect(() => toDense([[1, 2], [3]], 'X')).toThrow(DimensionMismatchError);
    expect(() => toDense([[1, Number.NaN]], 'X')).toThrow(NonFiniteError);
    expect(() => toDense([[1, Number.POSITIVE_INFINITY]], 'X')).toThrow(/X\[0\]\[1\]/);
    expect(() => new DenseMatrix(2, 2, new Float64Array(3))).toThrow(DimensionMismatchError);
    expect(() => toDense([[1, 2]], 'X', { square: true })).toThrow(/square/);
  });

  it('detects symmetry with a relative tolerance', () => {
    const s = DenseMatrix.from([
      [2, 1],
      [1 + 1e-14, 3],
    ]);
    expect(s.isSymmetric()).toBe(false);
    expect(s.isSymmetric(1e-12)).toBe(true);
  });
});
