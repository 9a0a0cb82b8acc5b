import { family, fisherScoringFit, listFamilies } from '@infogeom/distributions';
import { familyModel, geodesicDistance, monteCarloFisher } from '@infogeom/fisher';
import { createRng, InvalidArgumentError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { inverseGaussian, inverseGaussianDistance } from './index.js';
import './register.js';

describe('registration through the public registry', () => {
  it('registers under its name and is typed by declaration merging', () => {
    expect(listFamilies()).toContain('inverseGaussian');
    const f = family('inverseGaussian');
    expect(f).toBe(inverseGaussian);
    // Typed: the parameters are { mean, shape }.
    const m: number = f.mean({ mean: 2, shape: 3 }) as number;
    expect(m).toBe(2);
    // @ts-expect-error a misspelt family name does not compile
    expect(() => family('inverseGausian')).toThrow(InvalidArgumentError);
  });
});

describe('closed forms against independent references', () => {
  it('log density against scipy.stats.invgauss(μ/λ, scale=λ) (values printed by scipy 1.10.1)', () => {
    // scipy.stats.invgauss.logpdf(x, mu/lam, scale=lam) for (μ, λ) = (1.5, 2.5):
    const cases: [number, number][] = [
      [0.2, -2.74108074306089],
      [1.0, -0.5996820561564841],
      [4.0, -3.4082902645029867],
    ];
    for (const [x, ref] of cases) {
      expect(inverseGaussian.logProb({ mean: 1.5, shape: 2.5 }, x)).toBeCloseTo(ref, 12);
    }
  });

  it('Monte Carlo Fisher (fisher package) is within 3 standard errors of the closed form', () => {
    const params = { mean: 0.8, shape: 3 };
    const est = monteCarloFisher(familyModel(inverseGaussian, params), [0.8, 3], {
      rng: createRng(7),
      samples: 40_000,
    });
    const exact = inverseGaussian.fisher(params);
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 2; j++) {
        const se = est.standardError.get(i, j);
        expect(se).toBeGreaterThan(0);
        expect(Math.abs(est.value.get(i, j) - exact.get(i, j))).toBeLessThan(3 * se);
      }
  });

  it('numeric Fisher–Rao geodesic distance (fisher package) equals the half-plane closed form', () => {
    const pairs: [{ mean: number; shape: number }, { mean: number; shape: number }][] = [
      [
        { mean: 1, shape: 1 },
        { mean: 2, shape: 3 },
      ],
      [
        { mean: 0.3, shape: 4 },
        { mean: 5, shape: 0.7 },
      ],
    ];
    for (const [p, q] of pairs) {
      const r = geodesicDistance(inverseGaussian, p, q);
      expect(r.converged).toBe(true);
      expect(r.method).not.toBe('closed-form');
      const ref = inverseGaussianDistance(p, q);
      expect(Math.abs(r.distance - ref) / ref).toBeLessThan(1e-6);
    }
  });

  it('the closed-form distance is the metric locally: d² ≈ dθᵀ I dθ', () => {
    const p = { mean: 1.3, shape: 2.2 };
    const h = 1e-5;
    const q = { mean: p.mean + h, shape: p.shape - 2 * h };
    const I = inverseGaussian.fisher(p);
    const quad = I.get(0, 0) * h * h + I.get(1, 1) * 4 * h * h;
    expect(inverseGaussianDistance(p, q) ** 2 / quad).toBeCloseTo(1, 4);
  });

  it('the generic Fisher-scoring MLE agrees with the closed-form MLE', () => {
    const data = inverseGaussian.sample({ mean: 2, shape: 5 }, createRng(3), 2000);
    const closed = inverseGaussian.fit(data);
    const generic = fisherScoringFit(inverseGaussian, data, {});
    expect(generic.converged).toBe(true);
    expect(generic.params.mean).toBeCloseTo(closed.params.mean, 8);
    expect(generic.params.shape).toBeCloseTo(closed.params.shape, 7);
    expect(closed.params.mean).toBeCloseTo(2, 1);
  });

  it('rejects invalid parameters with a typed error naming them', () => {
    expect(() => inverseGaussian.logProb({ mean: -1, shape: 1 }, 1)).toThrow(InvalidArgumentError);
    expect(() => inverseGaussian.fit([1, 1, 1])).toThrow(InvalidArgumentError);
  });
});
