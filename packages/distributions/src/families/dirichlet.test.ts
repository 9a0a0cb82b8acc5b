import { readFileSync } from 'node:fs';
import { createRng, DimensionMismatchError, digamma, lbeta } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { integrate } from '../expectation.js';
import { conformanceChecks } from '../testing/index.js';
import { dirichlet } from './dirichlet.js';

type Fixture = {
  alpha: number[];
  beta: number[];
  x: number[][];
  logpdf: number[];
  entropy: number;
  mean: number[];
  var: number[];
  kl: number;
  fisher: number[];
};
const fixtures = (
  JSON.parse(readFileSync(new URL('./fixtures/multivariate.json', import.meta.url), 'utf8')) as {
    dirichlet: Fixture[];
  }
).dirichlet;

function rel(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

describe('dirichlet', () => {
  for (const c of conformanceChecks(dirichlet, { samples: 10_000 }))
    it.skipIf(c.skipped !== undefined)(c.name, () => c.run());

  it('log pdf, entropy, moments, Fisher and KL agree with SciPy', () => {
    for (const fx of fixtures) {
      const params = { alpha: Float64Array.from(fx.alpha) };
      fx.x.forEach((x, i) => {
        expect(rel(dirichlet.logProb(params, Float64Array.from(x)), fx.logpdf[i]!)).toBeLessThan(1e-12);
      });
      expect(rel(dirichlet.entropy(params), fx.entropy)).toBeLessThan(1e-12);
      const mean = dirichlet.mean(params) as Float64Array;
      const variance = dirichlet.variance(params) as Float64Array;
      fx.mean.forEach((m, i) => {
        expect(rel(mean[i]!, m)).toBeLessThan(1e-14);
        expect(rel(variance[i]!, fx.var[i]!)).toBeLessThan(1e-13);
      });
      const I = dirichlet.fisher(params);
      fx.fisher.forEach((v, i) => {
        expect(rel(I.data[i]!, v)).toBeLessThan(1e-12);
      });
      expect(rel(dirichlet.kl(params, { alpha: Float64Array.from(fx.beta) }), fx.kl)).toBeLessThan(1e-12);
    }
  });

  it('normalises for k = 3 by 2-D double-exponential quadrature', () => {
    for (const alpha of [
      Float64Array.of(1.5, 2, 3),
      Float64Array.of(1, 1, 1),
      Float64Array.of(2.5, 1.2, 4),
    ]) {
      const params = { alpha };
      // x₂ = (1 − x₁)u, so dx₁dx₂ = (1 − x₁) dx₁ du on the unit square.
      const total = integrate(
        (x1) =>
          integrate(
            (u) => [
              (1 - x1) *
                Math.exp(dirichlet.logProb(params, Float64Array.of(x1, (1 - x1) * u, (1 - x1) * (1 - u)))),
            ],
            0,
            1,
          ),
        0,
        1,
      );
      expect(Math.abs(total[0]! - 1)).toBeLessThan(1e-10);
    }
  });

  it('reduces to the Beta distribution for k = 2, which normalises', () => {
    const [a, b] = [0.7, 1.3];
    const params = { alpha: Float64Array.of(a, b) };
    for (const x of [0.01, 0.3, 0.5, 0.99]) {
      const beta = (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - lbeta(a, b);
      expect(rel(dirichlet.logProb(params, Float64Array.of(x, 1 - x)), beta)).toBeLessThan(1e-13);
    }
    const total = integrate((x) => [Math.exp(dirichlet.logProb(params, Float64Array.of(x, 1 - x)))], 0, 1);
    expect(Math.abs(total[0]! - 1)).toBeLessThan(1e-10);
  });

  it('the MLE solves ψ(α̂ᵢ) − ψ(α̂₀) = mean log xᵢ and reports its iterations', () => {
    const truth = { alpha: Float64Array.of(0.6, 0.8, 1.2, 4) };
    const data = dirichlet.sample(truth, createRng(11), 3000);
    const fit = dirichlet.fit(data); // starts from moment matching, not the truth
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeGreaterThan(0);
    const a = fit.params.alpha;
    const psi0 = digamma(a.reduce((s, v) => s + v, 0));
    for (let i = 0; i < 4; i++) {
      const meanLog = data.reduce((s, x) => s + Math.log(x[i]!), 0) / data.length;
      expect(Math.abs(digamma(a[i]!) - psi0 - meanLog)).toBeLessThan(1e-12);
    }
  });

  it('log pdf is −∞ off the simplex', () => {
    const params = { alpha: Float64Array.of(2, 2, 2) };
    for (const x of [Float64Array.of(0.5, 0.5, 0.5), Float64Array.of(-0.1, 0.6, 0.5)])
      expect(dirichlet.logProb(params, x)).toBe(Number.NEGATIVE_INFINITY);
    expect(() => dirichlet.logProb(params, Float64Array.of(0.5, 0.5))).toThrow(DimensionMismatchError);
  });
});
