import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DenseMatrix } from '../core/dense-matrix.js';
import { DimensionMismatchError } from '../core/errors.js';
import { matmul } from '../kernels/matmul.js';
import { createRng } from '../random/rng.js';
import { csrMatmul } from './csr-matmul.js';
import { CsrMatrix } from './csr-matrix.js';

const randomSparse = (r: number, c: number, seed: number): DenseMatrix => {
  const rng = createRng(seed);
  return DenseMatrix.fromFunction(r, c, () => (rng.uniform() < 0.3 ? rng.normal() : 0));
};

describe('csrMatmul', () => {
  it('agrees with the dense product (property over shapes)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.nat(),
        (m, k, n, seed) => {
          const A = randomSparse(m, k, seed);
          const B = randomSparse(k, n, seed + 1);
          const C = csrMatmul(CsrMatrix.fromDense(A), CsrMatrix.fromDense(B)).toDense();
          const ref = matmul(A, B);
          for (let t = 0; t < ref.data.length; t++) expect(C.data[t]).toBeCloseTo(ref.data[t]!, 12);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('builds a symmetric (I − W)ᵀ(I − W) and rejects mismatched shapes', () => {
    const W = CsrMatrix.fromDense(randomSparse(20, 20, 3));
    const I = CsrMatrix.fromDense(DenseMatrix.identity(20));
    const IW = I.add(W, 1, -1);
    const M = csrMatmul(IW.transpose(), IW);
    expect(M.isSymmetric(1e-14)).toBe(true);
    expect(() => csrMatmul(IW, CsrMatrix.fromDense([[1, 2]]))).toThrow(DimensionMismatchError);
    expect(() => csrMatmul(IW, CsrMatrix.fromDense([[1, 2]]))).toThrow(/B\.rows/);
  });
});
