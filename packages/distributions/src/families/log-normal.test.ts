import { createRng } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { conformanceChecks } from '../testing/index.js';
import { type LogNormalParams, logNormal } from './log-normal.js';
import { normal } from './normal.js';
import { continuousFixture, num } from './test-utils/continuous-fixture.js';

type P = LogNormalParams;
const fx = continuousFixture<P>('logNormal');
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe('logNormal', () => {
  for (const c of conformanceChecks(logNormal)) it.skipIf(c.skipped !== undefined)(c.name, () => c.run());

  describe('at a small σ = 0.1', () => {
    // Near the pole of the score at σ = 0: the kit's finite-difference steps stay inside the domain.
    for (const c of conformanceChecks(logNormal, { params: [{ mu: -2, sigma: 0.1 }] }))
      it.skipIf(c.skipped !== undefined)(c.name, () => c.run());
  });

  it('logpdf, mean, variance and entropy match scipy.stats.lognorm(s = σ, scale = e^μ)', () => {
    for (const c of fx.cases) {
      const batch = logNormal.logProbBatch(c.params, c.x);
      c.x.forEach((x, i) => {
        expect(rel(logNormal.logProb(c.params, x), num(c.logpdf[i]!))).toBeLessThan(1e-12);
        expect(rel(batch[i]!, num(c.logpdf[i]!))).toBeLessThan(1e-12);
      });
      expect(Math.abs((logNormal.mean(c.params) as number) / num(c.mean) - 1)).toBeLessThan(1e-13);
      expect(Math.abs((logNormal.variance(c.params) as number) / num(c.var) - 1)).toBeLessThan(1e-13);
      expect(rel(logNormal.entropy(c.params), num(c.entropy))).toBeLessThan(1e-12);
    }
    expect(logNormal.logProb({ mu: 0, sigma: 1 }, 0)).toBe(Number.NEGATIVE_INFINITY);
    expect(logNormal.logProb({ mu: 0, sigma: 1 }, -1)).toBe(Number.NEGATIVE_INFINITY);
  });

  it('closed-form KL matches quadrature of p log(p/q) (scipy.integrate.quad)', () => {
    for (const { p, q, kl } of fx.kl) expect(rel(logNormal.kl(p, q), kl)).toBeLessThan(1e-8);
  });

  it('MLE matches scipy.stats.lognorm.fit (floc = 0)', () => {
    const r = logNormal.fit(fx.mle.data);
    expect(rel(r.params.mu, fx.mle.params.mu)).toBeLessThan(1e-6);
    expect(rel(r.params.sigma, fx.mle.params.sigma)).toBeLessThan(1e-6);
    expect(rel(r.logLikelihood, fx.mle.logLikelihood)).toBeLessThan(1e-10);
    // and it is exactly the normal MLE of log x
    const n = normal.fit(fx.mle.data.map(Math.log));
    expect(rel(r.params.mu, n.params.mu)).toBeLessThan(1e-14);
    expect(rel(r.params.sigma, n.params.sigma)).toBeLessThan(1e-14);
  });

  it('weighted MLE equals the MLE of the repeated data', () => {
    const data = logNormal.sample({ mu: 1, sigma: 0.4 }, createRng(3), 40);
    const w = data.map((_, i) => (i % 3) + 1);
    const rep = data.flatMap((x, i) => Array.from({ length: w[i]! }, () => x));
    const a = logNormal.fit(data, { weights: w });
    const b = logNormal.fit(rep);
    expect(rel(a.params.mu, b.params.mu)).toBeLessThan(1e-13);
    expect(rel(a.params.sigma, b.params.sigma)).toBeLessThan(1e-12);
    expect(rel(a.logLikelihood, b.logLikelihood)).toBeLessThan(1e-12);
  });
});
