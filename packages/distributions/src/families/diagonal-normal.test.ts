import { readFileSync } from 'node:fs';
import { DenseMatrix } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { conformanceChecks } from '../testing/index.js';
import { diagonalNormal } from './diagonal-normal.js';
import { multivariateNormal } from './multivariate-normal.js';

type Fixture = {
  mu: number[];
  sigma: number[];
  mu2: number[];
  sigma2: number[];
  x: number[][];
  logpdf: number[];
  entropy: number;
  kl: number;
};
const fixtures = (
  JSON.parse(readFileSync(new URL('./fixtures/multivariate.json', import.meta.url), 'utf8')) as {
    diagonalNormal: Fixture[];
  }
).diagonalNormal;

function rel(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

describe('diagonalNormal', () => {
  for (const c of conformanceChecks(diagonalNormal, { samples: 10_000 }))
    it.skipIf(c.skipped !== undefined)(c.name, () => c.run());

  describe('a wide coordinate (σ = 3)', () => {
    for (const c of conformanceChecks(diagonalNormal, {
      samples: 10_000,
      params: [{ mu: Float64Array.of(-2, 0.3, 5), sigma: Float64Array.of(0.2, 1.5, 3) }],
    }))
      it.skipIf(c.skipped !== undefined)(c.name, () => c.run());
  });

  it('log pdf, entropy and KL agree with scipy.stats.norm', () => {
    for (const fx of fixtures) {
      const p = { mu: Float64Array.from(fx.mu), sigma: Float64Array.from(fx.sigma) };
      const q = { mu: Float64Array.from(fx.mu2), sigma: Float64Array.from(fx.sigma2) };
      fx.x.forEach((x, i) => {
        expect(rel(diagonalNormal.logProb(p, Float64Array.from(x)), fx.logpdf[i]!)).toBeLessThan(1e-13);
      });
      expect(rel(diagonalNormal.entropy(p), fx.entropy)).toBeLessThan(1e-13);
      expect(rel(diagonalNormal.kl(p, q), fx.kl)).toBeLessThan(1e-12);
    }
  });

  it('is the multivariate normal with covariance diag(σ²)', () => {
    const p = diagonalNormal.examples[1]!;
    const q = { mu: Float64Array.of(0, 0, 0), sigma: Float64Array.of(1, 2, 0.5) };
    const asMvn = (v: typeof p) => ({
      mu: v.mu,
      Sigma: DenseMatrix.diagonal(Array.from(v.sigma, (s) => s * s)),
    });
    const x = Float64Array.of(-1.9, 1, 4);
    expect(rel(diagonalNormal.logProb(p, x), multivariateNormal.logProb(asMvn(p), x))).toBeLessThan(1e-14);
    expect(rel(diagonalNormal.kl(p, q), multivariateNormal.kl(asMvn(p), asMvn(q)))).toBeLessThan(1e-13);
    expect(rel(diagonalNormal.entropy(p), multivariateNormal.entropy(asMvn(p)))).toBeLessThan(1e-14);
    const I = diagonalNormal.fisher(p);
    p.sigma.forEach((s, i) => {
      expect(I.get(i, i)).toBeCloseTo(1 / (s * s), 12);
      expect(I.get(3 + i, 3 + i)).toBeCloseTo(2 / (s * s), 12);
    });
  });
});
