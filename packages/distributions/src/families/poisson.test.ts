import { createRng, InvalidArgumentError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { conformanceChecks } from '../testing/index.js';
import { type PoissonParams, poisson } from './poisson.js';
import { discreteFixture, rel } from './test-utils/discrete-fixture.js';

const fx = discreteFixture<PoissonParams>('poisson');

describe('poisson', () => {
  for (const c of conformanceChecks(poisson)) it.skipIf(c.skipped !== undefined)(c.name, () => c.run());

  it('log pmf, mean and variance match scipy.stats.poisson (and a 50-digit mpmath value)', () => {
    for (const c of fx.points) {
      const batch = poisson.logProbBatch(c.params, c.x);
      c.x.forEach((x, i) => {
        const lp = poisson.logProb(c.params, x);
        expect(rel(lp, c.logp[i]!), `scipy at ${x}, ${JSON.stringify(c.params)}`).toBeLessThan(5e-12);
        expect(rel(lp, c.logpExact[i]!), `mpmath at ${x}, ${JSON.stringify(c.params)}`).toBeLessThan(1e-14);
        expect(batch[i]).toBe(lp);
      });
      expect(rel(poisson.mean(c.params) as number, c.mean)).toBeLessThan(1e-14);
      expect(rel(poisson.variance(c.params) as number, c.var)).toBeLessThan(1e-14);
    }
  });

  it('entropy matches scipy .entropy() and a 50-digit sum over the support', () => {
    for (const c of fx.points) {
      const h = poisson.entropy(c.params);
      expect(rel(h, c.entropyExact), JSON.stringify(c.params)).toBeLessThan(1e-14);
      // scipy's entropy sums with expect(), which gives up ("sum did not converge") at λ = 1e4 (off by
      // 2.5e-3) and is 3e-14 off at λ = 120; the 50-digit sum is the reference there.
      if (c.params.rate < 1000) expect(rel(h, c.entropy), JSON.stringify(c.params)).toBeLessThan(1e-13);
    }
  });

  it('KL matches explicit summation (scipy logpmf and 50-digit mpmath)', () => {
    for (const { p, q, value, exact } of fx.kl) {
      expect(rel(poisson.kl(p, q), exact), JSON.stringify([p, q])).toBeLessThan(1e-14);
      expect(rel(poisson.kl(p, q), value), JSON.stringify([p, q])).toBeLessThan(1e-12);
    }
  });

  it('log pmf at λ = 1e4 is more accurate than the naive formula (Loader’s saddle-point form)', () => {
    // scipy's naive k log λ − λ − log k! is off by ~3e-12 relative here; ours is within a few ulps.
    const c = fx.points.find((p) => p.params.rate === 1e4)!;
    c.x.forEach((x, i) => {
      expect(rel(poisson.logProb(c.params, x), c.logpExact[i]!)).toBeLessThan(2e-15);
    });
    expect(poisson.logProb({ rate: 2 }, 1.5)).toBe(Number.NEGATIVE_INFINITY);
    expect(poisson.logProb({ rate: 2 }, -1)).toBe(Number.NEGATIVE_INFINITY);
  });

  it('closed-form MLE: the (weighted) sample mean', () => {
    const r = poisson.fit(fx.fit.data);
    expect(rel(r.params.rate, fx.fit.exact.rate)).toBeLessThan(1e-15);
    expect(r.converged).toBe(true);
    const data = poisson.sample({ rate: 4 }, createRng(5), 60);
    const w = data.map((_, i) => (i % 3) + 1);
    const rep = data.flatMap((x, i) => Array.from({ length: w[i]! }, () => x));
    const a = poisson.fit(data, { weights: w });
    const b = poisson.fit(rep);
    expect(rel(a.params.rate, b.params.rate)).toBeLessThan(1e-14);
    expect(rel(a.logLikelihood, b.logLikelihood)).toBeLessThan(1e-12);
    expect(() => poisson.fit([0, 0, 0])).toThrow(InvalidArgumentError);
    expect(() => poisson.fit([1, 2.5])).toThrow(InvalidArgumentError);
  });
});
