/** The `@example`s of src/dense restated at tight tolerances (apps/docs/test/api-examples.test.ts runs them verbatim and checks their printed output). */
import { describe, expect, it } from 'vitest';
import { cholesky } from './cholesky.js';
import { lstsq } from './lstsq.js';
import { nearestSpd } from './nearest-spd.js';
import { solve } from './solve.js';
import { dampedSolve } from './spd.js';
import { spdSqrt } from './spd-functions.js';
import { svd } from './svd.js';
import { relErr } from './test-utils/helpers.js';
import { fitWhitening } from './whitening.js';

describe('doc comment examples', () => {
  it('cholesky', () => {
    const L = cholesky([
      [4, 2],
      [2, 5],
    ]); // [[2, 0], [1, 2]]
    const { jitter } = cholesky(
      [
        [1, 1],
        [1, 1],
      ],
      { jitter: true },
    ); // singular PSD: jitter > 0
    expect(L.toArray()).toEqual([
      [2, 0],
      [1, 2],
    ]);
    expect(jitter).toBeGreaterThan(0);
  });

  it('solve, lstsq, svd, dampedSolve', () => {
    const x = solve(
      [
        [2, 1],
        [1, 3],
      ],
      [3, 5],
    ); // Float64Array [0.8, 1.4]
    expect(relErr(x, [0.8, 1.4])).toBeLessThan(1e-15);
    const fit = lstsq(
      [
        [1, 0],
        [1, 1],
        [1, 2],
      ],
      [1, 3, 5],
    ); // x ≈ [1, 2], rank 2
    expect(relErr(fit.x, [1, 2])).toBeLessThan(1e-14);
    expect(fit.rank).toBe(2);
    const { U, s, V } = svd([
      [3, 0],
      [4, 5],
    ]); // s = [3√5, √5]
    expect(relErr(s, [3 * Math.sqrt(5), Math.sqrt(5)])).toBeLessThan(1e-15);
    expect(U.rows + V.rows).toBe(4);
    const xd = dampedSolve(
      [
        [1, 0],
        [0, 0],
      ],
      [2, 1],
      1,
    ); // (A + I)x = b: x ≈ [1, 1]
    expect(relErr(xd, [1, 1])).toBeLessThan(1e-15);
  });

  it('nearestSpd, fitWhitening, spdSqrt', () => {
    const X = nearestSpd([
      [1, 2],
      [2, 1],
    ]); // eigenvalues 3, −1 → [[1.5, 1.5], [1.5, 1.5]]
    expect(relErr(X.data, [1.5, 1.5, 1.5, 1.5])).toBeLessThan(1e-15);
    const w = fitWhitening(
      [
        [2, 0],
        [-2, 0],
        [0, 1],
        [0, -1],
      ],
      { method: 'zca' },
    );
    const Y = w.transform([[2, 0]]); // whitened sample; w.inverseTransform(Y) gives it back
    expect(relErr(w.inverseTransform(Y).data, [2, 0])).toBeLessThan(1e-15);
    const S = spdSqrt([
      [4, 0],
      [0, 9],
    ]); // [[2, 0], [0, 3]]
    expect(relErr(S.data, [2, 0, 0, 3])).toBeLessThan(1e-15);
  });
});
