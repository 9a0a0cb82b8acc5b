import { readFileSync } from 'node:fs';
import { createRng, DimensionMismatchError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { conformanceChecks } from '../testing/index.js';
import { multinomial } from './multinomial.js';

type Fixture = {
  n: number;
  p: number[];
  q: number[];
  x: number[][];
  logpmf: number[];
  entropy: number;
  mean: number[];
  var: number[];
  kl: number;
};
const fixtures = (
  JSON.parse(readFileSync(new URL('./fixtures/multivariate.json', import.meta.url), 'utf8')) as {
    multinomial: Fixture[];
  }
).multinomial;

function rel(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

/** Every vector of k non-negative integers summing to n. */
function compositions(n: number, k: number): Float64Array[] {
  if (k === 1) return [Float64Array.of(n)];
  const out: Float64Array[] = [];
  for (let first = 0; first <= n; first++)
    for (const rest of compositions(n - first, k - 1)) out.push(Float64Array.of(first, ...rest));
  return out;
}

describe('multinomial', () => {
  for (const c of conformanceChecks(multinomial, { samples: 10_000 }))
    it.skipIf(c.skipped !== undefined)(c.name, () => c.run());

  it('log pmf, entropy, moments and KL agree with scipy.stats.multinomial', () => {
    for (const fx of fixtures) {
      const params = { n: fx.n, p: Float64Array.from(fx.p) };
      fx.x.forEach((x, i) => {
        expect(rel(multinomial.logProb(params, Float64Array.from(x)), fx.logpmf[i]!)).toBeLessThan(1e-12);
      });
      expect(rel(multinomial.entropy(params), fx.entropy)).toBeLessThan(1e-12);
      const mean = multinomial.mean(params) as Float64Array;
      const variance = multinomial.variance(params) as Float64Array;
      fx.mean.forEach((m, i) => {
        expect(rel(mean[i]!, m)).toBeLessThan(1e-14);
        expect(rel(variance[i]!, fx.var[i]!)).toBeLessThan(1e-14);
      });
      expect(rel(multinomial.kl(params, { n: fx.n, p: Float64Array.from(fx.q) }), fx.kl)).toBeLessThan(1e-12);
    }
  });

  it('normalises, and E[score scoreᵀ] equals fisher(), by enumerating every count vector', () => {
    for (const params of [
      { n: 5, p: Float64Array.of(0.2, 0.3, 0.5) },
      { n: 4, p: Float64Array.of(0.1, 0.2, 0.3, 0.4) },
      { n: 1, p: Float64Array.of(0.6, 0.4) },
      { n: 7, p: Float64Array.of(0.05, 0.95) },
    ]) {
      const k = params.p.length;
      const xs = compositions(params.n, k);
      let total = 0;
      let entropy = 0;
      const outer = new Float64Array((k - 1) * (k - 1));
      for (const x of xs) {
        const lp = multinomial.logProb(params, x);
        const w = Math.exp(lp);
        total += w;
        entropy -= w * lp;
        const s = multinomial.score(params, x);
        for (let i = 0; i < k - 1; i++)
          for (let j = 0; j < k - 1; j++) outer[i * (k - 1) + j]! += w * s[i]! * s[j]!;
      }
      expect(Math.abs(total - 1)).toBeLessThan(1e-13);
      expect(rel(multinomial.entropy(params), entropy)).toBeLessThan(1e-12);
      const I = multinomial.fisher(params);
      outer.forEach((v, idx) => {
        expect(Math.abs(I.data[idx]! - v)).toBeLessThan(1e-11 * Math.abs(I.data[idx]!));
      });
    }
  });

  it('off-support counts have log pmf −∞', () => {
    const params = { n: 3, p: Float64Array.of(0.5, 0.5) };
    for (const x of [Float64Array.of(1, 1), Float64Array.of(-1, 4), Float64Array.of(1.5, 1.5)])
      expect(multinomial.logProb(params, x)).toBe(Number.NEGATIVE_INFINITY);
    expect(() => multinomial.logProb(params, Float64Array.of(3))).toThrow(DimensionMismatchError);
  });

  it('samples large n (beta-splitting binomials) with the right moments', () => {
    const params = { n: 10_000, p: Float64Array.of(0.001, 0.299, 0.7) };
    const N = 4000;
    const xs = multinomial.sample(params, createRng(5), N);
    const mean = multinomial.mean(params) as Float64Array;
    const variance = multinomial.variance(params) as Float64Array;
    for (let i = 0; i < 3; i++) {
      const m = xs.reduce((a, x) => a + x[i]!, 0) / N;
      const v = xs.reduce((a, x) => a + (x[i]! - m) ** 2, 0) / N;
      expect(Math.abs(m - mean[i]!)).toBeLessThan(5 * Math.sqrt(variance[i]! / N));
      expect(Math.abs(v / variance[i]! - 1)).toBeLessThan(0.1);
    }
    for (const x of xs) expect(x.reduce((a, b) => a + b, 0)).toBe(10_000);
  });
});
