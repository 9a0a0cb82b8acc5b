import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DimensionMismatchError, InvalidArgumentError } from '../core/errors.js';
import { lstsq } from './lstsq.js';
import { fixtures } from './test-utils/fixtures.js';
import { mul, randn, relErr, rng, track, worst } from './test-utils/helpers.js';

afterAll(() => console.log('lstsq worst errors', worst));

describe('lstsq', () => {
  it('matches SciPy (overdetermined via QR, underdetermined minimum-norm via SVD)', () => {
    const o = fixtures.lstsq;
    const r = lstsq(o.A, o.b);
    expect(r.method).toBe('qr');
    expect(r.rank).toBe(4);
    expect(track('x vs scipy (tall)', relErr(r.x, o.x))).toBeLessThan(1e-13);
    expect(track('residual vs scipy', Math.abs(r.residuals[0]! - o.residual) / o.residual)).toBeLessThan(
      1e-12,
    );
    const u = fixtures.lstsqUnder;
    const w = lstsq(u.A, u.b);
    expect(w.method).toBe('svd');
    expect(w.rank).toBe(3);
    expect(track('x vs scipy (wide)', relErr(w.x, u.x))).toBeLessThan(1e-13);
    expect(w.residuals[0]!).toBeLessThan(1e-25);
  });

  it('normal equations hold: Aᵀ(Ax − b) = 0 (property, matrix right-hand sides)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer(),
        (n, extra, seed) => {
          const r = rng(seed);
          const m = n + extra;
          const a = randn(r, m, n);
          const B = randn(r, m, 2);
          const { x } = lstsq(a, B);
          const resid = mul(a, x);
          for (let i = 0; i < resid.data.length; i++) resid.data[i]! -= B.data[i]!;
          const g = mul(a.transpose(), resid);
          const maxAbs = (d: Float64Array): number => d.reduce((acc, v) => Math.max(acc, Math.abs(v)), 0);
          // backward-stable bound: ‖Aᵀr‖ ≲ ε·m‖A‖(n‖A‖‖x‖ + ‖b‖), whatever κ(A)
          const scaleRef = m * maxAbs(a.data) * (n * maxAbs(a.data) * maxAbs(x.data) + maxAbs(B.data));
          expect(track('‖Aᵀr‖∞ / (m‖A‖(n‖A‖‖x‖ + ‖b‖))', maxAbs(g.data) / scaleRef)).toBeLessThan(1e-14);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('rank-deficient A falls back to the SVD minimum-norm solution', () => {
    // columns 0 and 1 identical: the minimum-norm solution splits the weight evenly
    const a = [
      [1, 1, 0],
      [2, 2, 1],
      [3, 3, 0],
      [4, 4, 1],
    ];
    const b = [2, 5, 6, 9];
    const r = lstsq(a, b);
    expect(r.method).toBe('svd');
    expect(r.rank).toBe(2);
    expect(Math.abs(r.x[0]! - r.x[1]!)).toBeLessThan(1e-13);
    expect(relErr(r.x, [1, 1, 1])).toBeLessThan(1e-13);
  });

  it('typed errors: mismatched b, bad rcond', () => {
    expect(() => lstsq([[1], [2]], [1, 2, 3])).toThrow(DimensionMismatchError);
    expect(() => lstsq([[1], [2]], [1, 2, 3])).toThrow(/b\.length/);
    expect(() => lstsq([[1], [2]], [1, 2], { rcond: -1 })).toThrow(InvalidArgumentError);
  });
});
