import { bernoulli, normal } from '@infogeom/distributions';
import { createRng, DimensionMismatchError, InvalidArgumentError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { EMPIRICAL_FISHER_WARNING, empiricalFisher } from './empirical-fisher.js';
import { exactFisher } from './exact-fisher.js';
import { familyModel } from './family-model.js';
import { logitLink } from './glm-link.js';
import { glmModel } from './glm-model.js';
import { fitModel, randomDesign, relativeError, simulateLabels } from './test-utils/glm-data.js';

describe('empiricalFisher', () => {
  const rng = createRng(11);
  const X = randomDesign(rng, 4000, 3);
  const m = glmModel(bernoulli, X, logitLink);
  const truth = [0.3, -1, 0.6];
  const ys = simulateLabels(m, truth, rng);
  const mle = fitModel(m, ys, [0, 0, 0]);

  it('≈ the Fisher information at the MLE of a well-specified model with many data', () => {
    const E = empiricalFisher(m, mle, { observations: ys });
    const F = exactFisher(m, mle);
    // measured: 3.7% (n = 4000); the sampling error is O(1/√n)
    expect(relativeError(E.value, F.value)).toBeLessThan(0.06);
    expect(E.method).toBe('empirical');
    expect(E.warning).toBe(EMPIRICAL_FISHER_WARNING);
    expect(E.terms).toBe(4000);
  });

  it('clearly differs from it away from the optimum (Kunstner et al. 2019)', () => {
    const w = mle.map((v, j) => v + [1.5, 1, -1][j]!);
    const E = empiricalFisher(m, w, { observations: ys });
    const F = exactFisher(m, w);
    // measured: 1.73 (the squared mean gradient dominates)
    expect(relativeError(E.value, F.value)).toBeGreaterThan(0.5);
  });

  it('unconditional model: Σ sᵢsᵢᵀ with closed-form scores', () => {
    const fm = familyModel(normal, { mu: 0, sigma: 1 });
    const E = empiricalFisher(fm, [0, 1], { observations: [1, -2] });
    // s(x) = (x, x² − 1) at μ = 0, σ = 1
    expect(Array.from(E.value.data)).toEqual([1 + 4, 0 + -2 * 3, 0 + -2 * 3, 0 + 9]);
  });

  it('rejects empty data and mismatched inputs', () => {
    expect(() => empiricalFisher(m, mle, { observations: [] })).toThrow(InvalidArgumentError);
    expect(() => empiricalFisher(m, mle, { observations: [1, 0] })).toThrow(DimensionMismatchError);
  });
});
