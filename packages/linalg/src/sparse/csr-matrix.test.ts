import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DenseMatrix } from '../core/dense-matrix.js';
import { DimensionMismatchError, InvalidArgumentError } from '../core/errors.js';
import { operatorToDense } from '../iterative/operators.js';
import { createRng } from '../random/rng.js';
import { CsrMatrix } from './csr-matrix.js';

const randomSparse = (r: number, c: number, seed: number, density = 0.3): DenseMatrix => {
  const rng = createRng(seed);
  return DenseMatrix.fromFunction(r, c, () => (rng.uniform() < density ? rng.normal() : 0));
};

describe('CsrMatrix', () => {
  it('sums duplicates and sorts columns when built from COO', () => {
    const A = CsrMatrix.fromCoo(2, 3, [1, 0, 1, 0, 1], [2, 1, 0, 1, 2], [1, 2, 3, 4, 5]);
    expect(Array.from(A.rowPtr)).toEqual([0, 1, 3]);
    expect(Array.from(A.colIdx)).toEqual([1, 0, 2]);
    expect(Array.from(A.values)).toEqual([6, 3, 6]);
    expect(A.toDense().toArray()).toEqual([
      [0, 6, 0],
      [3, 0, 6],
    ]);
  });

  it('mv, rmv, transpose, diag, scale, add agree with dense (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), fc.nat(), (r, c, seed) => {
        const D = randomSparse(r, c, seed);
        const A = CsrMatrix.fromDense(D);
        expect(A.toDense().toArray()).toEqual(D.toArray());
        expect(operatorToDense(A).toArray()).toEqual(D.toArray());
        expect(A.transpose().toDense().toArray()).toEqual(D.transpose().toArray());
        const x = Float64Array.from({ length: r }, (_, i) => i - 1.5);
        const y = A.rmv(x);
        const yRef = A.transpose().mv(x);
        for (let j = 0; j < c; j++) expect(y[j]).toBeCloseTo(yRef[j]!, 12);
        expect(Array.from(A.diag())).toEqual(Array.from(D.diag()));
        const E = randomSparse(r, c, seed + 1);
        const S = A.add(CsrMatrix.fromDense(E), 2, -1).toDense();
        for (let i = 0; i < r; i++)
          for (let j = 0; j < c; j++) expect(S.get(i, j)).toBeCloseTo(2 * D.get(i, j) - E.get(i, j), 12);
        expect(A.scale(3).toDense().get(0, 0)).toBe(3 * D.get(0, 0));
      }),
      { numRuns: 40 },
    );
  });

  it('detects symmetry and exposes the LinearOperator interface', () => {
    const S = CsrMatrix.fromDense([
      [2, -1, 0],
      [-1, 2, -1],
      [0, -1, 2],
    ]);
    expect(S.symmetric).toBe(true);
    expect(S.shape).toEqual([3, 3]);
    expect(S.nnz).toBe(7);
    expect(
      CsrMatrix.fromDense([
        [1, 2],
        [0, 1],
      ]).isSymmetric(),
    ).toBe(false);
  });

  it('rejects malformed input with typed errors naming the argument', () => {
    expect(() => CsrMatrix.fromCoo(2, 2, [0, 2], [0, 0], [1, 1])).toThrow(/rowIndices\[1\]/);
    expect(() => CsrMatrix.fromCoo(2, 2, [0], [0, 1], [1])).toThrow(DimensionMismatchError);
    expect(() => CsrMatrix.fromCoo(2, 2, [0], [0], [Number.NaN])).toThrow(/vals\[0\]/);
    expect(
      () => new CsrMatrix(2, 2, Int32Array.from([0, 2, 2]), Int32Array.from([1, 0]), new Float64Array(2)),
    ).toThrow(InvalidArgumentError);
    const A = CsrMatrix.fromDense([[1, 2]]);
    expect(() => A.mv(new Float64Array(3))).toThrow(/x\.length/);
    expect(() => A.add(CsrMatrix.fromDense([[1]]))).toThrow(/B\.shape/);
  });
});
