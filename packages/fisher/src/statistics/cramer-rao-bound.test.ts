import { bernoulli, gamma, normal, poisson } from '@infogeom/distributions';
import {
  createRng,
  DenseMatrix,
  InvalidArgumentError,
  SingularMatrixError,
  trigamma,
} from '@infogeom/linalg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logitLink } from '../estimators/glm-link.js';
import { glmModel } from '../estimators/glm-model.js';
import { cramerRaoBound } from './cramer-rao-bound.js';
import { standardErrors } from './standard-errors.js';

describe('cramerRaoBound', () => {
  it('normal: diag(σ²/n, σ²/(2n)); Poisson: λ/n (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.integer({ min: 1, max: 10000 }),
        (mu, sigma, n) => {
          const C = cramerRaoBound(normal, { mu, sigma }, n);
          expect(C.get(0, 0)).toBeCloseTo((sigma * sigma) / n, 12 - Math.ceil(Math.log10(sigma * sigma + 1)));
          expect(C.get(1, 1) / ((sigma * sigma) / (2 * n))).toBeCloseTo(1, 12);
          expect(C.get(0, 1)).toBe(0);
          expect(cramerRaoBound(poisson, { rate: sigma }, n).get(0, 0) / (sigma / n)).toBeCloseTo(1, 12);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('gamma: the inverse of [[ψ′(α), −1/β], [−1/β, α/β²]] / n', () => {
    const a = 2.5;
    const b = 0.7;
    const det = (trigamma(a) * a) / (b * b) - 1 / (b * b);
    const C = cramerRaoBound(gamma, { shape: a, rate: b }, 10);
    expect(C.get(0, 0)).toBeCloseTo(a / (b * b) / det / 10, 12);
    expect(C.get(0, 1)).toBeCloseTo(1 / b / det / 10, 12);
    expect(C.get(1, 1)).toBeCloseTo(trigamma(a) / det / 10, 12);
  });

  it('a model: the inverse of the summed Fisher information; singular when not identifiable', () => {
    const rng = createRng(1);
    const X = DenseMatrix.fromFunction(30, 2, (_, j) => (j === 0 ? 1 : rng.normal()));
    const C = cramerRaoBound(glmModel(bernoulli, X, logitLink), [0.1, 0.4]);
    expect(C.isSymmetric(1e-15)).toBe(true);
    const collinear = DenseMatrix.fromFunction(30, 2, (i) => X.get(i, 1));
    let error: unknown;
    try {
      cramerRaoBound(glmModel(bernoulli, collinear, logitLink), [0.1, 0.4]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SingularMatrixError);
    expect((error as SingularMatrixError).argument).toBe('params');
  });

  it('rejects bad n and invalid params', () => {
    expect(() => cramerRaoBound(normal, { mu: 0, sigma: 1 }, 0)).toThrow(InvalidArgumentError);
    expect(() => cramerRaoBound(normal, { mu: 0, sigma: -1 }, 1)).toThrow(InvalidArgumentError);
  });
});

describe('standardErrors', () => {
  it('at params or at a fit: √diag of the bound', () => {
    const se = standardErrors(normal, { mu: 1, sigma: 2 }, 100);
    expect(se[0]).toBeCloseTo(0.2, 14);
    expect(se[1]).toBeCloseTo(2 / Math.sqrt(200), 14);
    const data = poisson.sample({ rate: 4 }, createRng(2), 400);
    const fit = poisson.fit(data);
    expect(standardErrors(poisson, fit, 400)[0]).toBeCloseTo(Math.sqrt(fit.params.rate / 400), 14);
  });
});
