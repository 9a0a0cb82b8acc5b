import { createRng } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { conformanceChecks } from '../testing/index.js';
import { exponential } from './exponential.js';
import { continuousFixture, num } from './test-utils/continuous-fixture.js';
import { type WeibullParams, weibull } from './weibull.js';

type P = WeibullParams;
const fx = continuousFixture<P>('weibull');
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe('weibull', () => {
  for (const c of conformanceChecks(weibull)) it.skipIf(c.skipped !== undefined)(c.name, () => c.run());

  describe('at a small scale λ = 0.01', () => {
    // Near the pole of the score at λ = 0: the kit's finite-difference steps stay inside the domain.
    for (const c of conformanceChecks(weibull, {
      params: [{ scale: 0.01, shape: 0.8 }],
      samples: 10_000,
    }))
      it.skipIf(c.skipped !== undefined)(c.name, () => c.run());
  });

  describe('at a large shape k = 20 and a small shape k = 0.4', () => {
    // Far-tail quadrature nodes where p(x) underflows to 0 carry no weight and are not evaluated.
    for (const c of conformanceChecks(weibull, { params: [{ scale: 1, shape: 20 }], samples: 10_000 }))
      it.skipIf(c.skipped !== undefined)(c.name, () => c.run());
    for (const c of conformanceChecks(weibull, { params: [{ scale: 2, shape: 0.4 }], samples: 10_000 }))
      it.skipIf(c.skipped !== undefined)(c.name, () => c.run());
  });

  it('logpdf, mean, variance and entropy match scipy.stats.weibull_min(c = k, scale = λ)', () => {
    for (const c of fx.cases) {
      const batch = weibull.logProbBatch(c.params, c.x);
      c.x.forEach((x, i) => {
        expect(rel(weibull.logProb(c.params, x), num(c.logpdf[i]!))).toBeLessThan(1e-12);
        expect(batch[i]).toBe(weibull.logProb(c.params, x));
      });
      expect(Math.abs((weibull.mean(c.params) as number) / num(c.mean) - 1)).toBeLessThan(1e-13);
      expect(Math.abs((weibull.variance(c.params) as number) / num(c.var) - 1)).toBeLessThan(1e-12);
      expect(rel(weibull.entropy(c.params), num(c.entropy))).toBeLessThan(1e-12);
    }
    expect(weibull.logProb({ scale: 2, shape: 0.5 }, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(weibull.logProb({ scale: 2, shape: 1 }, 0)).toBe(-Math.log(2));
    expect(weibull.logProb({ scale: 2, shape: 3 }, 0)).toBe(Number.NEGATIVE_INFINITY);
    expect(weibull.logProb({ scale: 2, shape: 3 }, -1)).toBe(Number.NEGATIVE_INFINITY);
  });

  it('k = 1 is the exponential with rate 1/λ', () => {
    const p = { scale: 4, shape: 1 };
    const e = { rate: 0.25 };
    for (const x of [0.1, 1, 7, 30]) expect(weibull.logProb(p, x)).toBeCloseTo(exponential.logProb(e, x), 14);
    expect(weibull.entropy(p)).toBeCloseTo(exponential.entropy(e), 14);
    expect(weibull.kl(p, { scale: 2, shape: 1 })).toBeCloseTo(exponential.kl(e, { rate: 0.5 }), 14);
    expect(weibull.kl(p, p)).toBe(0);
  });

  it('closed-form KL (Bauckhage 2013) matches quadrature of p log(p/q) (scipy.integrate.quad)', () => {
    for (const { p, q, kl } of fx.kl) expect(rel(weibull.kl(p, q), kl)).toBeLessThan(1e-8);
  });

  it('MLE (Newton on the profile equation) matches scipy.stats.weibull_min.fit with floc = 0', () => {
    const r = weibull.fit(fx.mle.data);
    expect(r.converged).toBe(true);
    expect(r.iterations).toBeGreaterThan(0);
    expect(r.iterations).toBeLessThan(20);
    expect(r.gradientNorm).toBeLessThan(1e-10);
    expect(rel(r.params.shape, fx.mle.params.shape)).toBeLessThan(1e-6);
    expect(rel(r.params.scale, fx.mle.params.scale)).toBeLessThan(1e-6);
    expect(rel(r.logLikelihood, fx.mle.logLikelihood)).toBeLessThan(1e-10);
  });

  it('fit: weights act as repeats, any start converges, bad data throws', () => {
    const data = weibull.sample({ scale: 3, shape: 0.7 }, createRng(8), 60);
    const w = data.map((_, i) => (i % 3) + 1);
    const rep = data.flatMap((x, i) => Array.from({ length: w[i]! }, () => x));
    const a = weibull.fit(data, { weights: w });
    const b = weibull.fit(rep);
    expect(rel(a.params.shape, b.params.shape)).toBeLessThan(1e-12);
    expect(rel(a.params.scale, b.params.scale)).toBeLessThan(1e-12);
    expect(rel(a.logLikelihood, b.logLikelihood)).toBeLessThan(1e-12);
    const plain = weibull.fit(data);
    for (const shape of [1e-3, 0.05, 50, 1e4]) {
      const c = weibull.fit(data, { init: { scale: 1, shape } });
      expect(c.converged).toBe(true);
      expect(rel(c.params.shape, plain.params.shape)).toBeLessThan(1e-13);
      expect(rel(c.params.scale, plain.params.scale)).toBeLessThan(1e-13);
    }
    expect(() => weibull.fit([1, 2, 0])).toThrow(/data\[2\]/);
    expect(() => weibull.fit([2, 2, 2])).toThrow(/distinct/);
    const capped = weibull.fit(data, { init: { scale: 1, shape: 1e4 }, maxIterations: 2 });
    expect(capped.converged).toBe(false);
    expect(capped.iterations).toBe(2);
  });
});
