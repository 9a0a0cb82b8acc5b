import { bernoulli, normal, normalKnownSigma, poisson } from '@infogeom/distributions';
import { createRng, DenseMatrix } from '@infogeom/linalg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactFisher } from './exact-fisher.js';
import { familyModel } from './family-model.js';
import { identityLink, logitLink, logLink, probitLink } from './glm-link.js';
import { glmModel } from './glm-model.js';
import { observedFisher } from './observed-fisher.js';
import { fitModel, randomDesign, relativeError, simulateLabels } from './test-utils/glm-data.js';

describe('observedFisher', () => {
  const rng = createRng(21);
  const X = randomDesign(rng, 50, 3);

  it('= the Fisher information for canonical-link GLMs, whatever the labels', () => {
    const logistic = glmModel(bernoulli, X, logitLink);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 50, maxLength: 50 }), (ys) => {
        const w = [0.4, -0.8, 1.1];
        expect(
          relativeError(
            observedFisher(logistic, w, { observations: ys }).value,
            exactFisher(logistic, w).value,
          ),
        ).toBeLessThan(1e-8);
      }),
      { numRuns: 10 },
    );
    const pois = glmModel(poisson, X, logLink);
    const w = [0.2, 0.3, -0.1];
    const ys = simulateLabels(pois, [1, 0, 0], rng);
    expect(
      relativeError(observedFisher(pois, w, { observations: ys }).value, exactFisher(pois, w).value),
    ).toBeLessThan(1e-8);
    const lin = glmModel(normalKnownSigma, X, identityLink, { base: { mu: 0, sigma: 0.5 } });
    const yl = simulateLabels(lin, w, rng);
    expect(
      relativeError(observedFisher(lin, w, { observations: yl }).value, exactFisher(lin, w).value),
    ).toBeLessThan(1e-8);
  });

  it('differs for a non-canonical link (probit) by the curvature term, closed form', () => {
    const probit = glmModel(bernoulli, X, probitLink);
    const ys = simulateLabels(probit, [0.3, -0.6, 0.9], rng);
    const w = [1, 1, -1];
    const O = observedFisher(probit, w, { observations: ys });
    // −∂²_η log p = (y/μ² + (1−y)/(1−μ)²)·μ′² − (y/μ − (1−y)/(1−μ))·μ″, μ = Φ(η)
    const expected = new DenseMatrix(3, 3);
    for (let i = 0; i < X.rows; i++) {
      const x = X.row(i);
      const eta = x[0]! * w[0]! + x[1]! * w[1]! + x[2]! * w[2]!;
      const mu = probitLink.mean(eta);
      const d1 = probitLink.meanDerivative(eta);
      const d2 = probitLink.meanSecondDerivative(eta);
      const y = ys[i]!;
      const c = (y / mu ** 2 + (1 - y) / (1 - mu) ** 2) * d1 * d1 - (y / mu - (1 - y) / (1 - mu)) * d2;
      for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) expected.data[a * 3 + b]! += c * x[a]! * x[b]!;
    }
    expect(relativeError(O.value, expected)).toBeLessThan(1e-8);
    expect(O.method).toBe('observed');
    const gap = relativeError(O.value, exactFisher(probit, w).value);
    // measured: 1.51 relative difference away from the MLE
    expect(gap).toBeGreaterThan(0.2);
    const mle = fitModel(probit, ys, [0, 0, 0]);
    const gapAtMle = relativeError(
      observedFisher(probit, mle, { observations: ys }).value,
      exactFisher(probit, mle).value,
    );
    // measured: 0.079 at the MLE (the curvature term vanishes only in expectation)
    expect(gapAtMle).toBeGreaterThan(1e-4);
    expect(gapAtMle).toBeLessThan(gap);
  });

  it('numerical Hessian path for a model without score or Jacobian', () => {
    const fm = familyModel(normal, { mu: 0, sigma: 1 });
    const { score: _s, jacobian: _j, ...plain } = fm;
    const xs = [0.3, -1.2, 2.2, 0.1];
    const O = observedFisher(plain, [0.2, 1.3], { observations: xs });
    // −∂² Σ log N(x | μ, σ): [n/σ², 2Σ(x−μ)/σ³; ·, 3Σ(x−μ)²/σ⁴ − n/σ²]
    const r = xs.map((x) => x - 0.2);
    const s1 = r.reduce((a, b) => a + b, 0);
    const s2 = r.reduce((a, b) => a + b * b, 0);
    const expected = [4 / 1.69, (2 * s1) / 1.3 ** 3, (2 * s1) / 1.3 ** 3, (3 * s2) / 1.3 ** 4 - 4 / 1.69];
    O.value.data.forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i]!, 7);
    });
    expect(Math.max(...O.differentiationError.data)).toBeLessThan(1e-6);
  });
});
