import { createRng } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { conformanceChecks } from '../testing/index.js';
import { type ExponentialParams, exponential } from './exponential.js';
import { continuousFixture, num } from './test-utils/continuous-fixture.js';

const fx = continuousFixture<ExponentialParams>('exponential');
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe('exponential', () => {
  for (const c of conformanceChecks(exponential)) it.skipIf(c.skipped !== undefined)(c.name, () => c.run());

  it('logpdf, mean, variance and entropy match scipy.stats.expon', () => {
    for (const c of fx.cases) {
      const batch = exponential.logProbBatch(c.params, c.x);
      c.x.forEach((x, i) => {
        expect(rel(exponential.logProb(c.params, x), num(c.logpdf[i]!))).toBeLessThan(1e-12);
        expect(batch[i]).toBe(exponential.logProb(c.params, x));
      });
      expect(rel(exponential.mean(c.params) as number, num(c.mean))).toBeLessThan(1e-14);
      expect(rel(exponential.variance(c.params) as number, num(c.var))).toBeLessThan(1e-14);
      expect(rel(exponential.entropy(c.params), num(c.entropy))).toBeLessThan(1e-12);
    }
    expect(exponential.logProb({ rate: 2 }, -0.1)).toBe(Number.NEGATIVE_INFINITY);
  });

  it('closed-form KL matches quadrature of p log(p/q) (scipy.integrate.quad)', () => {
    for (const { p, q, kl } of fx.kl) expect(rel(exponential.kl(p, q), kl)).toBeLessThan(1e-8);
  });

  it('MLE matches scipy.stats.expon.fit (floc = 0)', () => {
    const r = exponential.fit(fx.mle.data);
    expect(rel(r.params.rate, fx.mle.params.rate)).toBeLessThan(1e-12);
    expect(rel(r.logLikelihood, fx.mle.logLikelihood)).toBeLessThan(1e-12);
    expect(r.converged).toBe(true);
  });

  it('weighted MLE equals the MLE of the repeated data', () => {
    const data = exponential.sample({ rate: 3 }, createRng(5), 50);
    const w = data.map((_, i) => (i % 3) + 1);
    const rep = data.flatMap((x, i) => Array.from({ length: w[i]! }, () => x));
    const a = exponential.fit(data, { weights: w });
    const b = exponential.fit(rep);
    expect(rel(a.params.rate, b.params.rate)).toBeLessThan(1e-13);
    expect(rel(a.logLikelihood, b.logLikelihood)).toBeLessThan(1e-12);
  });
});
