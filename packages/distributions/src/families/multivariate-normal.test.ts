import { readFileSync } from 'node:fs';
import { createRng, DenseMatrix, InvalidArgumentError, inverse } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { conformanceChecks } from '../testing/index.js';
import { multivariateNormal } from './multivariate-normal.js';

type Fixture = {
  mu: number[];
  Sigma: number[][];
  mu2: number[];
  Sigma2: number[][];
  x: number[][];
  logpdf: number[];
  entropy: number;
  kl: number;
};
const fixtures = (
  JSON.parse(readFileSync(new URL('./fixtures/multivariate.json', import.meta.url), 'utf8')) as {
    multivariateNormal: Fixture[];
  }
).multivariateNormal;

function rel(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

/**
 * The kit differentiates numerically with a first step of 0.1·max(|θᵢ|, 1) and shrinks it only when
 * logProb is non-finite; here λ_min(Σ) = 0.1, so that first step lands on a numerically singular Σ
 * (finite, huge log densities) and the Richardson tableau stops on the contaminated row.
 */

describe('multivariateNormal', () => {
  for (const c of conformanceChecks(multivariateNormal, { samples: 10_000 }))
    it.skipIf(c.skipped !== undefined)(c.name, () => c.run());

  describe('a strongly correlated, small-scale covariance', () => {
    const stress = {
      mu: Float64Array.of(-2.5, 2.5),
      Sigma: DenseMatrix.from([
        [0.5, 0.4],
        [0.4, 0.5],
      ]),
    };
    for (const c of conformanceChecks(multivariateNormal, {
      samples: 10_000,
      params: [stress],
    }))
      it.skipIf(c.skipped !== undefined)(c.name, () => c.run());
  });

  it('log pdf, entropy and KL agree with scipy.stats.multivariate_normal and the NumPy closed form', () => {
    for (const fx of fixtures) {
      const p = { mu: Float64Array.from(fx.mu), Sigma: DenseMatrix.from(fx.Sigma) };
      const q = { mu: Float64Array.from(fx.mu2), Sigma: DenseMatrix.from(fx.Sigma2) };
      fx.x.forEach((x, i) => {
        expect(rel(multivariateNormal.logProb(p, Float64Array.from(x)), fx.logpdf[i]!)).toBeLessThan(1e-12);
      });
      expect(rel(multivariateNormal.entropy(p), fx.entropy)).toBeLessThan(1e-13);
      expect(rel(multivariateNormal.kl(p, q), fx.kl)).toBeLessThan(1e-12);
    }
  });

  it('the Σ block of the Fisher information is ½ Dᵀ(Σ⁻¹ ⊗ Σ⁻¹)D with D the duplication matrix', () => {
    const params = multivariateNormal.examples[1]!;
    const d = 3;
    const P = inverse(params.Sigma);
    const cols: Float64Array[] = [];
    for (let i = 0; i < d; i++)
      for (let j = 0; j <= i; j++) {
        const e = new Float64Array(d * d);
        e[i * d + j] = 1;
        e[j * d + i] = 1;
        cols.push(e);
      }
    const I = multivariateNormal.fisher(params);
    const p = d + cols.length;
    cols.forEach((a, r) => {
      cols.forEach((b, c) => {
        // vec(A)ᵀ (P ⊗ P) vec(B) = Σ A_ij P_ik P_jl B_kl
        let s = 0;
        for (let i = 0; i < d; i++)
          for (let j = 0; j < d; j++)
            for (let k = 0; k < d; k++)
              for (let l = 0; l < d; l++) s += a[i * d + j]! * P.get(i, k) * P.get(j, l) * b[k * d + l]!;
        expect(Math.abs(I.data[(d + r) * p + d + c]! - 0.5 * s)).toBeLessThan(1e-13);
      });
      for (let k = 0; k < d; k++) expect(I.data[(d + r) * p + k]).toBe(0);
    });
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) expect(I.get(i, j)).toBeCloseTo(P.get(i, j), 13);
  });

  it('the MLE is the sample mean and the biased sample covariance', () => {
    const params = multivariateNormal.examples[1]!;
    const data = multivariateNormal.sample(params, createRng(2), 500);
    const fit = multivariateNormal.fit(data);
    const n = data.length;
    for (let i = 0; i < 3; i++) {
      const m = data.reduce((s, x) => s + x[i]!, 0) / n;
      expect(fit.params.mu[i]).toBeCloseTo(m, 12);
      for (let j = 0; j < 3; j++) {
        const mj = data.reduce((s, x) => s + x[j]!, 0) / n;
        const c = data.reduce((s, x) => s + (x[i]! - m) * (x[j]! - mj), 0) / n;
        expect(fit.params.Sigma.get(i, j)).toBeCloseTo(c, 12);
      }
    }
    const ll = multivariateNormal.logProbBatch(fit.params, data).reduce((a, b) => a + b, 0);
    expect(rel(fit.logLikelihood, ll)).toBeLessThan(1e-12);
  });

  it('rejects a covariance whose size differs from mu, naming params.Sigma', () => {
    const bad = { mu: Float64Array.of(0, 0, 0), Sigma: DenseMatrix.identity(2) };
    expect(() => multivariateNormal.validate(bad)).toThrow(InvalidArgumentError);
    try {
      multivariateNormal.validate(bad);
    } catch (e) {
      expect((e as InvalidArgumentError).argument).toBe('params.Sigma');
    }
  });
});
