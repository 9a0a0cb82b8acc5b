import { createRng, inverse } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { fisherScoringFit } from '../fisher-scoring-fit.js';
import { conformanceChecks } from '../testing/index.js';
import { type LaplaceParams, laplace } from './laplace.js';
import { continuousFixture, num } from './test-utils/continuous-fixture.js';

type P = LaplaceParams;
const fx = continuousFixture<P>('laplace');
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

// The support declares the kink at x = μ as a breakpoint, so the kit's quadrature is split there.
const skip = {
  'Fisher equals −E[Hessian]':
    'not applicable: log p is not twice differentiable in μ at x = μ, so −E[∂²log p/∂μ²] = 0 ≠ I_μμ = 1/b²',
  'maximum likelihood':
    'the kit compares the closed-form MLE with Fisher scoring, which cannot pin down the median of a likelihood that is piecewise linear in μ; checked below',
};

describe('laplace', () => {
  for (const c of conformanceChecks(laplace, { skip }))
    it.skipIf(c.skipped !== undefined)(c.name, () => c.run());

  laplace.examples.forEach((params, k) => {
    it(`MLE of a large sample is within 6 standard errors and maximises the likelihood @ examples[${k}]`, () => {
      const n = 4001;
      const data = laplace.sample(params, createRng(100 + k), n);
      const fit = laplace.fit(data);
      const cov = inverse(laplace.fisher(params));
      expect(Math.abs(fit.params.mu - params.mu)).toBeLessThan(6 * Math.sqrt(cov.get(0, 0) / n));
      expect(Math.abs(fit.params.b - params.b)).toBeLessThan(6 * Math.sqrt(cov.get(1, 1) / n));
      const ll = (p: P) => laplace.logProbBatch(p, data).reduce((a, b) => a + b, 0);
      expect(rel(fit.logLikelihood, ll(fit.params))).toBeLessThan(1e-12);
      const generic = fisherScoringFit(laplace, data, { init: params, maxIterations: 20 });
      expect(fit.logLikelihood).toBeGreaterThanOrEqual(
        generic.logLikelihood - 1e-9 * Math.abs(generic.logLikelihood),
      );
      for (const [dm, db] of [
        [1e-6, 0],
        [-1e-6, 0],
        [0, 1e-6],
        [0, -1e-6],
      ] as const) {
        const p = { mu: fit.params.mu + dm * params.b, b: fit.params.b * (1 + db) };
        expect(ll(p)).toBeLessThan(fit.logLikelihood);
      }
    });
  });

  it('logpdf, mean, variance and entropy match scipy.stats.laplace', () => {
    for (const c of fx.cases) {
      const batch = laplace.logProbBatch(c.params, c.x);
      c.x.forEach((x, i) => {
        expect(rel(laplace.logProb(c.params, x), num(c.logpdf[i]!))).toBeLessThan(1e-12);
        expect(rel(batch[i]!, num(c.logpdf[i]!))).toBeLessThan(1e-12);
      });
      expect(laplace.mean(c.params)).toBe(num(c.mean));
      expect(rel(laplace.variance(c.params) as number, num(c.var))).toBeLessThan(1e-14);
      expect(rel(laplace.entropy(c.params), num(c.entropy))).toBeLessThan(1e-12);
    }
  });

  it('closed-form KL matches quadrature of p log(p/q) (scipy.integrate.quad)', () => {
    for (const { p, q, kl } of fx.kl) expect(rel(laplace.kl(p, q), kl)).toBeLessThan(1e-8);
  });

  it('MLE matches scipy.stats.laplace.fit (median, mean absolute deviation)', () => {
    const r = laplace.fit(fx.mle.data);
    expect(rel(r.params.mu, fx.mle.params.mu)).toBeLessThan(1e-12);
    expect(rel(r.params.b, fx.mle.params.b)).toBeLessThan(1e-12);
    expect(rel(r.logLikelihood, fx.mle.logLikelihood)).toBeLessThan(1e-12);
    // odd count: the middle observation
    expect(laplace.fit([3, -1, 0.5, 10, 2]).params).toEqual({ mu: 2, b: (1 + 3 + 1.5 + 8 + 0) / 5 });
  });

  it('weighted MLE equals the MLE of the repeated data', () => {
    const data = laplace.sample({ mu: 1, b: 2 }, createRng(9), 41);
    for (const w of [data.map((_, i) => (i % 3) + 1), data.map((_, i) => (i % 2) + 1)]) {
      const rep = data.flatMap((x, i) => Array.from({ length: w[i]! }, () => x));
      const a = laplace.fit(data, { weights: w });
      const b = laplace.fit(rep);
      expect(a.params.mu).toBe(b.params.mu);
      expect(rel(a.params.b, b.params.b)).toBeLessThan(1e-13);
      expect(rel(a.logLikelihood, b.logLikelihood)).toBeLessThan(1e-12);
    }
  });
});
