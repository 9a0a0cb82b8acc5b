import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DenseMatrix } from '../core/dense-matrix.js';
import { DimensionMismatchError, InvalidArgumentError, SingularMatrixError } from '../core/errors.js';
import { norm2 } from '../core/vector.js';
import { createRng } from '../random/rng.js';
import { kronMv, kronOperator, kronSolver } from './kronecker.js';
import { operatorToDense } from './operators.js';

/** The explicit Kronecker product (row-major convention). */
function kron(A: DenseMatrix, B: DenseMatrix): DenseMatrix {
  return DenseMatrix.fromFunction(
    A.rows * B.rows,
    A.cols * B.cols,
    (r, c) => A.get(Math.floor(r / B.rows), Math.floor(c / B.cols)) * B.get(r % B.rows, c % B.cols),
  );
}
const rand = (r: number, c: number, seed: number): DenseMatrix => {
  const rng = createRng(seed);
  return DenseMatrix.fromFunction(r, c, () => rng.normal());
};

describe('Kronecker products', () => {
  it('kronMv and kronOperator (mv, rmv, diag) match the explicit A ⊗ B (property over shapes)', () => {
    fc.assert(
      fc.property(
        fc.tuple(
          fc.integer({ min: 1, max: 5 }),
          fc.integer({ min: 1, max: 5 }),
          fc.integer({ min: 1, max: 5 }),
          fc.integer({ min: 1, max: 5 }),
        ),
        fc.nat(),
        ([m, n, p, q], seed) => {
          const A = rand(m, n, seed);
          const B = rand(p, q, seed + 1);
          const K = kron(A, B);
          const v = Float64Array.from({ length: n * q }, (_, i) => Math.sin(i + seed));
          const y = kronMv(A, B, v);
          const ref = operatorToDense(kronOperator(A, B));
          for (let i = 0; i < K.data.length; i++) expect(ref.data[i]).toBeCloseTo(K.data[i]!, 12);
          for (let i = 0; i < m * p; i++) {
            let s = 0;
            for (let j = 0; j < n * q; j++) s += K.get(i, j) * v[j]!;
            expect(y[i]).toBeCloseTo(s, 12);
          }
          const w = Float64Array.from({ length: m * p }, (_, i) => Math.cos(i));
          const z = kronOperator(A, B).rmv!(w);
          for (let j = 0; j < n * q; j++) {
            let s = 0;
            for (let i = 0; i < m * p; i++) s += K.get(i, j) * w[i]!;
            expect(z[j]).toBeCloseTo(s, 12);
          }
        },
      ),
      { numRuns: 40 },
    );
    const A = rand(3, 3, 1);
    const B = rand(2, 2, 2);
    expect(Array.from(kronOperator(A, B).diag!())).toEqual(Array.from(kron(A, B).diag()));
  });

  it('kronSolver solves (A ⊗ B + λI)x = b for symmetric factors', () => {
    const G = rand(4, 4, 3);
    const H = rand(3, 3, 4);
    const A = DenseMatrix.fromFunction(4, 4, (i, j) => G.get(i, j) + G.get(j, i));
    const B = DenseMatrix.fromFunction(3, 3, (i, j) => H.get(i, j) + H.get(j, i));
    const K = kron(A, B);
    const solver = kronSolver(A, B);
    const b = Float64Array.from({ length: 12 }, (_, i) => i - 5);
    for (const lambda of [0.3, 2, -0.7]) {
      const x = solver.solve(b, lambda);
      const r = new Float64Array(12);
      for (let i = 0; i < 12; i++) {
        let s = lambda * x[i]!;
        for (let j = 0; j < 12; j++) s += K.get(i, j) * x[j]!;
        r[i] = s - b[i]!;
      }
      expect(norm2(r) / norm2(b)).toBeLessThan(1e-10);
    }
    const singular = kronSolver(DenseMatrix.diagonal([1, 0]), DenseMatrix.identity(2));
    expect(() => singular.solve([1, 1, 1, 1], 0)).toThrow(SingularMatrixError);
  });

  it('rejects mismatched lengths and non-symmetric factors', () => {
    expect(() => kronMv(rand(2, 3, 1), rand(2, 2, 2), new Float64Array(5))).toThrow(DimensionMismatchError);
    expect(() => kronMv(rand(2, 3, 1), rand(2, 2, 2), new Float64Array(5))).toThrow(/v\.length/);
    expect(() => kronSolver(rand(2, 2, 1), DenseMatrix.identity(2))).toThrow(InvalidArgumentError);
    expect(() => kronSolver(DenseMatrix.identity(2), rand(2, 3, 1))).toThrow(/B\.shape/);
  });
});
