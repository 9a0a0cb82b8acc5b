import {
  createRng,
  DenseMatrix,
  dampedSolve,
  InvalidArgumentError,
  NotPositiveDefiniteError,
  SingularMatrixError,
} from '@infogeom/linalg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kfacFactors } from './kfac-factors.js';
import { kfacFisher } from './kfac-fisher.js';
import {
  layerGradients,
  randomMatrix,
  randomPsd,
  randomVector,
  relErr,
  relFro,
} from './test-utils/brute-force.js';
import { checkAgainstDense } from './test-utils/conformance.js';

/** G ⊗ A built entry by entry from the definition. */
function kron(G: DenseMatrix, A: DenseMatrix): DenseMatrix {
  const p = A.rows;
  return DenseMatrix.fromFunction(
    G.rows * p,
    G.rows * p,
    (r, c) => G.get(Math.floor(r / p), Math.floor(c / p)) * A.get(r % p, c % p),
  );
}

describe('kfacFisher', () => {
  it('agrees with dense brute force on G ⊗ A', () => {
    const rng = createRng(5);
    for (const [p, q, rank] of [
      [4, 3, 4],
      [5, 2, 2],
      [1, 1, 1],
    ] as const) {
      const A = randomPsd(p, rng, rank);
      const G = randomPsd(q, rng);
      checkAgainstDense(kfacFisher(A, G), kron(G, A), rng, { k: Math.min(4, p * q) });
    }
  });

  it('property: random factors', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 1000 }),
        (p, q, seed) => {
          const rng = createRng(seed);
          const A = randomPsd(p, rng);
          const G = randomPsd(q, rng);
          checkAgainstDense(kfacFisher(A, G), kron(G, A), rng, { dampings: [0.3], k: 1 });
        },
      ),
      { numRuns: 25 },
    );
  });

  it('vec convention: vec(g āᵀ) row-major is g ⊗ ā, and one datum gives F = G ⊗ A', () => {
    const rng = createRng(6);
    const acts = randomMatrix(1, 3, rng);
    const grads = randomMatrix(1, 2, rng);
    const V = layerGradients(acts, grads, true);
    const { A, G } = kfacFactors(acts, grads, { bias: true });
    expect(A.rows).toBe(4);
    expect(A.get(3, 3)).toBe(1);
    const F = kfacFisher(A, G);
    // F v = (v·vec(gāᵀ)) vec(gāᵀ) for the single datum
    const v = randomVector(8, rng);
    const vg = V.row(0);
    const s = vg.reduce((t, x, i) => t + x * v[i]!, 0);
    expect(
      relErr(
        F.mv(v),
        vg.map((x) => s * x),
      ),
    ).toBeLessThan(1e-14);
  });

  it('factored (π-adjusted) damping: exact formula, and close to exact damping for small λ', () => {
    const rng = createRng(7);
    const A = randomPsd(4, rng);
    const G = randomPsd(3, rng);
    const F = kfacFisher(A, G);
    const trA = A.diag().reduce((a, b) => a + b, 0) / 4;
    const trG = G.diag().reduce((a, b) => a + b, 0) / 3;
    const pi = Math.sqrt(trA / trG);
    expect(F.pi).toBeCloseTo(pi, 14);
    const lam = 0.25;
    const Ad = A.clone();
    const Gd = G.clone();
    for (let i = 0; i < 4; i++) Ad.data[i * 4 + i]! += pi * Math.sqrt(lam);
    for (let i = 0; i < 3; i++) Gd.data[i * 3 + i]! += Math.sqrt(lam) / pi;
    const b = randomVector(12, rng);
    const ref = dampedSolve(kron(Gd, Ad), b, 0);
    expect(relErr(F.solveFactored(b, lam), ref)).toBeLessThan(1e-10);
    const Ff = kfacFisher(A, G, { damping: 'factored' });
    expect(relErr(Ff.solve(b, lam), ref)).toBeLessThan(1e-10);
    // factored ≠ exact, but agree as λ → 0
    const exact = (l: number) => dampedSolve(kron(G, A), b, l);
    expect(relErr(F.solveFactored(b, lam), exact(lam))).toBeGreaterThan(1e-3);
    expect(relErr(F.solveFactored(b, 1e-20), exact(0))).toBeLessThan(1e-4);
  });

  it('typed errors', () => {
    const rng = createRng(8);
    expect(() =>
      kfacFisher(
        [
          [1, 2],
          [2, 1],
        ],
        [[1]],
      ),
    ).toThrow(NotPositiveDefiniteError);
    expect(() => kfacFisher([[1]], [[-1]])).toThrow(NotPositiveDefiniteError);
    expect(() =>
      kfacFisher(
        [
          [1, 2],
          [0, 1],
        ],
        [[1]],
      ),
    ).toThrow(InvalidArgumentError);
    const F = kfacFisher(randomPsd(3, rng, 1), randomPsd(2, rng));
    expect(() => F.solve(new Float64Array(6), 0)).toThrow(SingularMatrixError);
    expect(() => F.solveFactored(new Float64Array(6), -1)).toThrow(InvalidArgumentError);
    expect(() => kfacFactors(randomMatrix(3, 2, rng), randomMatrix(4, 2, rng))).toThrow();
    expect(relFro(F.toDense(), kron(F.G, F.A))).toBe(0);
  });
});
