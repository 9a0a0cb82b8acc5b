import { createRng, gradient, hessian, InvalidArgumentError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { conformanceChecks } from '../testing/index.js';
import { type NegativeBinomialParams, negativeBinomial } from './negative-binomial.js';
import { discreteFixture, rel } from './test-utils/discrete-fixture.js';

const fx = discreteFixture<NegativeBinomialParams>('negativeBinomial');

describe('negativeBinomial', () => {
  for (const c of conformanceChecks(negativeBinomial)) {
    it.skipIf(c.skipped !== undefined)(c.name, () => c.run());
  }

  it('log pmf, mean and variance match scipy.stats.nbinom(r, p) (and a 50-digit mpmath value)', () => {
    for (const c of fx.points) {
      const batch = negativeBinomial.logProbBatch(c.params, c.x);
      c.x.forEach((x, i) => {
        const lp = negativeBinomial.logProb(c.params, x);
        expect(rel(lp, c.logp[i]!), `scipy at ${x}, ${JSON.stringify(c.params)}`).toBeLessThan(1e-14);
        expect(rel(lp, c.logpExact[i]!), `mpmath at ${x}, ${JSON.stringify(c.params)}`).toBeLessThan(1e-14);
        expect(batch[i]).toBe(lp);
      });
      expect(rel(negativeBinomial.mean(c.params) as number, c.mean)).toBeLessThan(1e-14);
      expect(rel(negativeBinomial.variance(c.params) as number, c.var)).toBeLessThan(1e-14);
    }
  });

  it('entropy matches scipy .entropy() and a 50-digit sum over the support', () => {
    for (const c of fx.points) {
      const h = negativeBinomial.entropy(c.params);
      expect(rel(h, c.entropyExact), JSON.stringify(c.params)).toBeLessThan(1e-14);
      // scipy's nbinom entropy sums with expect(), 9e-12 short at r = 3.5, p = 0.1.
      if (c.params.p > 0.1) expect(rel(h, c.entropy), JSON.stringify(c.params)).toBeLessThan(1e-14);
    }
  });

  it('KL matches explicit summation (scipy logpmf and 50-digit mpmath)', () => {
    for (const { p, q, value, exact } of fx.kl) {
      expect(rel(negativeBinomial.kl(p, q), exact), JSON.stringify([p, q])).toBeLessThan(1e-14);
      expect(rel(negativeBinomial.kl(p, q), value), JSON.stringify([p, q])).toBeLessThan(1e-14);
    }
  });

  it('exponential family at examples[0] with a small difference step and exact sums', () => {
    // A(η) = −r log(1 − e^η) has a pole at η = 0 close to this example: checked with a small difference
    // step and with E[T] by exact summation (the kit starts its differences at 1e-3 for the same reason).
    const p = negativeBinomial.examples[0]!;
    const ef = negativeBinomial.exponentialFamily!;
    const eta = ef.toNatural(p);
    const mu = ef.meanParameters(eta, p);
    expect(rel(mu[0]!, negativeBinomial.mean(p) as number)).toBeLessThan(1e-14);
    const gradA = gradient((e: Float64Array) => ef.logPartition(e, p), eta, { step: 1e-3 });
    expect(rel(mu[0]!, gradA[0]!)).toBeLessThan(1e-9);
    const H = hessian((e: Float64Array) => ef.logPartition(e, p), eta, { step: 1e-3 });
    expect(rel(ef.naturalFisher(eta, p).get(0, 0), H.get(0, 0))).toBeLessThan(1e-7);
    // E[T] by exact summation.
    let eT = 0;
    for (let x = 0; x < 5000; x++) eT += x * Math.exp(negativeBinomial.logProb(p, x));
    expect(rel(eT, mu[0]!)).toBeLessThan(1e-12);
    for (const x of [0, 1, 7, 40]) {
      const lp = eta[0]! * x - ef.logPartition(eta, p) + ef.logBaseMeasure(x, p);
      expect(rel(lp, negativeBinomial.logProb(p, x))).toBeLessThan(1e-13);
    }
    expect(rel(ef.fromNatural(eta, p).p, p.p)).toBeLessThan(1e-14);
    expect(rel(ef.fromMean(mu, p).p, p.p)).toBeLessThan(1e-14);
    // Fisher in θ = (dη/dp)² ∇²A with dη/dp = −1/(1 − p).
    const J = -1 / (1 - p.p);
    expect(
      rel(negativeBinomial.fisher(p).get(0, 0), J * J * ef.naturalFisher(eta, p).get(0, 0)),
    ).toBeLessThan(1e-13);
  });

  it('failures before the r-th success (scipy nbinom(r, p)); closed-form MLE r/(r + mean) with fixed r', () => {
    const r = negativeBinomial.fit(fx.fit.data, { fixed: { r: 2.5 } });
    expect(r.params.r).toBe(2.5);
    expect(rel(r.params.p, fx.fit.exact.p)).toBeLessThan(1e-15);
    expect(() => negativeBinomial.fit(fx.fit.data)).toThrow(InvalidArgumentError);
    expect(() => negativeBinomial.kl({ r: 2, p: 0.3 }, { r: 3, p: 0.3 })).toThrow(InvalidArgumentError);
    const data = negativeBinomial.sample({ r: 1.5, p: 0.3 }, createRng(5), 60);
    const w = data.map((_, i) => (i % 3) + 1);
    const rep = data.flatMap((x, i) => Array.from({ length: w[i]! }, () => x));
    const a = negativeBinomial.fit(data, { weights: w, fixed: { r: 1.5 } });
    const b = negativeBinomial.fit(rep, { fixed: { r: 1.5 } });
    expect(rel(a.params.p, b.params.p)).toBeLessThan(1e-14);
    expect(rel(a.logLikelihood, b.logLikelihood)).toBeLessThan(1e-12);
  });
});
