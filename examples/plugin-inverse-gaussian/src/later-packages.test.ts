import { createRng } from '@infogeom/linalg';
import { familyNaturalGradient } from '@infogeom/natgrad';
import { familyOutput, functionDecoder, geodesic, pullbackMetric } from '@infogeom/pullback';
import { describe, expect, it } from 'vitest';
import { inverseGaussian } from './index.js';

// The plugin works unchanged with the packages built after it: natural-gradient MLE and pullback metrics.
describe('inverseGaussian with @infogeom/natgrad and @infogeom/pullback', () => {
  it('natural-gradient MLE reaches the closed-form MLE (and one mean-parameter step lands on it)', () => {
    const data = inverseGaussian.sample({ mean: 1.7, shape: 4 }, createRng(11), 1500);
    const closed = inverseGaussian.fit(data).params;
    const res = familyNaturalGradient(inverseGaussian, data).run({ gradientTolerance: 1e-10 });
    expect(res.converged).toBe(true);
    const fitted = familyNaturalGradient(inverseGaussian, data, { coordinates: 'mean' });
    fitted.step();
    expect(fitted.params.mean).toBeCloseTo(closed.mean, 10);
    expect(fitted.params.shape).toBeCloseTo(closed.shape, 8);
  });

  it('the pullback of its Fisher metric through z ↦ (e^z₁, e^z₂) is diag(λ/μ, ½) and its geodesics match the closed form', () => {
    const decoder = functionDecoder({
      latentDimension: 2,
      outputDimension: 2,
      decode: (z) => [Math.exp(z[0]!), Math.exp(z[1]!)],
      jacobian: (z) => [Math.exp(z[0]!), 0, 0, Math.exp(z[1]!)],
      output: familyOutput(inverseGaussian, { mean: 1, shape: 1 }),
    });
    const metric = pullbackMetric(decoder);
    const z = Float64Array.of(Math.log(2), Math.log(3));
    const G = metric.metric(z);
    // J = diag(μ, λ); JᵀIJ = diag(μ²·λ/μ³, λ²/(2λ²)) = diag(λ/μ, ½).
    expect(G[0]).toBeCloseTo(3 / 2, 12);
    expect(G[3]).toBeCloseTo(0.5, 12);
    expect(Math.abs(G[1]!)).toBeLessThan(1e-14);
    // A pullback through a diffeomorphism is an isometry: the latent geodesic has the Fisher–Rao length.
    const p = { mean: 1, shape: 1 };
    const q = { mean: 2, shape: 3 };
    const g = geodesic(metric, [Math.log(p.mean), Math.log(p.shape)], [Math.log(q.mean), Math.log(q.shape)]);
    const t1 = 1;
    const t2 = 1 / Math.sqrt(3);
    const v1 = Math.sqrt(2);
    const v2 = 1;
    const exact = Math.SQRT2 * Math.acosh(1 + ((v1 - v2) ** 2 + (t1 - t2) ** 2) / (2 * t1 * t2));
    expect(g.converged).toBe(true);
    expect(Math.abs(g.length - exact) / exact).toBeLessThan(1e-6);
  });
});
