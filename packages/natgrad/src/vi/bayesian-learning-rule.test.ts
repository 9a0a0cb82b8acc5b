import { readFileSync } from 'node:fs';
import {
  createRng,
  DenseMatrix,
  DimensionMismatchError,
  InvalidArgumentError,
  inverse,
  solve,
} from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { bayesianLearningRule } from './bayesian-learning-rule.js';
import { gaussHermite } from './gauss-hermite.js';
import { gaussianLikelihood } from './glm-likelihood.js';

interface ViCase {
  X: number[][];
  y: number[];
  priorSd: number;
  vi: { mean: number[]; cov: number[][]; negElbo: number };
  laplace: { mean: number[]; cov: number[][] };
  exact: { mean: number[]; variance: number[] } | null;
}
const fixtures = JSON.parse(
  readFileSync(new URL('../fixtures/natgrad-fixtures.json', import.meta.url), 'utf8'),
) as {
  logisticVi1: ViCase;
  logisticVi2: ViCase;
};

describe('gaussHermite', () => {
  it('integrates the moments of N(0, 1) exactly up to degree 2n − 1', () => {
    const { nodes, weights } = gaussHermite(6);
    const moment = (k: number) => nodes.reduce((s, z, i) => s + weights[i]! * z ** k, 0);
    expect(moment(0)).toBeCloseTo(1, 14);
    expect(moment(2)).toBeCloseTo(1, 13);
    expect(moment(4)).toBeCloseTo(3, 12);
    expect(moment(6)).toBeCloseTo(15, 11);
    expect(moment(10)).toBeCloseTo(945, 8);
    expect(Math.abs(moment(12) - 10395)).toBeGreaterThan(1); // degree 12 > 2·6 − 1: not exact
  });
});

describe('bayesianLearningRule: conjugate Bayesian linear regression', () => {
  it('one natural step with ρ = 1 gives the exact posterior (to 1e-10) from any start', () => {
    const rng = createRng(11);
    const [n, p, sigma] = [50, 4, 0.5];
    const X = DenseMatrix.fromFunction(n, p, () => rng.normal());
    const y = Float64Array.from(
      { length: n },
      (_, i) => X.row(i).reduce((s, v, j) => s + v * (j - 1.5), 0) + sigma * rng.normal(),
    );
    const m0 = [0.5, -1, 0, 2];
    const S0 = DenseMatrix.from([
      [2, 0.3, 0, 0],
      [0.3, 1, 0.1, 0],
      [0, 0.1, 0.5, 0],
      [0, 0, 0, 3],
    ]);
    // Closed form: S = S₀ + XᵀX/σ², m = S⁻¹(S₀m₀ + Xᵀy/σ²) (LU solves, independent of the optimiser's Cholesky).
    const Spost = DenseMatrix.fromFunction(p, p, (j, k) => {
      let s = S0.get(j, k);
      for (let i = 0; i < n; i++) s += (X.get(i, j) * X.get(i, k)) / sigma ** 2;
      return s;
    });
    const rhs = Float64Array.from({ length: p }, (_, j) => {
      let s = 0;
      for (let k = 0; k < p; k++) s += S0.get(j, k) * m0[k]!;
      for (let i = 0; i < n; i++) s += (X.get(i, j) * y[i]!) / sigma ** 2;
      return s;
    });
    const mPost = solve(Spost, rhs);
    const covPost = inverse(Spost);
    const opt = bayesianLearningRule(X, y, {
      likelihood: gaussianLikelihood(sigma),
      priorMean: m0,
      priorPrecision: S0,
      init: { mean: [10, -10, 3, 3], precision: DenseMatrix.diagonal([0.1, 7, 1, 2]) },
    });
    const r = opt.step();
    const q = opt.posterior;
    for (let j = 0; j < p; j++) {
      expect(Math.abs(q.mean[j]! - mPost[j]!)).toBeLessThan(1e-10);
      for (let k = 0; k < p; k++)
        expect(Math.abs(q.covariance.get(j, k) - covPost.get(j, k))).toBeLessThan(1e-10);
    }
    expect(r.gradientNorm).toBeLessThan(1e-9);
    expect(opt.run().iterations).toBe(0); // already stationary
  });

  it('rejects bad inputs', () => {
    const X = DenseMatrix.from([[1], [2]]);
    expect(() => bayesianLearningRule(X, [1], { likelihood: 'logistic' })).toThrow(DimensionMismatchError);
    expect(() => bayesianLearningRule(X, [1, 0], { likelihood: 'logistic', stepSize: 1.5 })).toThrow(
      InvalidArgumentError,
    );
  });
});

describe('bayesianLearningRule: Bayesian logistic regression', () => {
  for (const key of ['logisticVi1', 'logisticVi2'] as const) {
    it(`${key}: converges to the Gaussian-VI optimum of scipy's ELBO maximisation`, () => {
      const c = fixtures[key];
      const X = DenseMatrix.from(c.X);
      const opt = bayesianLearningRule(X, c.y, {
        likelihood: 'logistic',
        priorPrecision: 1 / c.priorSd ** 2,
      });
      const run = opt.run({ gradientTolerance: 1e-10, maxIterations: 100 });
      expect(run.converged).toBe(true);
      expect(run.iterations).toBeLessThan(30);
      // ρ = 1 is a fixed-point (Newton-like) iteration, not a descent method: the ELBO need not improve
      // monotonically, but it ends far below its start.
      expect(run.loss).toBeLessThan(run.trace[0]!.loss);
      const q = opt.posterior;
      const d = c.vi.mean.length;
      for (let j = 0; j < d; j++) {
        expect(Math.abs(q.mean[j]! - c.vi.mean[j]!)).toBeLessThan(1e-6);
        for (let k = 0; k < d; k++)
          expect(Math.abs(q.covariance.get(j, k) - c.vi.cov[j]![k]!)).toBeLessThan(1e-6);
      }
      expect(Math.abs(run.loss - c.vi.negElbo)).toBeLessThan(1e-9 * Math.abs(c.vi.negElbo));
      // Compared with Laplace: same neighbourhood, not the same answer.
      for (let j = 0; j < d; j++) {
        const sd = Math.sqrt(c.laplace.cov[j]![j]!);
        expect(Math.abs(q.mean[j]! - c.laplace.mean[j]!)).toBeLessThan(0.5 * sd);
        expect(Math.abs(q.mean[j]! - c.laplace.mean[j]!)).toBeGreaterThan(1e-4 * sd);
      }
      // 1-d: the exact posterior mean by dense quadrature is closer to the VI mean than to the MAP.
      if (c.exact !== null) {
        expect(Math.abs(q.mean[0]! - c.exact.mean[0]!)).toBeLessThan(
          Math.abs(c.laplace.mean[0]! - c.exact.mean[0]!),
        );
      }
    });
  }
});
