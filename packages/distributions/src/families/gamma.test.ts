import { createRng, InvalidArgumentError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { conformanceChecks } from '../testing/index.js';
import { type GammaParams, gamma } from './gamma.js';
import { discreteFixture, rel } from './test-utils/discrete-fixture.js';

const fx = discreteFixture<GammaParams>('gamma');

describe('gamma', () => {
  for (const c of conformanceChecks(gamma)) it.skipIf(c.skipped !== undefined)(c.name, () => c.run());

  // log p sums terms of size ~α log x that cancel to a value ~1: up to ~1e-14 relative is rounding
  // (scipy's own logpdf is 3e-15 off the 50-digit value at Gamma(40, 0.25), x = 160).
  it('log pdf, mean and variance match scipy.stats.gamma(a, scale=1/rate) (and a 50-digit mpmath value)', () => {
    for (const c of fx.points) {
      const batch = gamma.logProbBatch(c.params, c.x);
      c.x.forEach((x, i) => {
        const lp = gamma.logProb(c.params, x);
        expect(rel(lp, c.logp[i]!), `scipy at ${x}, ${JSON.stringify(c.params)}`).toBeLessThan(5e-14);
        expect(rel(lp, c.logpExact[i]!), `mpmath at ${x}, ${JSON.stringify(c.params)}`).toBeLessThan(5e-14);
        expect(batch[i]).toBe(lp);
      });
      expect(rel(gamma.mean(c.params) as number, c.mean)).toBeLessThan(1e-14);
      expect(rel(gamma.variance(c.params) as number, c.var)).toBeLessThan(1e-14);
    }
  });

  it('entropy matches scipy .entropy() and a 50-digit tanh-sinh quadrature', () => {
    for (const c of fx.points) {
      const h = gamma.entropy(c.params);
      expect(rel(h, c.entropyExact), JSON.stringify(c.params)).toBeLessThan(1e-14);
      expect(rel(h, c.entropy), JSON.stringify(c.params)).toBeLessThan(1e-14);
    }
  });

  it('KL matches quadrature (scipy.integrate.quad and 50-digit mpmath.quad)', () => {
    for (const { p, q, value, exact } of fx.kl) {
      expect(rel(gamma.kl(p, q), exact), JSON.stringify([p, q])).toBeLessThan(1e-14);
      expect(rel(gamma.kl(p, q), value), JSON.stringify([p, q])).toBeLessThan(1e-12);
    }
  });

  it('MLE matches scipy.stats.gamma.fit(floc=0) and the 40-digit root', () => {
    const r = gamma.fit(fx.fit.data);
    expect(r.converged).toBe(true);
    expect(r.iterations).toBeGreaterThan(0);
    expect(r.iterations).toBeLessThan(10);
    expect(r.gradientNorm).toBeLessThan(1e-14);
    expect(rel(r.params.shape, fx.fit.exact.shape)).toBeLessThan(1e-14);
    expect(rel(r.params.rate, fx.fit.exact.rate)).toBeLessThan(1e-14);
    expect(rel(r.params.shape, fx.fit.scipy!.shape)).toBeLessThan(1e-13);
    expect(rel(r.params.rate, fx.fit.scipy!.rate)).toBeLessThan(1e-13);
    const data = gamma.sample({ shape: 2, rate: 3 }, createRng(5), 60);
    const w = data.map((_, i) => (i % 3) + 1);
    const rep = data.flatMap((x, i) => Array.from({ length: w[i]! }, () => x));
    const a = gamma.fit(data, { weights: w });
    const b = gamma.fit(rep);
    expect(rel(a.params.shape, b.params.shape)).toBeLessThan(1e-12);
    expect(rel(a.logLikelihood, b.logLikelihood)).toBeLessThan(1e-12);
    expect(() => gamma.fit([1, 1, 1])).toThrow(InvalidArgumentError);
    expect(() => gamma.fit([1, -2])).toThrow(InvalidArgumentError);
  });

  it('Newton on the shape converges for very small and very large shapes', () => {
    for (const shape of [0.02, 0.3, 50, 5000]) {
      const data = gamma.sample({ shape, rate: 2 }, createRng(11), 3000);
      const r = gamma.fit(data);
      expect(r.converged).toBe(true);
      expect(r.iterations).toBeLessThan(12);
      expect(Math.abs(r.params.shape / shape - 1)).toBeLessThan(0.15);
    }
  });
});
