import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DenseMatrix } from '../core/dense-matrix.js';
import { cond, nuclearNorm, pinv, rank, spectralNorm } from './svd-derived.js';
import { fixtures } from './test-utils/fixtures.js';
import { hilbert, mul, randn, relErr, rng, track, worst } from './test-utils/helpers.js';

afterAll(() => console.log('svd-derived worst errors', worst));

describe('pinv', () => {
  it('matches SciPy', () => {
    expect(
      track('pinv vs scipy', relErr(pinv(fixtures.pinv.A), DenseMatrix.from(fixtures.pinv.pinv))),
    ).toBeLessThan(1e-13);
  });

  it('satisfies the Penrose conditions AXA = A, XAX = X, AX and XA symmetric (property, rank-deficient too)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer(),
        (m, n, r, seed) => {
          const g = rng(seed);
          const a = mul(randn(g, m, r), randn(g, r, n));
          const x = pinv(a);
          expect(track('AXA − A', relErr(mul(mul(a, x), a), a))).toBeLessThan(1e-11);
          expect(relErr(mul(mul(x, a), x), x)).toBeLessThan(1e-10);
          const ax = mul(a, x);
          expect(relErr(ax, ax.transpose())).toBeLessThan(1e-11);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('rank, cond, norms', () => {
  it('closed forms', () => {
    expect(
      rank([
        [1, 2],
        [2, 4],
      ]),
    ).toBe(1);
    expect(rank(DenseMatrix.zeros(3, 2))).toBe(0);
    expect(rank(DenseMatrix.identity(4))).toBe(4);
    expect(rank(hilbert(8))).toBe(8);
    expect(rank(hilbert(14))).toBeLessThan(14); // κ(H₁₄) ≈ 1e19 > 1/ε
    expect(rank(hilbert(14), { rcond: 0 })).toBe(14);
    expect(
      cond([
        [2, 0],
        [0, 0.5],
      ]),
    ).toBeCloseTo(4, 14);
    expect(
      cond([
        [1, 1],
        [1, 1],
      ]),
    ).toBe(Number.POSITIVE_INFINITY);
    // κ₂(H₅) = 476607.25… (NumPy)
    expect(Math.abs(cond(hilbert(5)) / 476607.2502425855 - 1)).toBeLessThan(1e-10); // both sides carry κ·ε
    expect(
      spectralNorm([
        [3, 0],
        [4, 5],
      ]),
    ).toBeCloseTo(3 * Math.sqrt(5), 14);
    expect(
      nuclearNorm([
        [3, 0],
        [4, 5],
      ]),
    ).toBeCloseTo(4 * Math.sqrt(5), 14);
    expect(spectralNorm(new DenseMatrix(0, 3))).toBe(0);
  });
});
