import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DenseMatrix } from '../core/dense-matrix.js';
import {
  DimensionMismatchError,
  InvalidArgumentError,
  NonFiniteError,
  NotPositiveDefiniteError,
} from '../core/errors.js';
import { eigh } from '../kernels/eigh.js';
import { det } from './lu.js';
import { dampedSolve, spdInverse, spdLogdet, spdSolve } from './spd.js';
import { fixtures } from './test-utils/fixtures.js';
import {
  hilbert,
  mul,
  randn,
  randomSpd,
  relErr,
  rng,
  track,
  withSpectrum,
  worst,
} from './test-utils/helpers.js';

afterAll(() => console.log('spd worst errors', worst));

describe('spdSolve, spdInverse, spdLogdet', () => {
  it('match SciPy', () => {
    const { A, inv, logdet } = fixtures.spd;
    expect(track('spdInverse vs scipy', relErr(spdInverse(A), DenseMatrix.from(inv)))).toBeLessThan(1e-13);
    expect(track('spdLogdet vs scipy', Math.abs(spdLogdet(A) - logdet) / Math.abs(logdet))).toBeLessThan(
      1e-14,
    );
  });

  it('residual, symmetry of the inverse, logdet = log det = Σ log λ (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer(), (n, seed) => {
        const r = rng(seed);
        const a = randomSpd(r, n);
        const b = randn(r, n, 1).data;
        const x = spdSolve(a, b);
        expect(track('spdSolve residual', relErr(mul(a, new DenseMatrix(n, 1, x)).data, b))).toBeLessThan(
          1e-12,
        );
        const ai = spdInverse(a);
        expect(ai.isSymmetric()).toBe(true);
        expect(track('A·A⁻¹ − I', relErr(mul(a, ai), DenseMatrix.identity(n)))).toBeLessThan(1e-12);
        const ld = spdLogdet(a);
        const ref = Math.log(det(a));
        expect(track('logdet vs log det', Math.abs(ld - ref) / Math.max(1, Math.abs(ref)))).toBeLessThan(
          1e-13,
        );
        const sumLog = eigh(a).values.reduce((s, v) => s + Math.log(v), 0);
        expect(
          track('logdet vs Σ log λ', Math.abs(ld - sumLog) / Math.max(1, Math.abs(sumLog))),
        ).toBeLessThan(1e-12);
      }),
      { numRuns: 30 },
    );
  });

  it('logdet survives where det underflows: 1e-200·I₄ and the Hilbert matrix', () => {
    const a = DenseMatrix.identity(4);
    for (let i = 0; i < 4; i++) a.data[i * 5] = 1e-200;
    expect(det(a)).toBe(0);
    expect(spdLogdet(a)).toBeCloseTo(-800 * Math.LN10, 10);
    // log det H₈ from the exact rational determinant
    const exact = Math.log(fixtures.hilbertDet[7]!.det);
    expect(Math.abs(spdLogdet(hilbert(8)) - exact)).toBeLessThan(1e-6);
  });

  it('typed errors naming the argument', () => {
    expect(() =>
      spdSolve(
        [
          [1, 2],
          [2, 1],
        ],
        [1, 1],
      ),
    ).toThrow(NotPositiveDefiniteError);
    expect(() =>
      spdSolve(
        [
          [1, 2],
          [2, 1],
        ],
        [1, 1],
      ),
    ).toThrow(/Invalid A/);
    expect(() => spdLogdet([[1, 2, 3]])).toThrow(DimensionMismatchError);
    expect(() => spdInverse([[Number.POSITIVE_INFINITY]])).toThrow(NonFiniteError);
    expect(() =>
      spdSolve(
        [
          [2, 0],
          [0, 2],
        ],
        [1],
      ),
    ).toThrow(/b\.length/);
    expect(() =>
      spdSolve(
        [
          [2, 1],
          [0, 2],
        ],
        [1, 1],
      ),
    ).toThrow(InvalidArgumentError);
  });
});

describe('dampedSolve', () => {
  it('solves (A + λI)x = b, including for a singular PSD A (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.double({ min: 1e-6, max: 10, noNaN: true }),
        fc.integer(),
        (n, lambda, seed) => {
          const r = rng(seed);
          const g = randn(r, n, Math.max(1, n - 2));
          const a = mul(g, g.transpose()); // PSD, singular for n > 2
          for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a.data[j * n + i] = a.data[i * n + j]!;
          const b = randn(r, n, 2);
          const x = dampedSolve(a, b, lambda);
          const shifted = a.clone();
          for (let i = 0; i < n; i++) shifted.data[i * n + i]! += lambda;
          // backward error ‖(A+λI)x − b‖ / (‖A+λI‖‖x‖): small even when A + λI is ill-conditioned
          const maxAbs = (d: Float64Array): number => d.reduce((acc, v) => Math.max(acc, Math.abs(v)), 0);
          const res = mul(shifted, x);
          for (let i = 0; i < res.data.length; i++) res.data[i]! -= b.data[i]!;
          const backward = maxAbs(res.data) / (n * maxAbs(shifted.data) * maxAbs(x.data));
          expect(track('damped backward error', backward)).toBeLessThan(1e-14);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('λ = 0 equals spdSolve; an indefinite A needs λ > −λ_min', () => {
    const a = withSpectrum(rng(4), [-1, 2, 3]);
    const b = [1, 2, 3];
    expect(relErr(dampedSolve(randomSpd(rng(1), 3), b, 0), spdSolve(randomSpd(rng(1), 3), b))).toBe(0);
    expect(() => dampedSolve(a, b, 0.5)).toThrow(NotPositiveDefiniteError);
    expect(() => dampedSolve(a, b, 0.5)).toThrow(/Invalid lambda: got 0\.5/);
    const x = dampedSolve(a, b, 1.5);
    const shifted = a.clone();
    for (let i = 0; i < 3; i++) shifted.data[i * 4]! += 1.5;
    expect(relErr(mul(shifted, new DenseMatrix(3, 1, x)).data, b)).toBeLessThan(1e-13);
  });

  it('rejects a negative or non-finite λ with an error naming lambda', () => {
    expect(() => dampedSolve([[1]], [1], -1e-3)).toThrow(InvalidArgumentError);
    expect(() => dampedSolve([[1]], [1], -1e-3)).toThrow(/Invalid lambda/);
    expect(() => dampedSolve([[1]], [1], Number.NaN)).toThrow(/lambda/);
  });
});
