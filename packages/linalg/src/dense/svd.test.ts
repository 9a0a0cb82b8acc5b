import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DenseMatrix } from '../core/dense-matrix.js';
import { NonFiniteError } from '../core/errors.js';
import { svd } from './svd.js';
import { fixtures } from './test-utils/fixtures.js';
import {
  countWhere,
  hilbert,
  mul,
  orthoErr,
  randn,
  randomOrthogonal,
  relErr,
  rng,
  track,
  worst,
} from './test-utils/helpers.js';

afterAll(() => console.log('svd worst errors', worst));

function reconstruct(U: DenseMatrix, s: Float64Array, V: DenseMatrix): DenseMatrix {
  const us = DenseMatrix.fromFunction(U.rows, U.cols, (i, j) => U.get(i, j) * s[j]!);
  return mul(us, V.transpose());
}

function checkSvd(a: DenseMatrix, label: string): void {
  const { U, s, V } = svd(a);
  const k = Math.min(a.rows, a.cols);
  expect([U.rows, U.cols, s.length, V.rows, V.cols]).toEqual([a.rows, k, k, a.cols, k]);
  expect(countWhere(1, k, (_, i) => s[i]! < 0 || (i > 0 && s[i]! > s[i - 1]!))).toBe(0);
  if (k === 0) return;
  if (s[0]! > 0) expect(track(`UΣVᵀ − A ${label}`, relErr(reconstruct(U, s, V), a))).toBeLessThan(1e-13);
  expect(track(`UᵀU − I ${label}`, orthoErr(U))).toBeLessThan(1e-13);
  expect(track(`VᵀV − I ${label}`, orthoErr(V))).toBeLessThan(1e-13);
}

describe('svd', () => {
  it('reconstructs A = UΣVᵀ with orthonormal U, V (property, tall, wide, square)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 0, max: 14 }),
        fc.integer(),
        (m, n, seed) => {
          checkSvd(randn(rng(seed), m, n), 'random');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('singular values match LAPACK (SciPy) to ~1e-14 relative, including graded and rank-deficient', () => {
    for (const c of fixtures.svd) {
      const { s } = svd(c.A);
      const s0 = c.s[0]!;
      for (let i = 0; i < s.length; i++) {
        // rank-deficient: LAPACK's "zeros" are round-off, compare against s₀; otherwise relative
        const ref = c.s[i]!;
        const err = Math.abs(s[i]! - ref) / (c.name.startsWith('rank') && i >= 3 ? s0 : ref);
        expect(track(`s vs scipy (${c.name})`, err)).toBeLessThan(
          c.name.startsWith('graded') ? 1e-12 : 1e-13,
        );
      }
      checkSvd(DenseMatrix.from(c.A), c.name);
    }
  });

  it('closed forms: 2×2, diagonal, rank one, zero matrix', () => {
    // [[3, 0], [4, 5]] has singular values 3√5 and √5
    const { s } = svd([
      [3, 0],
      [4, 5],
    ]);
    expect(relErr(s, [3 * Math.sqrt(5), Math.sqrt(5)])).toBeLessThan(2e-16);
    expect(
      Array.from(
        svd([
          [0, -2, 0],
          [1, 0, 0],
        ]).s,
      ),
    ).toEqual([2, 1]);
    const u = [1, 2, 2];
    const v = [3, 4];
    const r1 = svd(DenseMatrix.fromFunction(3, 2, (i, j) => u[i]! * v[j]!));
    expect(r1.s[0]).toBeCloseTo(15, 13);
    expect(r1.s[1]).toBeLessThan(1e-14);
    checkSvd(
      DenseMatrix.fromFunction(3, 2, (i, j) => u[i]! * v[j]!),
      'rank one',
    );
    const z = svd(DenseMatrix.zeros(4, 3));
    expect(Array.from(z.s)).toEqual([0, 0, 0]);
    expect(orthoErr(z.U)).toBeLessThan(1e-15);
    expect(orthoErr(z.V)).toBeLessThan(1e-15);
  });

  it('known spectrum spanning 1e-12…1: every singular value to relative 1e-13 (κ-independent)', () => {
    const r = rng(11);
    const n = 10;
    const sv = Array.from({ length: n }, (_, i) => 10 ** (-(12 * i) / (n - 1)));
    // A = diag-scaled orthogonal: rows scaled, so relative accuracy is guaranteed by one-sided Jacobi
    const q = randomOrthogonal(r, n);
    const a = DenseMatrix.fromFunction(n, n, (i, j) => sv[i]! * q.get(i, j));
    const { s } = svd(a);
    for (let i = 0; i < n; i++)
      expect(track('graded relative', Math.abs(s[i]! - sv[i]!) / sv[i]!)).toBeLessThan(1e-13);
  });

  it('is accurate on Hilbert(12) and on matrices scaled by 1e±150', () => {
    checkSvd(hilbert(12), 'hilbert');
    const a = randn(rng(5), 7, 5);
    const ref = svd(a).s;
    for (const f of [1e-150, 1e150]) {
      const b = DenseMatrix.fromFunction(7, 5, (i, j) => a.get(i, j) * f);
      const { s } = svd(b);
      expect(
        track(
          'scaled s',
          relErr(
            s.map((x) => x / f),
            ref,
          ),
        ),
      ).toBeLessThan(1e-14);
      checkSvd(b, 'scaled');
    }
  });

  it('larger sizes exercise the blocked QR: 120×70 and 70×120', () => {
    const r = rng(17);
    checkSvd(randn(r, 120, 70), 'blocked');
    checkSvd(randn(r, 70, 120), 'blocked');
  });

  it('vectors: false returns only s', () => {
    const a = randn(rng(2), 5, 3);
    const r = svd(a, { vectors: false });
    expect(r.U.rows).toBe(0);
    expect(relErr(r.s, svd(a).s)).toBeLessThan(1e-15);
    expect(() => svd([[Number.NaN]])).toThrow(NonFiniteError);
  });
});
