import { createRng } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { fisherScoringFit } from '../fisher-scoring-fit.js';
import { conformanceChecks } from '../testing/index.js';
import { type NormalKnownSigmaParams, normalKnownSigma } from './normal-known-sigma.js';
import { continuousFixture, num } from './test-utils/continuous-fixture.js';

type P = NormalKnownSigmaParams;
const fx = continuousFixture<P>('normalKnownSigma');
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe('normalKnownSigma', () => {
  for (const c of conformanceChecks(normalKnownSigma))
    it.skipIf(c.skipped !== undefined)(c.name, () => c.run());

  it('has one coordinate, μ', () => {
    expect(normalKnownSigma.space.coordinateNames({ mu: 1, sigma: 2 })).toEqual(['mu']);
    expect(normalKnownSigma.fisher({ mu: 1, sigma: 2 }).toArray()).toEqual([[0.25]]);
  });

  it('logpdf, mean, variance and entropy match scipy.stats.norm', () => {
    for (const c of fx.cases) {
      const batch = normalKnownSigma.logProbBatch(c.params, c.x);
      c.x.forEach((x, i) => {
        expect(rel(normalKnownSigma.logProb(c.params, x), num(c.logpdf[i]!))).toBeLessThan(1e-12);
        expect(rel(batch[i]!, num(c.logpdf[i]!))).toBeLessThan(1e-12);
      });
      expect(normalKnownSigma.mean(c.params)).toBe(num(c.mean));
      expect(rel(normalKnownSigma.variance(c.params) as number, num(c.var))).toBeLessThan(1e-14);
      expect(rel(normalKnownSigma.entropy(c.params), num(c.entropy))).toBeLessThan(1e-12);
    }
  });

  it('closed-form KL matches quadrature of p log(p/q) (scipy.integrate.quad)', () => {
    for (const { p, q, kl } of fx.kl) expect(rel(normalKnownSigma.kl(p, q), kl)).toBeLessThan(1e-8);
  });

  it('MLE matches scipy.stats.norm.fit with fscale = σ', () => {
    const r = normalKnownSigma.fit(fx.mle.data, { fixed: fx.mle.fixed! });
    expect(r.params.sigma).toBe(fx.mle.params.sigma);
    expect(rel(r.params.mu, fx.mle.params.mu)).toBeLessThan(1e-12);
    expect(rel(r.logLikelihood, fx.mle.logLikelihood)).toBeLessThan(1e-12);
    const generic = fisherScoringFit(normalKnownSigma, fx.mle.data, { init: { mu: 0, sigma: 0.5 } });
    expect(generic.converged).toBe(true);
    expect(generic.params.mu).toBeCloseTo(r.params.mu, 10);
  });

  it('fit needs the known σ', () => {
    expect(() => normalKnownSigma.fit([1, 2, 3])).toThrow(/sigma/);
    const data = normalKnownSigma.sample({ mu: 1, sigma: 3 }, createRng(2), 40);
    const w = data.map((_, i) => (i % 2) + 1);
    const rep = data.flatMap((x, i) => Array.from({ length: w[i]! }, () => x));
    const a = normalKnownSigma.fit(data, { weights: w, fixed: { sigma: 3 } });
    const b = normalKnownSigma.fit(rep, { init: { mu: 0, sigma: 3 } });
    expect(rel(a.params.mu, b.params.mu)).toBeLessThan(1e-13);
    expect(rel(a.logLikelihood, b.logLikelihood)).toBeLessThan(1e-12);
  });
});
