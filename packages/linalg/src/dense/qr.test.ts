import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DenseMatrix } from '../core/dense-matrix.js';
import { InvalidArgumentError, NonFiniteError } from '../core/errors.js';
import { qr } from './qr.js';
import {
  countWhere,
  hilbert,
  mul,
  orthoErr,
  randn,
  relErr,
  rng,
  track,
  worst,
} from './test-utils/helpers.js';

afterAll(() => console.log('qr worst errors', worst));

function checkQr(a: DenseMatrix, mode: 'reduced' | 'complete'): void {
  const { Q, R } = qr(a, { mode });
  const { rows: m, cols: n } = a;
  const k = mode === 'complete' ? m : Math.min(m, n);
  expect([Q.rows, Q.cols, R.rows, R.cols]).toEqual([m, k, k, n]);
  expect(countWhere(R.rows, n, (i, j) => j < i && R.get(i, j) !== 0)).toBe(0);
  if (m * n > 0) expect(track(`QR − A (${mode})`, relErr(mul(Q, R), a))).toBeLessThan(1e-13);
  if (k > 0) expect(track(`QᵀQ − I (${mode})`, orthoErr(Q))).toBeLessThan(1e-13);
}

describe('qr', () => {
  it('reduced and complete: QR = A, Q orthonormal, R upper (property, tall and wide)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 15 }),
        fc.integer({ min: 0, max: 15 }),
        fc.integer(),
        (m, n, seed) => {
          const a = randn(rng(seed), m, n);
          checkQr(a, 'reduced');
          checkQr(a, 'complete');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('blocked compact-WY path (k ≥ 64): tall, wide, square, complete, rank-deficient', () => {
    const r = rng(13);
    checkQr(randn(r, 150, 70), 'reduced');
    checkQr(randn(r, 70, 150), 'reduced');
    checkQr(randn(r, 100, 100), 'complete');
    checkQr(randn(r, 130, 66), 'complete');
    checkQr(mul(randn(r, 90, 20), randn(r, 20, 80)), 'reduced');
  });

  it('handles rank-deficient, zero, ill-conditioned and badly scaled matrices', () => {
    const r = rng(3);
    const lowRank = mul(randn(r, 8, 2), randn(r, 2, 5));
    checkQr(lowRank, 'reduced');
    checkQr(DenseMatrix.zeros(4, 3), 'complete');
    checkQr(hilbert(12), 'reduced');
    for (const s of [1e-150, 1e150]) {
      const a = randn(r, 6, 4);
      for (let i = 0; i < a.data.length; i++) a.data[i]! *= s;
      checkQr(a, 'reduced');
    }
  });

  it('|rᵢᵢ| matches a closed form: for A = [[3], [4]], R = [[∓5]]', () => {
    const { Q, R } = qr([[3], [4]]);
    expect(Math.abs(R.get(0, 0))).toBeCloseTo(5, 14);
    expect(Math.abs(Q.get(0, 0))).toBeCloseTo(0.6, 15);
  });

  it('rejects a bad mode and non-finite input', () => {
    expect(() => qr([[1]], { mode: 'full' as 'reduced' })).toThrow(InvalidArgumentError);
    expect(() => qr([[1]], { mode: 'full' as 'reduced' })).toThrow(/options\.mode/);
    expect(() => qr([[Number.NaN]])).toThrow(NonFiniteError);
  });
});
