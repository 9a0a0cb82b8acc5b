import { bernoulli, normal, poisson } from '@infogeom/distributions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jeffreysPrior } from './jeffreys-prior.js';

describe('jeffreysPrior', () => {
  it('Bernoulli ∝ 1/√(p(1 − p)), Poisson ∝ 1/√λ, normal (μ, σ) ∝ 1/σ² (property)', () => {
    const b = jeffreysPrior(bernoulli, { p: 0.5 });
    const p = jeffreysPrior(poisson, { rate: 1 });
    const n = jeffreysPrior(normal, { mu: 0, sigma: 1 });
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        (q, lambda, mu) => {
          expect(b.logDensity([q])).toBeCloseTo(-0.5 * Math.log(q * (1 - q)), 10);
          expect(p.logDensity([lambda])).toBeCloseTo(-0.5 * Math.log(lambda), 12);
          // √det diag(1/σ², 2/σ²) = √2/σ²
          expect(n.logDensity([mu, lambda])).toBeCloseTo(0.5 * Math.log(2) - 2 * Math.log(lambda), 12);
        },
      ),
      { numRuns: 200 },
    );
    expect(n.dimension).toBe(2);
  });

  it('is −∞ outside the parameter space', () => {
    expect(jeffreysPrior(bernoulli, { p: 0.5 }).logDensity([1.5])).toBe(Number.NEGATIVE_INFINITY);
    expect(jeffreysPrior(normal, { mu: 0, sigma: 1 }).logDensity([0, -1])).toBe(Number.NEGATIVE_INFINITY);
    expect(jeffreysPrior(normal, { mu: 0, sigma: 1 }).logDensity([0])).toBe(Number.NEGATIVE_INFINITY);
  });
});
