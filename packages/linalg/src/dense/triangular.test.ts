import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { DenseMatrix } from '../core/dense-matrix.js';
import { DimensionMismatchError, SingularMatrixError } from '../core/errors.js';
import { backwardErr, randn, relErr, rng, track, worst } from './test-utils/helpers.js';
import { solveLowerTriangular, solveUpperTriangular } from './triangular.js';

afterAll(() => console.log('triangular worst errors', worst));

/** A well-conditioned triangular matrix (dominant diagonal); garbage in the other triangle must be ignored. */
function tri(seed: number, n: number, lower: boolean, unit = false): { t: DenseMatrix; clean: DenseMatrix } {
  const r = rng(seed);
  const t = randn(r, n, n);
  const clean = t.clone();
  for (let i = 0; i < n; i++) {
    t.data[i * n + i] = unit ? 99 : 2 + Math.abs(t.data[i * n + i]!);
    clean.data[i * n + i] = unit ? 1 : t.data[i * n + i]!;
    for (let j = 0; j < n; j++) if (lower ? j > i : j < i) clean.data[i * n + j] = 0;
  }
  return { t, clean };
}

describe('triangular solves', () => {
  it('all four cases (lower/upper × plain/transposed) and unit diagonal (property, vector and matrix RHS)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 3 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.integer(),
        (n, k, lower, transpose, unit, seed) => {
          const { t, clean } = tri(seed, n, lower, unit);
          const B = randn(rng(seed + 1), n, k);
          const opts = { transpose, unitDiagonal: unit };
          const X = lower ? solveLowerTriangular(t, B, opts) : solveUpperTriangular(t, B, opts);
          const op = transpose ? clean.transpose() : clean;
          // unit triangular matrices with random entries are exponentially ill-conditioned: check backward error
          expect(track('T X − B (backward)', backwardErr(op, X, B))).toBeLessThan(1e-15);
          const x = lower
            ? solveLowerTriangular(t, B.column(0), opts)
            : solveUpperTriangular(t, B.column(0), opts);
          expect(x).toBeInstanceOf(Float64Array);
          expect(relErr(x, X.column(0))).toBeLessThan(1e-15);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('closed form and typed errors', () => {
    expect(
      Array.from(
        solveLowerTriangular(
          [
            [2, 0],
            [1, 1],
          ],
          [4, 3],
        ),
      ),
    ).toEqual([2, 1]);
    expect(
      Array.from(
        solveUpperTriangular(
          [
            [2, 1],
            [0, 1],
          ],
          [4, 1],
        ),
      ),
    ).toEqual([1.5, 1]);
    expect(() =>
      solveLowerTriangular(
        [
          [1, 0],
          [1, 0],
        ],
        [1, 1],
      ),
    ).toThrow(SingularMatrixError);
    expect(() =>
      solveLowerTriangular(
        [
          [1, 0],
          [1, 0],
        ],
        [1, 1],
      ),
    ).toThrow(/Invalid L\[1\]\[1\]/);
    expect(() => solveUpperTriangular([[0]], [1])).toThrow(/Invalid U\[0\]\[0\]/);
    expect(() => solveUpperTriangular([[1]], [1, 2])).toThrow(DimensionMismatchError);
    expect(() => solveUpperTriangular([[1, 2]], [1])).toThrow(/U\.shape/);
  });
});
