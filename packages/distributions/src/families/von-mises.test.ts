import { readFileSync } from 'node:fs';
import { besselIRatio, createRng, InvalidArgumentError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { conformanceChecks } from '../testing/index.js';
import { vonMises } from './von-mises.js';

type Fixture = {
  mu: number;
  kappa: number;
  mu2: number;
  kappa2: number;
  x: number[];
  logpdf: number[];
  entropy: number;
  circularVariance: number;
  kl: number;
};
const fixtures = (
  JSON.parse(readFileSync(new URL('./fixtures/multivariate.json', import.meta.url), 'utf8')) as {
    vonMises: Fixture[];
  }
).vonMises;

function rel(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

describe('vonMises', () => {
  for (const c of conformanceChecks(vonMises, { samples: 10_000 }))
    it.skipIf(c.skipped !== undefined)(c.name, () => c.run());

  describe('a mean direction near ±π', () => {
    for (const c of conformanceChecks(vonMises, {
      samples: 10_000,
      params: [{ mu: 3, kappa: 150 }],
    }))
      it.skipIf(c.skipped !== undefined)(c.name, () => c.run());
  });

  it('log pdf, entropy, circular variance and KL agree with scipy.stats.vonmises (KL by quad)', () => {
    for (const fx of fixtures) {
      const p = { mu: fx.mu, kappa: fx.kappa };
      const q = { mu: fx.mu2, kappa: fx.kappa2 };
      fx.x.forEach((x, i) => {
        expect(rel(vonMises.logProb(p, x), fx.logpdf[i]!)).toBeLessThan(1e-12);
      });
      expect(rel(vonMises.entropy(p), fx.entropy)).toBeLessThan(1e-12);
      expect(rel(vonMises.variance(p) as number, fx.circularVariance)).toBeLessThan(1e-12);
      expect(rel(vonMises.kl(p, q), fx.kl)).toBeLessThan(1e-12);
    }
  });

  it('the MLE is the circular mean and A⁻¹(R̄), found by Newton from Banerjee’s start', () => {
    const truth = { mu: -2.9, kappa: 40 };
    const data = vonMises.sample(truth, createRng(4), 3000);
    const fit = vonMises.fit(data);
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeGreaterThan(0);
    const s = data.reduce((a, x) => a + Math.sin(x), 0);
    const c = data.reduce((a, x) => a + Math.cos(x), 0);
    expect(fit.params.mu).toBeCloseTo(Math.atan2(s, c), 14);
    expect(rel(besselIRatio(0, fit.params.kappa), Math.hypot(s, c) / data.length)).toBeLessThan(1e-14);
  });

  it('samples stay in (−π, π] and work at tiny and huge concentrations', () => {
    for (const kappa of [1e-9, 1e-4, 1e4]) {
      const xs = vonMises.sample({ mu: Math.PI, kappa }, createRng(9), 2000);
      for (const x of xs) {
        expect(x).toBeGreaterThan(-Math.PI);
        expect(x).toBeLessThanOrEqual(Math.PI);
      }
      const R = Math.hypot(
        xs.reduce((a, x) => a + Math.sin(x), 0),
        xs.reduce((a, x) => a + Math.cos(x), 0),
      );
      expect(Math.abs(R / 2000 - besselIRatio(0, kappa))).toBeLessThan(6 / Math.sqrt(2000));
    }
  });

  it('large concentrations: Fisher stays positive and log pdf finite', () => {
    const p = { mu: 0, kappa: 1e6 };
    expect(Number.isFinite(vonMises.logProb(p, 0))).toBe(true);
    const I = vonMises.fisher(p);
    expect(I.get(1, 1)).toBeGreaterThan(0);
    expect(rel(I.get(1, 1), 1 / (2 * 1e12) + 1 / (4 * 1e18))).toBeLessThan(1e-12);
  });

  it('the κκ Fisher entry is continuous where its large-κ series takes over', () => {
    const below = vonMises.fisher({ mu: 0, kappa: 200 }).get(1, 1);
    const above = vonMises.fisher({ mu: 0, kappa: 200 * (1 + 1e-12) }).get(1, 1);
    expect(rel(above, below)).toBeLessThan(1e-10);
  });

  it('refuses identical observations (κ̂ = ∞)', () => {
    expect(() => vonMises.fit([1, 1, 1])).toThrow(InvalidArgumentError);
  });
});
