import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DenseMatrix } from '../core/dense-matrix.js';
import { DimensionMismatchError, InvalidArgumentError, NotPositiveDefiniteError } from '../core/errors.js';
import { spdExpm, spdInvSqrt, spdLogm, spdPower, spdSqrt, symmetricMatrixFunction } from './spd-functions.js';
import { fixtures } from './test-utils/fixtures.js';
import { mul, randomSpd, relErr, rng, track, withSpectrum, worst } from './test-utils/helpers.js';

afterAll(() => console.log('spd-functions worst errors', worst));

describe('matrix functions of symmetric matrices', () => {
  it('match SciPy (sqrtm, logm, fractional_matrix_power, expm)', () => {
    const { A, sqrtm, logm, power0_3, sym, expmSym } = fixtures.spd;
    expect(track('sqrtm vs scipy', relErr(spdSqrt(A), DenseMatrix.from(sqrtm)))).toBeLessThan(1e-13);
    expect(track('logm vs scipy', relErr(spdLogm(A), DenseMatrix.from(logm)))).toBeLessThan(1e-13);
    expect(track('power 0.3 vs scipy', relErr(spdPower(A, 0.3), DenseMatrix.from(power0_3)))).toBeLessThan(
      1e-13,
    );
    expect(track('expm vs scipy', relErr(spdExpm(sym), DenseMatrix.from(expmSym)))).toBeLessThan(1e-13);
  });

  it('identities: sqrt(A)² = A, A^{-1/2} A A^{-1/2} = I, expm(logm A) = A, A^p A^q = A^{p+q} (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer(), (n, seed) => {
        const a = randomSpd(rng(seed), n);
        const s = spdSqrt(a);
        expect(s.isSymmetric()).toBe(true);
        expect(track('sqrt² − A', relErr(mul(s, s), a))).toBeLessThan(1e-13);
        const w = spdInvSqrt(a);
        expect(track('W A W − I', relErr(mul(mul(w, a), w), DenseMatrix.identity(n)))).toBeLessThan(1e-12);
        expect(track('expm(logm A) − A', relErr(spdExpm(spdLogm(a)), a))).toBeLessThan(1e-13);
        expect(track('A^0.3 A^0.7 − A', relErr(mul(spdPower(a, 0.3), spdPower(a, 0.7)), a))).toBeLessThan(
          1e-13,
        );
        expect(relErr(spdPower(a, -1), mul(w, w))).toBeLessThan(1e-12);
        expect(relErr(spdPower(a, 0), DenseMatrix.identity(n))).toBeLessThan(1e-14);
      }),
      { numRuns: 30 },
    );
  });

  it('closed forms on known spectra and on ill-conditioned SPD matrices', () => {
    expect(
      spdSqrt([
        [4, 0],
        [0, 9],
      ]).toArray(),
    ).toEqual([
      [2, 0],
      [0, 3],
    ]);
    expect(
      relErr(
        spdExpm([
          [0, 1],
          [1, 0],
        ]),
        DenseMatrix.from([
          [Math.cosh(1), Math.sinh(1)],
          [Math.sinh(1), Math.cosh(1)],
        ]),
      ),
    ).toBeLessThan(1e-15);
    const r = rng(9);
    const spectrum = [1e-10, 1e-5, 1, 1e3];
    const a = withSpectrum(r, spectrum);
    const l = spdLogm(a);
    const back = spdExpm(l);
    // κ = 1e13: a 1e-16 relative perturbation of A moves λ_min by up to 1e-3 relative;
    // the eigen-residual stays at machine precision relative to ‖A‖.
    expect(track('ill-conditioned expm(logm) (rel to ‖A‖)', relErr(back, a))).toBeLessThan(1e-12);
    const s = spdSqrt(a);
    expect(track('ill-conditioned sqrt²', relErr(mul(s, s), a))).toBeLessThan(1e-13);
  });

  it('PSD with round-off negative eigenvalues: sqrt clips, invSqrt/logm refuse', () => {
    const v = [1, 2, 2].map((x) => x / 3);
    const rank1 = DenseMatrix.fromFunction(3, 3, (i, j) => v[i]! * v[j]!);
    const s = spdSqrt(rank1);
    expect(relErr(mul(s, s), rank1)).toBeLessThan(1e-14);
    expect(() => spdInvSqrt(rank1)).toThrow(NotPositiveDefiniteError);
    expect(() => spdLogm(rank1)).toThrow(/Invalid A/);
  });

  it('typed errors naming the argument', () => {
    const indef = [
      [1, 2],
      [2, 1],
    ];
    expect(() => spdSqrt(indef)).toThrow(NotPositiveDefiniteError);
    expect(() => spdSqrt(indef)).toThrow(/Invalid A: got -0\.99/);
    expect(() => spdPower(indef, 0.5)).toThrow(NotPositiveDefiniteError);
    expect(() => spdPower([[1]], Number.NaN)).toThrow(/Invalid p/);
    expect(() => spdExpm([[1, 2]])).toThrow(DimensionMismatchError);
    expect(() =>
      spdExpm([
        [1, 2],
        [0, 1],
      ]),
    ).toThrow(InvalidArgumentError);
    expect(() => symmetricMatrixFunction([[-1]], Math.log, 'positive', 'Sigma')).toThrow(/Invalid Sigma/);
  });
});
