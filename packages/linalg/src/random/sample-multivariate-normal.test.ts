import { describe, expect, it } from 'vitest';
import { DenseMatrix } from '../core/dense-matrix.js';
import { DimensionMismatchError } from '../core/errors.js';
import { createRng } from './rng.js';
import { sampleMultivariateNormal } from './sample-multivariate-normal.js';

describe('sampleMultivariateNormal', () => {
  it('has mean μ and covariance L·Lᵀ within 5 standard errors', () => {
    const L = DenseMatrix.from([
      [2, 0, 0],
      [0.5, 1, 0],
      [-1, 0.3, 0.7],
    ]);
    const mu = [1, -2, 0.5];
    const sigma = DenseMatrix.fromFunction(3, 3, (i, j) => {
      let s = 0;
      for (let k = 0; k < 3; k++) s += L.get(i, k) * L.get(j, k);
      return s;
    });
    const rng = createRng(21);
    const n = 60000;
    const sum = new Float64Array(3);
    const cross = new Float64Array(9);
    const x = new Float64Array(3);
    for (let t = 0; t < n; t++) {
      sampleMultivariateNormal(rng, mu, L, x);
      for (let i = 0; i < 3; i++) {
        sum[i]! += x[i]!;
        for (let j = 0; j < 3; j++) cross[i * 3 + j]! += (x[i]! - mu[i]!) * (x[j]! - mu[j]!);
      }
    }
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(sum[i]! / n - mu[i]!)).toBeLessThan(5 * Math.sqrt(sigma.get(i, i) / n));
      for (let j = 0; j < 3; j++) {
        // Var of (xᵢ−μᵢ)(xⱼ−μⱼ) for a Gaussian is σᵢᵢσⱼⱼ + σᵢⱼ².
        const se = Math.sqrt((sigma.get(i, i) * sigma.get(j, j) + sigma.get(i, j) ** 2) / n);
        expect(Math.abs(cross[i * 3 + j]! / n - sigma.get(i, j))).toBeLessThan(5 * se);
      }
    }
  });

  it('checks shapes', () => {
    const rng = createRng(0);
    expect(() => sampleMultivariateNormal(rng, [0, 0], DenseMatrix.identity(3))).toThrow(
      DimensionMismatchError,
    );
  });
});
