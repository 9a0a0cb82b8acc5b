import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { afterAll, describe, expect, it } from 'vitest';
import { DenseMatrix } from '../core/dense-matrix.js';
import {
  DimensionMismatchError,
  InvalidArgumentError,
  NonFiniteError,
  NotPositiveDefiniteError,
} from '../core/errors.js';
import { cholesky, choleskySolve } from './cholesky.js';
import {
  countWhere,
  hilbert,
  mul,
  randn,
  randomSpd,
  relErr,
  rng,
  track,
  worst,
} from './test-utils/helpers.js';

afterAll(() => console.log('cholesky worst errors', worst));

describe('cholesky', () => {
  it('reconstructs A = LLᵀ with L lower triangular (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer(), (n, seed) => {
        const a = randomSpd(rng(seed), n);
        const L = cholesky(a);
        expect(countWhere(n, n, (i, j) => (j > i ? L.get(i, j) !== 0 : j === i && !(L.get(i, i) > 0)))).toBe(
          0,
        );
        expect(track('LLᵀ − A', relErr(mul(L, L.transpose()), a))).toBeLessThan(1e-13);
      }),
      { numRuns: 40 },
    );
  });

  it('blocked path (n = 150 > block size 64): LLᵀ = A, and a failure deep inside reports its pivot', () => {
    const n = 150;
    const a = randomSpd(rng(21), n);
    const L = cholesky(a);
    expect(track('LLᵀ − A blocked', relErr(mul(L, L.transpose()), a))).toBeLessThan(1e-13);
    expect(countWhere(n, n, (i, j) => j > i && L.get(i, j) !== 0)).toBe(0);
    // make the leading 131×131 minor indefinite: pivot 130 fails, earlier ones succeed
    const b = DenseMatrix.identity(n);
    b.data[130 * n + 130] = -2;
    expect(() => cholesky(b)).toThrow(/pivot 130/);
    try {
      cholesky(b);
    } catch (e) {
      expect((e as NotPositiveDefiniteError).value).toBe(-2);
    }
  });

  it('matches closed forms and accepts ml-matrix and nested arrays', () => {
    const L = cholesky([
      [4, 2],
      [2, 5],
    ]);
    expect(L.toArray()).toEqual([
      [2, 0],
      [1, 2],
    ]);
    const ml = new Matrix([
      [9, 3, 3],
      [3, 5, 1],
      [3, 1, 6],
    ]);
    expect(
      relErr(
        cholesky(ml),
        DenseMatrix.from([
          [3, 0, 0],
          [1, 2, 0],
          [1, 0, Math.sqrt(5)],
        ]),
      ),
    ).toBeLessThan(1e-15);
    expect(cholesky([[2]]).get(0, 0)).toBeCloseTo(Math.SQRT2, 15);
    expect(cholesky(new DenseMatrix(0, 0)).rows).toBe(0);
  });

  it('factors the ill-conditioned Hilbert matrix (n = 10, κ ≈ 1.6e13) with small backward error', () => {
    const h = hilbert(10);
    const L = cholesky(h);
    expect(track('hilbert LLᵀ − H', relErr(mul(L, L.transpose()), h))).toBeLessThan(1e-15);
  });

  it('throws NotPositiveDefiniteError naming the argument and pivot', () => {
    const indefinite = [
      [1, 2],
      [2, 1],
    ];
    expect(() => cholesky(indefinite)).toThrow(NotPositiveDefiniteError);
    expect(() => cholesky(indefinite)).toThrow(/Invalid A.*pivot 1/);
    expect(() => cholesky(indefinite, { argumentName: 'Sigma' })).toThrow(/Invalid Sigma/);
    try {
      cholesky([
        [1, 0, 0],
        [0, -3, 0],
        [0, 0, 1],
      ]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NotPositiveDefiniteError);
      expect((e as NotPositiveDefiniteError).argument).toBe('A');
      expect((e as NotPositiveDefiniteError).value).toBe(-3);
    }
  });

  it('rejects non-square, non-finite and non-symmetric input with typed errors', () => {
    expect(() => cholesky([[1, 2]])).toThrow(DimensionMismatchError);
    expect(() => cholesky([[Number.NaN]])).toThrow(NonFiniteError);
    expect(() =>
      cholesky([
        [2, 1],
        [0, 2],
      ]),
    ).toThrow(InvalidArgumentError);
  });

  it('jitter: retries a singular PSD matrix with growing εI and reports ε', () => {
    const r = rng(7);
    const g = randn(r, 6, 3);
    const psd = mul(g, g.transpose()); // rank 3
    for (let i = 0; i < 6; i++) for (let j = 0; j < i; j++) psd.data[j * 6 + i] = psd.data[i * 6 + j]!;
    expect(() => cholesky(psd)).toThrow(NotPositiveDefiniteError);
    const { L, jitter } = cholesky(psd, { jitter: true });
    expect(jitter).toBeGreaterThan(0);
    const shifted = psd.clone();
    for (let i = 0; i < 6; i++) shifted.data[i * 6 + i]! += jitter;
    expect(relErr(mul(L, L.transpose()), shifted)).toBeLessThan(1e-12);
    const spd = randomSpd(r, 4);
    expect(cholesky(spd, { jitter: 1e-6 }).jitter).toBe(0);
    expect(() => cholesky([[-1]], { jitter: 1e-10, maxTries: 2 })).toThrow(/A \+ 1e-9·I/);
    expect(() => cholesky([[1]], { jitter: -1 })).toThrow(InvalidArgumentError);
  });
});

describe('choleskySolve', () => {
  it('solves vector and matrix right-hand sides (residual property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer(),
        (n, k, seed) => {
          const r = rng(seed);
          const a = randomSpd(r, n);
          const L = cholesky(a);
          const B = randn(r, n, k);
          const X = choleskySolve(L, B);
          expect(X).toBeInstanceOf(DenseMatrix);
          expect(track('solve residual', relErr(mul(a, X), B))).toBeLessThan(1e-12);
          const b = B.column(0);
          const x = choleskySolve(L, b);
          expect(x).toBeInstanceOf(Float64Array);
          expect(relErr(x, X.column(0))).toBeLessThan(1e-13);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('rejects a mismatched right-hand side', () => {
    const L = cholesky(randomSpd(rng(1), 3));
    expect(() => choleskySolve(L, [1, 2])).toThrow(DimensionMismatchError);
    expect(() => choleskySolve(L, [1, 2])).toThrow(/b\.length/);
    expect(() => choleskySolve(L, [1, 2, Number.NaN])).toThrow(NonFiniteError);
  });
});
