/** The `ts` examples of the doc comments (and the README) restated at tight tolerances; apps/docs/test/api-examples.test.ts runs the doc-comment ones verbatim. */
import { gamma } from '@infogeom/distributions';
import { denseFisher } from '@infogeom/fisher';
import { DenseMatrix } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { familyNaturalGradient } from './family-natural-gradient.js';
import { naturalGradient } from './natural-gradient.js';
import { bayesianLearningRule } from './vi/bayesian-learning-rule.js';
import { gaussianLikelihood } from './vi/glm-likelihood.js';

describe('doc comment examples', () => {
  it('naturalGradient', () => {
    const A = denseFisher([
      [2, 0],
      [0, 50],
    ]);
    const opt = naturalGradient(
      {
        loss: (w) => w[0]! ** 2 + 25 * w[1]! ** 2,
        gradient: (w) => Float64Array.of(2 * w[0]!, 50 * w[1]!),
        fisher: () => A,
      },
      { init: [1, 1] },
    );
    expect(opt.run().iterations).toBe(1);
  });

  it('familyNaturalGradient', () => {
    const data = [1.2, 0.7, 3.1, 2.2, 1.9];
    const opt = familyNaturalGradient(gamma, data, { coordinates: 'mean' });
    opt.step(); // one mirror step: the MLE
    const mle = gamma.fit(data).params;
    expect(Math.abs(opt.params.shape - mle.shape) / mle.shape).toBeLessThan(1e-9);
    expect(Math.abs(opt.params.rate - mle.rate) / mle.rate).toBeLessThan(1e-9);
  });

  it('README: Bayesian linear regression in one step', () => {
    const X = DenseMatrix.from([
      [1, 0.5],
      [1, -1],
      [1, 2],
    ]);
    const vi = bayesianLearningRule(X, [0.3, -0.8, 2.1], {
      likelihood: gaussianLikelihood(0.5),
      priorPrecision: 1,
    });
    vi.step();
    // Exact: S = I + XᵀX/σ² = [[13, 6], [6, 22]], m = S⁻¹ Xᵀy/σ² = S⁻¹ [6.4, 20.6].
    const det = 13 * 22 - 36;
    expect(vi.posterior.mean[0]).toBeCloseTo((22 * 6.4 - 6 * 20.6) / det, 12);
    expect(vi.posterior.mean[1]).toBeCloseTo((13 * 20.6 - 6 * 6.4) / det, 12);
  });
});
