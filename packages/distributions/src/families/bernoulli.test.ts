import { createRng, InvalidArgumentError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { conformanceChecks } from '../testing/index.js';
import { type BernoulliParams, bernoulli } from './bernoulli.js';
import { discreteFixture, rel } from './test-utils/discrete-fixture.js';

const fx = discreteFixture<BernoulliParams>('bernoulli');

describe('bernoulli', () => {
  for (const c of conformanceChecks(bernoulli)) it.skipIf(c.skipped !== undefined)(c.name, () => c.run());

  it('log pmf, mean and variance match scipy.stats.bernoulli (and a 50-digit mpmath value)', () => {
    for (const c of fx.points) {
      const batch = bernoulli.logProbBatch(c.params, c.x);
      c.x.forEach((x, i) => {
        const lp = bernoulli.logProb(c.params, x);
        expect(rel(lp, c.logp[i]!), `scipy at ${x}, ${JSON.stringify(c.params)}`).toBeLessThan(1e-15);
        expect(rel(lp, c.logpExact[i]!), `mpmath at ${x}, ${JSON.stringify(c.params)}`).toBeLessThan(1e-15);
        expect(batch[i]).toBe(lp);
      });
      expect(rel(bernoulli.mean(c.params) as number, c.mean)).toBeLessThan(1e-14);
      expect(rel(bernoulli.variance(c.params) as number, c.var)).toBeLessThan(1e-14);
    }
  });

  it('entropy matches scipy .entropy() and a 50-digit sum', () => {
    for (const c of fx.points) {
      const h = bernoulli.entropy(c.params);
      expect(rel(h, c.entropyExact), JSON.stringify(c.params)).toBeLessThan(1e-15);
      expect(rel(h, c.entropy, 1e-300), JSON.stringify(c.params)).toBeLessThan(2e-9);
    }
  });

  it('KL matches explicit summation (scipy logpmf and 50-digit mpmath)', () => {
    for (const { p, q, value, exact } of fx.kl) {
      expect(rel(bernoulli.kl(p, q), exact), JSON.stringify([p, q])).toBeLessThan(1e-15);
      expect(rel(bernoulli.kl(p, q), value), JSON.stringify([p, q])).toBeLessThan(1e-15);
    }
  });

  it('entropy is accurate for tiny p (where scipy loses digits)', () => {
    // scipy's bernoulli entropy at p = 1e-9 is 1.3e-9 relative off; ours uses log1p.
    const c = fx.points.find((p) => p.params.p === 1e-9)!;
    expect(rel(bernoulli.entropy(c.params), c.entropyExact, 1e-300)).toBeLessThan(1e-15);
  });

  it('closed-form MLE: the (weighted) fraction of ones', () => {
    const r = bernoulli.fit(fx.fit.data);
    expect(rel(r.params.p, fx.fit.exact.p)).toBeLessThan(1e-15);
    const data = bernoulli.sample({ p: 0.3 }, createRng(5), 60);
    const w = data.map((_, i) => (i % 3) + 1);
    const rep = data.flatMap((x, i) => Array.from({ length: w[i]! }, () => x));
    const a = bernoulli.fit(data, { weights: w });
    const b = bernoulli.fit(rep);
    expect(rel(a.params.p, b.params.p)).toBeLessThan(1e-14);
    expect(rel(a.logLikelihood, b.logLikelihood)).toBeLessThan(1e-12);
    expect(() => bernoulli.fit([1, 1, 1])).toThrow(InvalidArgumentError);
    expect(() => bernoulli.fit([0, 2])).toThrow(InvalidArgumentError);
  });
});
