import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DenseMatrix } from '../core/dense-matrix.js';
import { DimensionMismatchError, InvalidArgumentError } from '../core/errors.js';
import { matmul } from '../kernels/matmul.js';
import { createRng } from '../random/rng.js';
import {
  productOperator,
  scaledOperator,
  shiftedOperator,
  sumOperator,
  transposeOperator,
} from './operator-algebra.js';
import { denseOperator, diagonalOperator, identityOperator, operatorToDense } from './operators.js';

const randomMatrix = (r: number, c: number, seed: number): DenseMatrix => {
  const rng = createRng(seed);
  return DenseMatrix.fromFunction(r, c, () => rng.normal());
};
const close = (a: DenseMatrix, b: DenseMatrix, tol = 1e-12): void => {
  expect(a.rows).toBe(b.rows);
  expect(a.cols).toBe(b.cols);
  for (let i = 0; i < a.data.length; i++) expect(Math.abs(a.data[i]! - b.data[i]!)).toBeLessThan(tol);
};

describe('operators', () => {
  it('denseOperator round-trips, and rmv is the transpose', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 }), fc.nat(), (r, c, seed) => {
        const M = randomMatrix(r, c, seed);
        const op = denseOperator(M);
        close(operatorToDense(op), M);
        close(operatorToDense(transposeOperator(op)), M.transpose());
      }),
      { numRuns: 30 },
    );
  });

  it('diagonal, identity, sum, scaled, shifted and product agree with explicit matrices', () => {
    const A = randomMatrix(5, 5, 1);
    const B = randomMatrix(5, 5, 2);
    const C = randomMatrix(5, 3, 3);
    const d = [1, -2, 3, 0.5, 4];
    close(operatorToDense(diagonalOperator(d)), DenseMatrix.diagonal(d));
    close(
      operatorToDense(identityOperator(5, 2.5)),
      DenseMatrix.fromFunction(5, 5, (i, j) => (i === j ? 2.5 : 0)),
    );
    const a = denseOperator(A);
    const b = denseOperator(B);
    close(
      operatorToDense(sumOperator(a, b)),
      DenseMatrix.fromFunction(5, 5, (i, j) => A.get(i, j) + B.get(i, j)),
    );
    close(
      operatorToDense(scaledOperator(a, -3)),
      DenseMatrix.fromFunction(5, 5, (i, j) => -3 * A.get(i, j)),
    );
    close(
      operatorToDense(shiftedOperator(a, 0.7)),
      DenseMatrix.fromFunction(5, 5, (i, j) => A.get(i, j) + (i === j ? 0.7 : 0)),
    );
    const prod = productOperator(a, b, denseOperator(C));
    close(operatorToDense(prod), matmul(matmul(A, B), C), 1e-10);
    close(operatorToDense(transposeOperator(prod)), matmul(matmul(A, B), C).transpose(), 1e-10);
    expect(Array.from(sumOperator(a, b).diag!())).toEqual(
      Array.from(A.diag()).map((v, i) => v + B.diag()[i]!),
    );
    expect(Array.from(shiftedOperator(a, 1).diag!())).toEqual(Array.from(A.diag()).map((v) => v + 1));
  });

  it('rejects mismatched shapes and bad arguments with typed errors', () => {
    const a = denseOperator(randomMatrix(3, 3, 4));
    const c = denseOperator(randomMatrix(3, 2, 5));
    expect(() => sumOperator(a, c)).toThrow(DimensionMismatchError);
    expect(() => sumOperator(a, c)).toThrow(/terms\[1\]/);
    expect(() => productOperator(c, a)).toThrow(/factors\[1\]/);
    expect(() => shiftedOperator(c, 1)).toThrow(DimensionMismatchError);
    expect(() => scaledOperator(a, Number.NaN)).toThrow(InvalidArgumentError);
    expect(() => identityOperator(-1)).toThrow(/n/);
    expect(() => a.mv(new Float64Array(2))).toThrow(/x\.length/);
  });
});
