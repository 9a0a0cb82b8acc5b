import { InvalidArgumentError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import {
  gaussianLikelihood,
  likelihoodExpectations,
  logisticLikelihood,
  poissonLikelihood,
} from './glm-likelihood.js';

describe('GLM likelihoods', () => {
  it('closed-form Gaussian expectations (Poisson, Gaussian) equal 48-node Gauss–Hermite', () => {
    for (const lik of [poissonLikelihood, gaussianLikelihood(0.7)]) {
      const { expect: _closed, ...quadOnly } = lik;
      for (const [y, m, v] of [
        [3, 0.4, 0.3],
        [0, -1, 1.5],
        [7, 1.8, 0.05],
      ] as const) {
        const a = likelihoodExpectations(lik, y, m, v, 48);
        const b = likelihoodExpectations(quadOnly, y, m, v, 48);
        expect(a.value).toBeCloseTo(b.value, 10);
        expect(a.d1).toBeCloseTo(b.d1, 10);
        expect(a.d2).toBeCloseTo(b.d2, 10);
      }
    }
  });

  it('logistic derivatives match central differences and are stable for large |a|', () => {
    for (const [y, a] of [
      [1, 0.3],
      [0, -2],
      [1, 5],
    ] as const) {
      const h = 1e-5;
      expect(logisticLikelihood.d1(y, a)).toBeCloseTo(
        (logisticLikelihood.logLik(y, a + h) - logisticLikelihood.logLik(y, a - h)) / (2 * h),
        9,
      );
      expect(logisticLikelihood.d2(y, a)).toBeCloseTo(
        (logisticLikelihood.d1(y, a + h) - logisticLikelihood.d1(y, a - h)) / (2 * h),
        9,
      );
    }
    expect(logisticLikelihood.logLik(0, 800)).toBe(-800);
    expect(logisticLikelihood.logLik(1, -800)).toBe(-800);
    expect(() => gaussianLikelihood(0)).toThrow(InvalidArgumentError);
  });
});
