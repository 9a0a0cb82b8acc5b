import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DenseMatrix } from '../core/dense-matrix.js';
import { DimensionMismatchError, NonFiniteError, SingularMatrixError } from '../core/errors.js';
import { inverse, solve } from './solve.js';
import { fixtures } from './test-utils/fixtures.js';
import { backwardErr, hilbert, randn, relErr, rng, track, worst } from './test-utils/helpers.js';

afterAll(() => console.log('solve worst errors', worst));

describe('solve and inverse', () => {
  it('match SciPy', () => {
    for (const c of fixtures.lu) {
      expect(track('solve vs scipy', relErr(solve(c.A, c.b), c.x))).toBeLessThan(1e-12);
      expect(track('inverse vs scipy', relErr(inverse(c.A), DenseMatrix.from(c.inverse)))).toBeLessThan(
        1e-12,
      );
    }
  });

  it('inverse and solve are backward stable: small ‖AX − B‖/(n‖A‖‖X‖ + ‖B‖) (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer(), (n, seed) => {
        const r = rng(seed);
        const a = randn(r, n, n);
        const ai = inverse(a);
        const id = DenseMatrix.identity(n);
        expect(track('A·A⁻¹ = I (backward)', backwardErr(a, ai, id))).toBeLessThan(1e-15);
        const B = randn(r, n, 2);
        expect(track('solve (backward)', backwardErr(a, solve(a, B), B))).toBeLessThan(1e-15);
      }),
      { numRuns: 30 },
    );
  });

  it('known inverses: 2×2 closed form, the Hilbert inverse (integer entries)', () => {
    expect(
      inverse([
        [4, 7],
        [2, 6],
      ]).toArray(),
    ).toEqual(
      [
        [0.6, -0.7],
        [-0.2, 0.4],
      ].map((r) => r.map((v) => expect.closeTo(v, 15))),
    );
    // (H₄⁻¹)ᵢⱼ = (−1)^{i+j}(i+j+1) C(n+i, n−j−1) C(n+j, n−i−1) C(i+j, i)²
    const c = (n: number, k: number): number =>
      k < 0 || k > n ? 0 : k === 0 ? 1 : (c(n - 1, k - 1) * n) / k;
    const n = 6;
    const exact = DenseMatrix.fromFunction(
      n,
      n,
      (i, j) => (-1) ** (i + j) * (i + j + 1) * c(n + i, n - j - 1) * c(n + j, n - i - 1) * c(i + j, i) ** 2,
    );
    // κ(H₆) ≈ 1.5e7: forward error ≲ κε
    expect(track('hilbert6 inverse', relErr(inverse(hilbert(n)), exact))).toBeLessThan(1e-8);
  });

  it('throws typed errors naming the argument', () => {
    expect(() =>
      solve(
        [
          [1, 2],
          [2, 4],
        ],
        [1, 2],
      ),
    ).toThrow(SingularMatrixError);
    expect(() => inverse([[0]])).toThrow(/Invalid A/);
    expect(() => solve([[1, 2]], [1])).toThrow(DimensionMismatchError);
    expect(() => solve([[1]], [1, 2])).toThrow(/b\.length/);
    expect(() => solve([[Number.NaN]], [1])).toThrow(NonFiniteError);
    expect(() => solve([[1]], [Number.NaN])).toThrow(/b\[0\]/);
  });
});
