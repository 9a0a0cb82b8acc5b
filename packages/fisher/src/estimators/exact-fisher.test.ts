import {
  bernoulli,
  categorical,
  gamma,
  normal,
  normalKnownSigma,
  type Params,
  poisson,
} from '@infogeom/distributions';
import { createRng, DenseMatrix, DimensionMismatchError } from '@infogeom/linalg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactFisher } from './exact-fisher.js';
import { familyModel } from './family-model.js';
import { identityLink, logitLink, logLink } from './glm-link.js';
import { glmModel } from './glm-model.js';
import type { Model } from './model.js';
import { randomDesign, relativeError } from './test-utils/glm-data.js';

/** Xᵀ diag(d) X. */
function weightedGram(X: DenseMatrix, d: (eta: number) => number, w: ArrayLike<number>): DenseMatrix {
  const p = X.cols;
  const out = new DenseMatrix(p, p);
  for (let i = 0; i < X.rows; i++) {
    const x = X.row(i);
    const c = d(x.reduce((s, v, j) => s + v * w[j]!, 0));
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) out.data[a * p + b]! += c * x[a]! * x[b]!;
  }
  return out;
}

describe('exactFisher', () => {
  const X = randomDesign(createRng(1), 60, 3);

  it('logistic regression: Xᵀ diag(p(1 − p)) X', () => {
    const w = [0.3, -1.2, 0.8];
    const F = exactFisher(glmModel(bernoulli, X, logitLink), w);
    const expected = weightedGram(
      X,
      (eta) => {
        const p = 1 / (1 + Math.exp(-eta));
        return p * (1 - p);
      },
      w,
    );
    expect(relativeError(F.value, expected)).toBeLessThan(1e-13);
    expect(F.method).toBe('exact');
    expect(F.terms).toBe(60);
    expect(Math.max(...F.standardError.data)).toBe(0);
  });

  it('Poisson regression: Xᵀ diag(μ) X; linear regression: XᵀX/σ²', () => {
    const w = [0.5, 0.2, -0.4];
    const Fp = exactFisher(glmModel(poisson, X, logLink), w);
    expect(relativeError(Fp.value, weightedGram(X, Math.exp, w))).toBeLessThan(1e-13);
    const Fg = exactFisher(glmModel(normalKnownSigma, X, identityLink, { base: { mu: 0, sigma: 2 } }), w);
    expect(
      relativeError(
        Fg.value,
        weightedGram(X, () => 1 / 4, w),
      ),
    ).toBeLessThan(1e-13);
  });

  it('familyModel: equals family.fisher', () => {
    const cases: Array<[Model<Params>, Params]> = [
      [familyModel(normal, { mu: 0, sigma: 1 }) as Model<Params>, { mu: 1.5, sigma: 0.7 }],
      [familyModel(gamma, { shape: 1, rate: 1 }) as Model<Params>, { shape: 2.5, rate: 0.3 }],
      [
        familyModel(categorical, { p: Float64Array.of(0.2, 0.3, 0.5) }) as Model<Params>,
        { p: Float64Array.of(0.1, 0.6, 0.3) },
      ],
    ];
    for (const [m, params] of cases) {
      const F = exactFisher(m, m.family.space.toCoordinates(params));
      expect(relativeError(F.value, m.family.fisher(params))).toBeLessThan(1e-14);
    }
  });

  it('a model without a Jacobian uses finite differences', () => {
    const glm = glmModel(bernoulli, X, logitLink);
    const { jacobian: _, ...noJacobian } = glm;
    const w = [0.3, -1.2, 0.8];
    expect(relativeError(exactFisher(noJacobian, w).value, exactFisher(glm, w).value)).toBeLessThan(1e-9);
  });

  it('is symmetric positive semidefinite at any w (property)', () => {
    const m = glmModel(bernoulli, X, logitLink);
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 3, maxLength: 3 }),
        (w) => {
          const F = exactFisher(m, w).value;
          expect(F.isSymmetric(1e-12)).toBe(true);
          const v = [1, -2, 0.5];
          let q = 0;
          for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) q += v[i]! * F.get(i, j) * v[j]!;
          expect(q).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('rejects parameters of the wrong length', () => {
    expect(() => exactFisher(glmModel(bernoulli, X, logitLink), [1, 2])).toThrow(DimensionMismatchError);
  });
});
