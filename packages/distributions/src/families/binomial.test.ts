import { createRng, InvalidArgumentError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { fisherScoringFit } from '../fisher-scoring-fit.js';
import { conformanceChecks } from '../testing/index.js';
import { type BinomialParams, binomial } from './binomial.js';
import { discreteFixture, rel } from './test-utils/discrete-fixture.js';

const fx = discreteFixture<BinomialParams>('binomial');

describe('binomial', () => {
  for (const c of conformanceChecks(binomial)) it.skipIf(c.skipped !== undefined)(c.name, () => c.run());

  it('log pmf, mean and variance match scipy.stats.binom (and a 50-digit mpmath value)', () => {
    for (const c of fx.points) {
      const batch = binomial.logProbBatch(c.params, c.x);
      c.x.forEach((x, i) => {
        const lp = binomial.logProb(c.params, x);
        expect(rel(lp, c.logp[i]!), `scipy at ${x}, ${JSON.stringify(c.params)}`).toBeLessThan(1e-13);
        expect(rel(lp, c.logpExact[i]!), `mpmath at ${x}, ${JSON.stringify(c.params)}`).toBeLessThan(1e-13);
        expect(batch[i]).toBe(lp);
      });
      expect(rel(binomial.mean(c.params) as number, c.mean)).toBeLessThan(1e-14);
      expect(rel(binomial.variance(c.params) as number, c.var)).toBeLessThan(1e-14);
    }
  });

  it('entropy matches scipy .entropy() and a 50-digit sum over the support', () => {
    for (const c of fx.points) {
      const h = binomial.entropy(c.params);
      expect(rel(h, c.entropyExact), JSON.stringify(c.params)).toBeLessThan(1e-14);
      expect(rel(h, c.entropy), JSON.stringify(c.params)).toBeLessThan(1e-14);
    }
  });

  it('KL matches explicit summation (scipy logpmf and 50-digit mpmath)', () => {
    for (const { p, q, value, exact } of fx.kl) {
      expect(rel(binomial.kl(p, q), exact), JSON.stringify([p, q])).toBeLessThan(1e-14);
      expect(rel(binomial.kl(p, q), value), JSON.stringify([p, q])).toBeLessThan(1e-12);
    }
  });

  it('maximum likelihood at every example: closed form vs a generic fit capped at 5 iterations', () => {
    // (The kit's own check runs too; this one also bounds the generic fit's work on integer data.)
    binomial.examples.forEach((params, k) => {
      const n = 4000;
      const data = binomial.sample(params, createRng(20240917 + 7919 * k), n);
      const closed = binomial.fit(data, { fixed: { n: params.n } });
      expect(closed.converged).toBe(true);
      const generic = fisherScoringFit(binomial, data, { init: params, maxIterations: 5 });
      const sd = Math.sqrt((params.p * (1 - params.p)) / params.n / n);
      expect(Math.abs(closed.params.p - params.p)).toBeLessThan(6 * sd);
      expect(Math.abs(generic.params.p - closed.params.p)).toBeLessThan(1e-5 * sd);
      expect(Number.isFinite(closed.logLikelihood)).toBe(true);
    });
  });

  it('closed-form MLE: (weighted) mean / n, with n from fixed or init', () => {
    const r = binomial.fit(fx.fit.data, { fixed: { n: 10 } });
    expect(r.params.n).toBe(10);
    expect(rel(r.params.p, fx.fit.exact.p)).toBeLessThan(1e-15);
    expect(binomial.fit(fx.fit.data, { init: { n: 10, p: 0.5 } }).params.p).toBe(r.params.p);
    expect(() => binomial.fit(fx.fit.data)).toThrow(InvalidArgumentError);
    expect(() => binomial.fit([11], { fixed: { n: 10 } })).toThrow(InvalidArgumentError);
    const data = binomial.sample({ n: 12, p: 0.3 }, createRng(5), 60);
    const w = data.map((_, i) => (i % 3) + 1);
    const rep = data.flatMap((x, i) => Array.from({ length: w[i]! }, () => x));
    const a = binomial.fit(data, { weights: w, fixed: { n: 12 } });
    const b = binomial.fit(rep, { fixed: { n: 12 } });
    expect(rel(a.params.p, b.params.p)).toBeLessThan(1e-14);
    expect(rel(a.logLikelihood, b.logLikelihood)).toBeLessThan(1e-12);
  });

  it('KL needs the same n; the sampler is exact for large n', () => {
    expect(() => binomial.kl({ n: 10, p: 0.3 }, { n: 11, p: 0.3 })).toThrow(InvalidArgumentError);
    // Large n goes through the beta-splitting recursion: check the mean and variance.
    const params = { n: 100_000, p: 0.37 };
    const xs = binomial.sample(params, createRng(3), 20_000);
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    const v = xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length;
    const mean = binomial.mean(params) as number;
    const variance = binomial.variance(params) as number;
    expect(Math.abs(m - mean)).toBeLessThan(5 * Math.sqrt(variance / xs.length));
    expect(Math.abs(v / variance - 1)).toBeLessThan(5 * Math.sqrt(2 / xs.length));
    for (const x of xs) expect(Number.isInteger(x) && x >= 0 && x <= params.n).toBe(true);
  });
});
