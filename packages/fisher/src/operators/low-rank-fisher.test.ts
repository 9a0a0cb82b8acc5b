import {
  createRng,
  DimensionMismatchError,
  matmulTransB,
  NotPositiveDefiniteError,
  SingularMatrixError,
} from '@infogeom/linalg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { empiricalFisherFromGradients } from './empirical-fisher-from-gradients.js';
import { lowRankFisher } from './low-rank-fisher.js';
import { randomMatrix, relFro, secondMoment } from './test-utils/brute-force.js';
import { checkAgainstDense } from './test-utils/conformance.js';

/** U diag(s) Uᵀ + diag(d) built densely. */
function reference(U: ReturnType<typeof randomMatrix>, s: Float64Array, d: Float64Array) {
  const Us = U.clone();
  for (let i = 0; i < U.rows; i++) for (let j = 0; j < U.cols; j++) Us.data[i * U.cols + j]! *= s[j]!;
  const M = matmulTransB(Us, U);
  for (let i = 0; i < d.length; i++) M.data[i * d.length + i]! += d[i]!;
  return M;
}

describe('lowRankFisher', () => {
  it('Woodbury solve and determinant lemma agree with dense brute force', () => {
    const rng = createRng(20);
    const U = randomMatrix(10, 3, rng);
    const s = Float64Array.from([2, 0.5, 1]);
    const d = Float64Array.from({ length: 10 }, () => 0.1 + rng.uniform());
    checkAgainstDense(lowRankFisher(U, s, d), reference(U, s, d), rng, { k: 3 });
    // constant diagonal: exact topEigen through the r×r Gram matrix
    const c = new Float64Array(10).fill(0.3);
    checkAgainstDense(lowRankFisher(U, s, c), reference(U, s, c), rng, { k: 3 });
    // no diagonal: singular, needs damping
    const z = new Float64Array(10);
    checkAgainstDense(lowRankFisher(U, s), reference(U, s, z), rng, { k: 2 });
  });

  it('property: random factors', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 1000 }),
        (p, r, seed) => {
          const rng = createRng(seed);
          const U = randomMatrix(p, r, rng);
          const s = Float64Array.from({ length: r }, () => rng.uniform());
          const d = Float64Array.from({ length: p }, () => 0.05 + rng.uniform());
          checkAgainstDense(lowRankFisher(U, s, d), reference(U, s, d), rng, { dampings: [0.2], k: 1 });
        },
      ),
      { numRuns: 25 },
    );
  });

  it('empiricalFisherFromGradients: dense and low-rank agree with (1/n) Σ ggᵀ', () => {
    const rng = createRng(21);
    const V = randomMatrix(4, 9, rng);
    const ref = secondMoment(V);
    const lr = empiricalFisherFromGradients(V);
    expect(lr.kind).toBe('lowRank');
    expect(relFro(lr.toDense(), ref)).toBeLessThan(1e-14);
    const de = empiricalFisherFromGradients(V, { representation: 'dense' });
    expect(de.kind).toBe('dense');
    expect(relFro(de.toDense(), ref)).toBeLessThan(1e-14);
    checkAgainstDense(lr, ref, rng, { k: 2 });
    expect(empiricalFisherFromGradients(randomMatrix(12, 3, rng)).kind).toBe('dense');
  });

  it('typed errors', () => {
    const rng = createRng(22);
    const U = randomMatrix(4, 2, rng);
    expect(() => lowRankFisher(U, [1, -1])).toThrow(NotPositiveDefiniteError);
    expect(() => lowRankFisher(U, [1, 1], [1, 1, 1, -1])).toThrow(NotPositiveDefiniteError);
    expect(() => lowRankFisher(U, [1])).toThrow(DimensionMismatchError);
    expect(() => lowRankFisher(U, [1, 1], [1])).toThrow(DimensionMismatchError);
    expect(() => lowRankFisher(U).solve(new Float64Array(4), 0)).toThrow(SingularMatrixError);
    expect(() => lowRankFisher(U).logdet()).toThrow(SingularMatrixError);
  });
});
