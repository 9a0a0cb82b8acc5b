import { createRng, gradient, hessian, InvalidArgumentError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { conformanceChecks } from '../testing/index.js';
import { type GeometricParams, geometric } from './geometric.js';
import { discreteFixture, rel } from './test-utils/discrete-fixture.js';

const fx = discreteFixture<GeometricParams>('geometric');

describe('geometric', () => {
  for (const c of conformanceChecks(geometric)) {
    it.skipIf(c.skipped !== undefined)(c.name, () => c.run());
  }

  it('log pmf, mean and variance match scipy.stats.geom(p, loc=-1) (and a 50-digit mpmath value)', () => {
    for (const c of fx.points) {
      const batch = geometric.logProbBatch(c.params, c.x);
      c.x.forEach((x, i) => {
        const lp = geometric.logProb(c.params, x);
        expect(rel(lp, c.logp[i]!), `scipy at ${x}, ${JSON.stringify(c.params)}`).toBeLessThan(1e-15);
        expect(rel(lp, c.logpExact[i]!), `mpmath at ${x}, ${JSON.stringify(c.params)}`).toBeLessThan(1e-15);
        expect(batch[i]).toBe(lp);
      });
      expect(rel(geometric.mean(c.params) as number, c.mean)).toBeLessThan(1e-14);
      expect(rel(geometric.variance(c.params) as number, c.var)).toBeLessThan(1e-14);
    }
  });

  it('entropy matches scipy .entropy() and a 50-digit sum over the support', () => {
    for (const c of fx.points) {
      const h = geometric.entropy(c.params);
      expect(rel(h, c.entropyExact), JSON.stringify(c.params)).toBeLessThan(1e-15);
      // scipy's geom entropy sums with expect(), which stops 3e-10 short at p = 0.05 ("sum did not converge").
      if (c.params.p > 0.05) expect(rel(h, c.entropy), JSON.stringify(c.params)).toBeLessThan(1e-15);
    }
  });

  it('KL matches explicit summation (scipy logpmf and 50-digit mpmath)', () => {
    for (const { p, q, value, exact } of fx.kl) {
      expect(rel(geometric.kl(p, q), exact), JSON.stringify([p, q])).toBeLessThan(1e-15);
      expect(rel(geometric.kl(p, q), value), JSON.stringify([p, q])).toBeLessThan(1e-15);
    }
  });

  it('exponential family at examples[0] with a small difference step and exact sums', () => {
    // A(η) = −log(1 − e^η) has a pole at η = 0 close to this example: checked with a small difference
    // step and with E[T] by exact summation (the kit starts its differences at 1e-3 for the same reason).
    const p = geometric.examples[0]!;
    const ef = geometric.exponentialFamily!;
    const eta = ef.toNatural(p);
    const mu = ef.meanParameters(eta, p);
    expect(rel(mu[0]!, geometric.mean(p) as number)).toBeLessThan(1e-14);
    const gradA = gradient((e: Float64Array) => ef.logPartition(e, p), eta, { step: 1e-3 });
    expect(rel(mu[0]!, gradA[0]!)).toBeLessThan(1e-9);
    const H = hessian((e: Float64Array) => ef.logPartition(e, p), eta, { step: 1e-3 });
    expect(rel(ef.naturalFisher(eta, p).get(0, 0), H.get(0, 0))).toBeLessThan(1e-7);
    // E[T] by exact summation.
    let eT = 0;
    for (let x = 0; x < 5000; x++) eT += x * Math.exp(geometric.logProb(p, x));
    expect(rel(eT, mu[0]!)).toBeLessThan(1e-12);
    for (const x of [0, 1, 7, 40]) {
      const lp = eta[0]! * x - ef.logPartition(eta, p) + ef.logBaseMeasure(x, p);
      expect(rel(lp, geometric.logProb(p, x))).toBeLessThan(1e-13);
    }
    expect(rel(ef.fromNatural(eta, p).p, p.p)).toBeLessThan(1e-14);
    expect(rel(ef.fromMean(mu, p).p, p.p)).toBeLessThan(1e-14);
    // Fisher in θ = (dη/dp)² ∇²A with dη/dp = −1/(1 − p).
    const J = -1 / (1 - p.p);
    expect(rel(geometric.fisher(p).get(0, 0), J * J * ef.naturalFisher(eta, p).get(0, 0))).toBeLessThan(
      1e-13,
    );
  });

  it('counts failures: scipy geom(p, loc=-1); closed-form MLE 1/(1 + mean)', () => {
    expect(geometric.logProb({ p: 0.3 }, 0)).toBe(Math.log(0.3));
    expect(geometric.mean({ p: 0.25 })).toBe(3);
    const r = geometric.fit(fx.fit.data);
    expect(rel(r.params.p, fx.fit.exact.p)).toBeLessThan(1e-15);
    const data = geometric.sample({ p: 0.3 }, createRng(5), 60);
    const w = data.map((_, i) => (i % 3) + 1);
    const rep = data.flatMap((x, i) => Array.from({ length: w[i]! }, () => x));
    const a = geometric.fit(data, { weights: w });
    const b = geometric.fit(rep);
    expect(rel(a.params.p, b.params.p)).toBeLessThan(1e-14);
    expect(rel(a.logLikelihood, b.logLikelihood)).toBeLessThan(1e-12);
    expect(() => geometric.fit([0, 0])).toThrow(InvalidArgumentError);
  });
});
