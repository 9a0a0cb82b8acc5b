import { readFileSync } from 'node:fs';
import { createRng, InvalidArgumentError, NonFiniteError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { conformanceChecks } from '../testing/index.js';
import { categorical } from './categorical.js';

type Fixture = { p: number[]; logpmf: number[]; entropy: number };
const fixtures = (
  JSON.parse(readFileSync(new URL('./fixtures/multivariate.json', import.meta.url), 'utf8')) as {
    categorical: Fixture[];
  }
).categorical;

function rel(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

describe('categorical', () => {
  for (const c of conformanceChecks(categorical, { samples: 10_000 }))
    it.skipIf(c.skipped !== undefined)(c.name, () => c.run());

  it('log pmf and entropy agree with scipy.stats.multinomial(1, p)', () => {
    for (const fx of fixtures) {
      const params = { p: Float64Array.from(fx.p) };
      fx.logpmf.forEach((lp, i) => {
        expect(rel(categorical.logProb(params, i), lp)).toBeLessThan(1e-13);
      });
      expect(rel(categorical.entropy(params), fx.entropy)).toBeLessThan(1e-13);
    }
  });

  it('is −∞ off the support and the Fisher information is diag(1/pᵢ) + 11ᵀ/p_k', () => {
    const params = { p: Float64Array.of(0.1, 0.2, 0.3, 0.4) };
    for (const x of [-1, 4, 1.5]) expect(categorical.logProb(params, x)).toBe(Number.NEGATIVE_INFINITY);
    expect(() => categorical.logProb(params, Number.NaN)).toThrow(NonFiniteError);
    const I = categorical.fisher(params);
    expect(I.get(0, 0)).toBeCloseTo(1 / 0.1 + 1 / 0.4, 12);
    expect(I.get(1, 2)).toBeCloseTo(1 / 0.4, 12);
  });

  it('KL is Σ p log(p/q) and the MLE is the empirical frequency', () => {
    const p = { p: Float64Array.of(0.2, 0.8) };
    const q = { p: Float64Array.of(0.5, 0.5) };
    expect(categorical.kl(p, q)).toBeCloseTo(0.2 * Math.log(0.4) + 0.8 * Math.log(1.6), 14);
    const data = categorical.sample({ p: Float64Array.of(0.1, 0.2, 0.3, 0.4) }, createRng(3), 2000);
    const fit = categorical.fit(data, { fixed: { p: new Float64Array(4) } });
    const counts = [0, 1, 2, 3].map((k) => data.filter((x) => x === k).length / data.length);
    counts.forEach((c, k) => {
      expect(fit.params.p[k]).toBeCloseTo(c, 14);
    });
  });

  it('refuses a sample that misses a category', () => {
    expect(() => categorical.fit([0, 0, 1], { fixed: { p: new Float64Array(3) } })).toThrow(
      InvalidArgumentError,
    );
  });
});
