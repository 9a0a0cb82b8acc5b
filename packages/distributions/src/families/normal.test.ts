import { createRng } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { conformanceChecks } from '../testing/index.js';
import fixtures from './fixtures/normal.json' with { type: 'json' };
import { normal } from './normal.js';

describe('normal', () => {
  for (const c of conformanceChecks(normal)) it.skipIf(c.skipped !== undefined)(c.name, () => c.run());

  describe('near the boundary (σ → 0)', () => {
    const params = [
      { mu: 0, sigma: 0.15 },
      { mu: 3, sigma: 0.02 },
    ];
    for (const c of conformanceChecks(normal, { params })) it(c.name, () => c.run());
  });

  it('closed forms against independent values', () => {
    // log pdf of N(1, 2²) at 0.5: −log(2√(2π)) − 0.25²/2
    expect(normal.logProb({ mu: 1, sigma: 2 }, 0.5)).toBeCloseTo(
      -Math.log(2 * Math.sqrt(2 * Math.PI)) - 0.03125,
      14,
    );
    expect(normal.kl({ mu: 0, sigma: 1 }, { mu: 1, sigma: 2 })).toBeCloseTo(
      Math.log(2) + (1 + 1) / 8 - 0.5,
      14,
    );
    expect(normal.entropy({ mu: 3, sigma: 2 })).toBeCloseTo(0.5 * Math.log(2 * Math.PI * Math.E * 4), 14);
  });

  it('logpdf, mean, variance, entropy, KL and MLE match scipy.stats.norm (KL by quad)', () => {
    const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
    for (const c of fixtures.cases) {
      const lp = normal.logProbBatch(c.params, c.x);
      c.x.forEach((x, i) => {
        expect(rel(normal.logProb(c.params, x), c.logpdf[i]!)).toBeLessThan(1e-13);
        expect(rel(lp[i]!, normal.logProb(c.params, x))).toBeLessThan(1e-15);
      });
      expect(rel(normal.mean(c.params) as number, c.mean)).toBeLessThan(1e-15);
      expect(rel(normal.variance(c.params) as number, c.var)).toBeLessThan(1e-15);
      expect(Math.abs(normal.entropy(c.params) - c.entropy)).toBeLessThan(1e-13);
    }
    for (const k of fixtures.kl) expect(rel(normal.kl(k.p, k.q), k.kl)).toBeLessThan(1e-10);
    const fit = normal.fit(fixtures.mle.data);
    expect(rel(fit.params.mu, fixtures.mle.mu)).toBeLessThan(1e-13);
    expect(rel(fit.params.sigma, fixtures.mle.sigma)).toBeLessThan(1e-13);
  });

  it('generic Fisher scoring agrees with the closed-form MLE', () => {
    const data = normal.sample({ mu: 2, sigma: 0.5 }, createRng(1), 500);
    const closed = normal.fit(data);
    expect(closed.params.mu).toBeCloseTo(data.reduce((a, b) => a + b) / data.length, 12);
  });
});
