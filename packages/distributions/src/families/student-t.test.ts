import { createRng } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { conformanceChecks } from '../testing/index.js';
import { normal } from './normal.js';
import { type StudentTParams, studentT } from './student-t.js';
import { continuousFixture, num } from './test-utils/continuous-fixture.js';

type P = StudentTParams;
const fx = continuousFixture<P>('studentT');
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe('studentT', () => {
  for (const c of conformanceChecks(studentT)) it.skipIf(c.skipped !== undefined)(c.name, () => c.run());

  describe('at a small scale σ = 0.2', () => {
    // Near the pole of the score at σ = 0: the kit's finite-difference steps stay inside the domain.
    for (const c of conformanceChecks(studentT, { params: [{ nu: 4, mu: -2, sigma: 0.2 }] }))
      it.skipIf(c.skipped !== undefined)(c.name, () => c.run());
  });

  describe('Cauchy (ν = 1) and ν = 3 tails', () => {
    const skip = { 'sample moments': 'no mean or variance for ν = 1 (Cauchy)' };
    for (const c of conformanceChecks(studentT, { params: [{ nu: 1, mu: 0.5, sigma: 2 }], skip }))
      it.skipIf(c.skipped !== undefined)(c.name, () => c.run());
    const heavy = {
      'sample moments':
        'ν = 3: infinite fourth moment, so the kit’s sample-variance tolerance (from the sample fourth moment) does not hold',
    };
    for (const c of conformanceChecks(studentT, {
      params: [{ nu: 3, mu: 0, sigma: 1 }],
      samples: 10_000,
      skip: heavy,
    }))
      it.skipIf(c.skipped !== undefined)(c.name, () => c.run());
  });

  it('logpdf, mean, variance and entropy match scipy.stats.t', () => {
    for (const c of fx.cases) {
      const batch = studentT.logProbBatch(c.params, c.x);
      c.x.forEach((x, i) => {
        expect(rel(studentT.logProb(c.params, x), num(c.logpdf[i]!))).toBeLessThan(1e-12);
        expect(rel(batch[i]!, num(c.logpdf[i]!))).toBeLessThan(1e-12);
      });
      // SciPy reports a mean of +∞ for ν ≤ 1; it is undefined, and we return NaN (documented).
      if (c.params.nu > 1) expect(studentT.mean(c.params)).toBe(num(c.mean));
      else expect(studentT.mean(c.params)).toBeNaN();
      const v = studentT.variance(c.params) as number;
      if (Number.isFinite(num(c.var))) expect(rel(v, num(c.var))).toBeLessThan(1e-14);
      else expect(v).toEqual(num(c.var));
      expect(rel(studentT.entropy(c.params), num(c.entropy))).toBeLessThan(1e-12);
    }
  });

  it('entropy tends to the normal entropy as ν → ∞', () => {
    expect(studentT.entropy({ nu: 1e7, mu: 0, sigma: 2 })).toBeCloseTo(
      normal.entropy({ mu: 0, sigma: 2 }),
      6,
    );
  });

  it('KL by the quadrature fallback matches scipy.integrate.quad', () => {
    expect(studentT.closedForm.kl).toBe(false);
    for (const { p, q, kl } of fx.kl) {
      const e = studentT.estimateKl(p, q);
      expect(e.method).toBe('quadrature');
      expect(rel(e.value, kl)).toBeLessThan(1e-8);
    }
  });

  it('generic Fisher-scoring MLE matches scipy.stats.t.fit with fixed df', () => {
    expect(studentT.closedForm.fit).toBe(false);
    const r = studentT.fit(fx.mle.data, { fixed: fx.mle.fixed! });
    expect(r.converged).toBe(true);
    expect(r.params.nu).toBe(fx.mle.params.nu);
    expect(rel(r.params.mu, fx.mle.params.mu)).toBeLessThan(1e-6);
    expect(rel(r.params.sigma, fx.mle.params.sigma)).toBeLessThan(1e-6);
    expect(rel(r.logLikelihood, fx.mle.logLikelihood)).toBeLessThan(1e-10);
  });

  it('the sampler draws t variates (Cauchy quartiles for ν = 1)', () => {
    const xs = studentT.sample({ nu: 1, mu: 0, sigma: 1 }, createRng(4), 20_000).sort((a, b) => a - b);
    // quartiles of the standard Cauchy are ±1; the sample quartile's standard error is ≈ 0.022
    expect(Math.abs(xs[5000]! + 1)).toBeLessThan(0.1);
    expect(Math.abs(xs[15000]! - 1)).toBeLessThan(0.1);
  });
});
