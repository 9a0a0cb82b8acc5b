import { normal, poisson } from '@infogeom/distributions';
import { createRng, InvalidArgumentError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { waldIntervals } from './wald-intervals.js';

/** Fraction of `replicates` intervals covering the truth, per coordinate. */
function coverage(replicates: number, draw: (i: number) => { hits: boolean[] }): number[] {
  const counts: number[] = [];
  for (let r = 0; r < replicates; r++)
    draw(r).hits.forEach((h, i) => {
      counts[i] = (counts[i] ?? 0) + (h ? 1 : 0);
    });
  return counts.map((c) => c / replicates);
}

describe('waldIntervals', () => {
  const R = 400;
  // binomial standard error of an estimated 0.95 coverage from 400 replicates
  const se = Math.sqrt((0.95 * 0.05) / R);

  it('θ̂ ± 1.96·SE with the Fisher standard error', () => {
    const fit = normal.fit([1, 2, 4]);
    const [mu, sigma] = waldIntervals(normal, fit, 3);
    const s = fit.params.sigma;
    expect(mu!.name).toBe('mu');
    expect(mu!.standardError).toBeCloseTo(s / Math.sqrt(3), 14);
    expect(mu!.upper - mu!.estimate).toBeCloseTo(1.959963984540054 * (s / Math.sqrt(3)), 12);
    expect(sigma!.lower).toBeCloseTo(s - 1.959963984540054 * (s / Math.sqrt(6)), 12);
    const [m90] = waldIntervals(normal, fit, 3, 0.9);
    expect(m90!.upper - m90!.estimate).toBeCloseTo(1.6448536269514722 * (s / Math.sqrt(3)), 12);
  });

  it('Poisson rate (n = 50): coverage within binomial error of 0.95 over 400 replicates', () => {
    const rng = createRng(41);
    const cov = coverage(R, () => {
      const data = poisson.sample({ rate: 3 }, rng, 50);
      return { hits: waldIntervals(poisson, poisson.fit(data), 50).map((c) => c.lower <= 3 && 3 <= c.upper) };
    });
    // measured: 0.9575
    expect(Math.abs(cov[0]! - 0.95)).toBeLessThan(3 * se);
  });

  it('normal (μ, σ) (n = 100): coverage within binomial error of 0.95 for both coordinates', () => {
    const rng = createRng(42);
    const truth = [1.5, 2];
    const cov = coverage(R, () => {
      const data = normal.sample({ mu: 1.5, sigma: 2 }, rng, 100);
      const iv = waldIntervals(normal, normal.fit(data), 100);
      return { hits: iv.map((c, i) => c.lower <= truth[i]! && truth[i]! <= c.upper) };
    });
    // measured: μ 0.9425, σ 0.925 (σ̂ is biased down at n = 100: Wald slightly under-covers)
    expect(Math.abs(cov[0]! - 0.95)).toBeLessThan(3 * se);
    expect(Math.abs(cov[1]! - 0.95)).toBeLessThan(3 * se);
  });

  it('rejects levels outside (0, 1)', () => {
    const fit = poisson.fit([1, 2, 3]);
    expect(() => waldIntervals(poisson, fit, 3, 1)).toThrow(InvalidArgumentError);
    expect(() => waldIntervals(poisson, fit, 3, 0)).toThrow(InvalidArgumentError);
  });
});
