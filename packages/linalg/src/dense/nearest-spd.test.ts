import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DenseMatrix } from '../core/dense-matrix.js';
import { DimensionMismatchError, InvalidArgumentError } from '../core/errors.js';
import { eigh } from '../kernels/eigh.js';
import { cholesky } from './cholesky.js';
import { frobeniusNorm, sub, symmetrize } from './matrix-ops.js';
import { nearestSpd } from './nearest-spd.js';
import { randn, randomSpd, relErr, rng, track, withSpectrum, worst } from './test-utils/helpers.js';

afterAll(() => console.log('nearestSpd worst errors', worst));

describe('nearestSpd', () => {
  it('returns an SPD matrix unchanged', () => {
    const a = randomSpd(rng(1), 6);
    expect(track('nearestSpd(SPD) − A', relErr(nearestSpd(a), a))).toBeLessThan(1e-15);
  });

  it('of an indefinite or non-symmetric matrix is symmetric PSD at the closed-form distance, and beats other PSD candidates (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer(), (n, seed) => {
        const r = rng(seed);
        const a = randn(r, n, n);
        const x = nearestSpd(a);
        expect(x.isSymmetric()).toBe(true);
        const { values } = eigh(x, { vectors: false });
        const scale = frobeniusNorm(a);
        expect(values[0]!).toBeGreaterThanOrEqual(-1e-14 * scale);
        // ‖A − X‖²_F = ‖skew(A)‖²_F + Σ_{λᵢ(B) < 0} λᵢ²
        const b = symmetrize(a);
        const lb = eigh(b, { vectors: false }).values;
        const skew = frobeniusNorm(sub(a, b));
        const neg = lb.reduce((s, l) => s + (l < 0 ? l * l : 0), 0);
        const dist = frobeniusNorm(sub(a, x));
        expect(
          track('distance vs closed form', Math.abs(dist - Math.sqrt(skew * skew + neg)) / scale),
        ).toBeLessThan(1e-13);
        // candidates: the diagonal shift B + |λ_min|I, the clipped diagonal of B, random PSD matrices
        const shift = b.clone();
        const lmin = Math.min(0, lb[0]!);
        for (let i = 0; i < n; i++) shift.data[i * n + i]! -= lmin;
        expect(dist).toBeLessThanOrEqual(frobeniusNorm(sub(a, shift)) * (1 + 1e-12));
        const diag = DenseMatrix.diagonal(b.diag().map((v) => Math.max(v, 0)));
        expect(dist).toBeLessThanOrEqual(frobeniusNorm(sub(a, diag)) * (1 + 1e-12));
        for (let t = 0; t < 3; t++) {
          const p = x.clone();
          const g = randn(r, n, 1).data;
          for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) p.data[i * n + j]! += 0.1 * g[i]! * g[j]!;
          expect(dist).toBeLessThanOrEqual(frobeniusNorm(sub(a, p)) * (1 + 1e-12));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('minEigenvalue floor makes the result Cholesky-factorable', () => {
    const a = withSpectrum(rng(3), [-2, -1e-3, 0.5, 4]);
    const x = nearestSpd(a, { minEigenvalue: 1e-6 });
    expect(eigh(x, { vectors: false }).values[0]!).toBeGreaterThan(1e-6 * (1 - 1e-6));
    expect(() => cholesky(x)).not.toThrow();
    expect(() => nearestSpd(a, { minEigenvalue: -1 })).toThrow(InvalidArgumentError);
    expect(() => nearestSpd(a, { minEigenvalue: -1 })).toThrow(/options\.minEigenvalue/);
    expect(() => nearestSpd([[1, 2]])).toThrow(DimensionMismatchError);
  });

  it('closed form: [[1, 2], [2, 1]] (eigenvalues 3, −1) → [[1.5, 1.5], [1.5, 1.5]]', () => {
    expect(
      relErr(
        nearestSpd([
          [1, 2],
          [2, 1],
        ]),
        DenseMatrix.from([
          [1.5, 1.5],
          [1.5, 1.5],
        ]),
      ),
    ).toBeLessThan(1e-15);
  });
});
