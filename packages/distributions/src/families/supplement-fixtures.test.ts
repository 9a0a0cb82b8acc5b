import { DenseMatrix } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import fx from './fixtures/supplement.json' with { type: 'json' };
import { categorical, diagonalNormal, multivariateNormal } from './index.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('scipy references not covered by the per-group fixtures', () => {
  it('categorical KL (scipy.stats.entropy), mean and variance (rv_discrete)', () => {
    for (const c of fx.categorical) {
      const p = { p: Float64Array.from(c.p) };
      const q = { p: Float64Array.from(c.q) };
      expect(rel(categorical.kl(p, q), c.kl)).toBeLessThan(1e-12);
      expect(rel(categorical.mean(p) as number, c.mean)).toBeLessThan(1e-14);
      expect(rel(categorical.variance(p) as number, c.var)).toBeLessThan(1e-13);
    }
  });

  it('multivariate and diagonal normal means and marginal variances (scipy.stats.multivariate_normal)', () => {
    for (const c of fx.multivariateNormal) {
      const params = { mu: Float64Array.from(c.mu), Sigma: DenseMatrix.from(c.Sigma) };
      const m = multivariateNormal.mean(params) as Float64Array;
      const v = multivariateNormal.variance(params) as Float64Array;
      expect(Array.from(m)).toEqual(c.mean);
      for (const [i, e] of c.var.entries()) expect(rel(v[i]!, e)).toBeLessThan(1e-15);
    }
    for (const c of fx.diagonalNormal) {
      const params = { mu: Float64Array.from(c.mu), sigma: Float64Array.from(c.sigma) };
      const m = diagonalNormal.mean(params) as Float64Array;
      const v = diagonalNormal.variance(params) as Float64Array;
      expect(Array.from(m)).toEqual(c.mean);
      for (const [i, e] of c.var.entries()) expect(rel(v[i]!, e)).toBeLessThan(1e-15);
    }
  });
});
