import {
  createRng,
  DenseMatrix,
  DimensionMismatchError,
  InvalidArgumentError,
  NotPositiveDefiniteError,
  SingularMatrixError,
} from '@infogeom/linalg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { denseFisher } from './dense-fisher.js';
import { randomPsd } from './test-utils/brute-force.js';
import { checkAgainstDense } from './test-utils/conformance.js';

describe('denseFisher', () => {
  it('agrees with dense brute force (full rank and rank deficient)', () => {
    const rng = createRng(1);
    for (const [n, rank] of [
      [1, 1],
      [6, 6],
      [12, 4],
    ] as const) {
      const F = randomPsd(n, rng, rank);
      const e = checkAgainstDense(denseFisher(F), F, rng);
      expect(e.solve).toBeLessThan(1e-10);
    }
  });

  it('property: random PSD matrices', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 1000 }), (n, seed) => {
        const rng = createRng(seed);
        const F = randomPsd(n, rng, n);
        checkAgainstDense(denseFisher(F), F, rng, { dampings: [0.5] });
      }),
      { numRuns: 25 },
    );
  });

  it('typed errors', () => {
    const rng = createRng(2);
    const F = denseFisher(randomPsd(5, rng, 2));
    expect(() => F.solve(new Float64Array(5), 0)).toThrow(SingularMatrixError);
    try {
      F.logdet(0);
    } catch (err) {
      expect((err as SingularMatrixError).argument).toBe('damping');
    }
    expect(() => F.solve(new Float64Array(5), -1)).toThrow(InvalidArgumentError);
    expect(() => F.solve(new Float64Array(5), Number.NaN)).toThrow(InvalidArgumentError);
    expect(() => F.solve(new Float64Array(4), 1)).toThrow(DimensionMismatchError);
    expect(() => F.mv(new Float64Array(4))).toThrow(DimensionMismatchError);
    expect(() => F.topEigen(0)).toThrow(InvalidArgumentError);
    expect(() =>
      denseFisher([
        [1, 2],
        [2, 1],
      ]),
    ).toThrow(NotPositiveDefiniteError);
    expect(() =>
      denseFisher([
        [1, 2],
        [0, 1],
      ]),
    ).toThrow(InvalidArgumentError);
    expect(() => denseFisher(new DenseMatrix(2, 3))).toThrow(DimensionMismatchError);
  });
});
