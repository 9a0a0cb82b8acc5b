import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DenseMatrix } from '../core/dense-matrix.js';
import { DimensionMismatchError, NonFiniteError, SingularMatrixError } from '../core/errors.js';
import { det, lu, luSolve, slogdet } from './lu.js';
import { fixtures } from './test-utils/fixtures.js';
import { countWhere, hilbert, mul, randn, relErr, rng, track, worst } from './test-utils/helpers.js';

afterAll(() => console.log('lu worst errors', worst));

describe('lu', () => {
  it('reconstructs PA = LU with unit-lower L, upper U and |lᵢⱼ| ≤ 1 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 25 }), fc.integer(), (n, seed) => {
        const a = randn(rng(seed), n, n);
        const { L, U, P, perm, sign } = lu(a);
        const bad = countWhere(
          n,
          n,
          (i, j) =>
            (i === j && L.get(i, i) !== 1) ||
            (j > i && L.get(i, j) !== 0) ||
            (j < i && U.get(i, j) !== 0) ||
            Math.abs(L.get(i, j)) > 1,
        );
        expect(bad).toBe(0);
        expect(track('PA − LU', relErr(mul(L, U), mul(P, a)))).toBeLessThan(1e-13);
        expect(Array.from(perm).sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
        expect(Math.abs(sign)).toBe(1);
      }),
      { numRuns: 40 },
    );
  });

  it('blocked path (n = 130 > block size 48, with a singular trailing part): PA = LU', () => {
    const r = rng(77);
    const n = 130;
    const a = randn(r, n, n);
    for (let j = 0; j < n; j++) a.data[100 * n + j] = a.data[99 * n + j]!; // two equal rows
    const { L, U, P } = lu(a);
    expect(track('PA − LU blocked', relErr(mul(L, U), mul(P, a)))).toBeLessThan(1e-13);
    expect(countWhere(n, n, (i, j) => j < i && U.get(i, j) !== 0)).toBe(0);
  });

  it('does not throw for a singular matrix, but luSolve does (naming A)', () => {
    const f = lu([
      [1, 2],
      [2, 4],
    ]);
    expect(f.U.get(1, 1)).toBe(0);
    expect(() => luSolve(f, [1, 1])).toThrow(SingularMatrixError);
    expect(() => luSolve(f, [1, 1])).toThrow(/Invalid A/);
    const g = lu([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(() => luSolve(g, [1, 1, 1])).toThrow(SingularMatrixError);
  });

  it('luSolve matches SciPy and handles matrix right-hand sides', () => {
    for (const c of fixtures.lu) {
      const f = lu(c.A);
      expect(track('luSolve vs scipy', relErr(luSolve(f, c.b), c.x))).toBeLessThan(1e-12);
      const n = c.A.length;
      const B = randn(rng(n), n, 3);
      const X = luSolve(f, B);
      expect(X).toBeInstanceOf(DenseMatrix);
      expect(relErr(mul(DenseMatrix.from(c.A), X), B)).toBeLessThan(1e-12);
    }
  });

  it('rejects mismatched and non-finite right-hand sides and non-square A', () => {
    const f = lu([
      [2, 1],
      [1, 3],
    ]);
    expect(() => luSolve(f, [1, 2, 3])).toThrow(DimensionMismatchError);
    expect(() => luSolve(f, [[1], [2], [3]])).toThrow(/b\.rows/);
    expect(() => luSolve(f, [1, Number.POSITIVE_INFINITY])).toThrow(NonFiniteError);
    expect(() => lu([[1, 2]])).toThrow(DimensionMismatchError);
    expect(() => lu([[1, 2]])).toThrow(/A\.shape/);
  });
});

describe('det and slogdet', () => {
  it('match SciPy and closed forms', () => {
    for (const c of fixtures.lu)
      expect(track('det vs scipy', Math.abs(det(c.A) - c.det) / Math.abs(c.det))).toBeLessThan(1e-13);
    expect(det([[3]])).toBe(3);
    expect(
      det([
        [0, 1],
        [1, 0],
      ]),
    ).toBe(-1);
    expect(det(new DenseMatrix(0, 0))).toBe(1);
    expect(
      det([
        [1, 2],
        [2, 4],
      ]),
    ).toBe(0);
  });

  it('Hilbert determinants (exact rational reference, down to 2e-53 at n = 10)', () => {
    for (const { n, det: exact } of fixtures.hilbertDet) {
      const rel = Math.abs(det(hilbert(n)) - exact) / exact;
      // forward error ≲ κ(H)·ε: κ grows ~ e^{3.5 n}
      expect(track(`hilbert det n=${n}`, rel)).toBeLessThan(Math.max(1e-14, 1e-16 * Math.exp(3.5 * n)));
      const s = slogdet(hilbert(n));
      expect(s.sign).toBe(1);
      expect(Math.abs(s.logAbsDet - Math.log(exact))).toBeLessThan(1e-3);
    }
  });

  it('slogdet avoids overflow: det(1e200·I₃) = ∞ but slogdet is finite', () => {
    const a = DenseMatrix.identity(3);
    for (let i = 0; i < 3; i++) a.data[i * 4] = -1e200;
    expect(det(a)).toBe(Number.NEGATIVE_INFINITY);
    const s = slogdet(a);
    expect(s.sign).toBe(-1);
    expect(s.logAbsDet).toBeCloseTo(600 * Math.LN10, 10);
    expect(slogdet([[0]])).toEqual({ sign: 0, logAbsDet: Number.NEGATIVE_INFINITY });
  });

  it('det is multiplicative (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer(), (n, seed) => {
        const r = rng(seed);
        const a = randn(r, n, n);
        const b = randn(r, n, n);
        const dab = det(mul(a, b));
        expect(Math.abs(dab - det(a) * det(b))).toBeLessThan(1e-10 * Math.max(1, Math.abs(dab)));
      }),
      { numRuns: 30 },
    );
  });
});
