import {
  createRng,
  DimensionMismatchError,
  InvalidArgumentError,
  NotPositiveDefiniteError,
} from '@infogeom/linalg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ekfacFisher, ekfacFromEigenbasis, ekfacFromGradients } from './ekfac-fisher.js';
import { kfacFactors } from './kfac-factors.js';
import { kfacFisher } from './kfac-fisher.js';
import { layerGradients, randomMatrix, randomPsd, relFro, secondMoment } from './test-utils/brute-force.js';
import { checkAgainstDense } from './test-utils/conformance.js';

/** Correlated per-example activations and gradients (so K-FAC is not exact). */
function data(n: number, din: number, dout: number, seed: number) {
  const rng = createRng(seed);
  const a = randomMatrix(n, din, rng);
  const g = randomMatrix(n, dout, rng);
  for (let r = 0; r < n; r++) g.data[r * dout]! *= 1 + a.data[r * din]! ** 2;
  return { a, g, V: layerGradients(a, g, true) };
}

describe('ekfacFisher', () => {
  it('agrees with dense brute force (K-FAC scalings, then refitted scalings)', () => {
    const rng = createRng(30);
    const A = randomPsd(4, rng);
    const G = randomPsd(3, rng);
    const K = kfacFisher(A, G);
    const E = ekfacFisher(A, G);
    checkAgainstDense(E, K.toDense(), rng, { k: 4 });
    const { V } = data(15, 3, 3, 31);
    const R = ekfacFromGradients(K.UA, K.UG, V);
    checkAgainstDense(R, R.toDense(), rng, { k: 4 });
    // toDense independently: Q diag(s) Qᵀ
    const Q = ekfacFromEigenbasis(R.UA, R.UG, R.scalings);
    expect(relFro(Q.toDense(), R.toDense())).toBe(0);
  });

  it('refitted scalings are at least as close (Frobenius) to the true block as K-FAC', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 1000 }),
        (n, din, dout, seed) => {
          const { a, g, V } = data(n, din, dout, seed);
          const F = secondMoment(V);
          const { A, G } = kfacFactors(a, g);
          const K = kfacFisher(A, G);
          const E = ekfacFromGradients(K.UA, K.UG, V);
          const eK = relFro(K.toDense(), F);
          const eE = relFro(E.toDense(), F);
          expect(eE).toBeLessThanOrEqual(eK + 1e-12);
          // scalings are the diagonal of F in the eigenbasis: trace is exact
          expect(Math.abs(E.trace() - F.diag().reduce((s, x) => s + x, 0))).toBeLessThan(1e-10 * E.trace());
        },
      ),
      { numRuns: 40 },
    );
  });

  it('typed errors', () => {
    const rng = createRng(32);
    const K = kfacFisher(randomPsd(2, rng), randomPsd(2, rng));
    expect(() => ekfacFromEigenbasis(K.UA, K.UG, [1, 2, 3])).toThrow(DimensionMismatchError);
    expect(() => ekfacFromEigenbasis(K.UA, K.UG, [1, 2, 3, -4])).toThrow(NotPositiveDefiniteError);
    expect(() =>
      ekfacFromEigenbasis(
        [
          [1, 1],
          [0, 1],
        ],
        K.UG,
        [1, 2, 3, 4],
      ),
    ).toThrow(InvalidArgumentError);
    expect(() => ekfacFromGradients(K.UA, K.UG, randomMatrix(3, 5, rng))).toThrow(DimensionMismatchError);
  });
});
