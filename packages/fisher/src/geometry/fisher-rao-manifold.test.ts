import {
  beta,
  categorical,
  gamma,
  multivariateNormal,
  normal,
  studentT,
  weibull,
} from '@infogeom/distributions';
import { DenseMatrix, InvalidArgumentError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { numericChristoffel } from './christoffel.js';
import { fisherMetric, fisherRaoManifold } from './fisher-rao-manifold.js';

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number =>
  Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i]!)));

describe('fisherRaoManifold', () => {
  it('metric is the Fisher information in coordinates θ', () => {
    const M = fisherRaoManifold(gamma, { shape: 2, rate: 3 });
    expect(M.dimension).toBe(2);
    expect(M.coordinateNames).toEqual(['shape', 'rate']);
    expect(Array.from(M.metric([2, 3]).data)).toEqual(Array.from(gamma.fisher({ shape: 2, rate: 3 }).data));
    expect(fisherMetric(normal, { mu: 0, sigma: 2 }).toArray()).toEqual([
      [0.25, 0],
      [0, 0.5],
    ]);
    expect(M.inner([2, 3], [1, 0], [0, 1])).toBeCloseTo(-1 / 3, 14);
    expect(M.norm([1, 1], [0, 1])).toBeCloseTo(1, 14);
  });

  it('closed-form normal Christoffel symbols match the numerical ones', () => {
    const M = fisherRaoManifold(normal, { mu: 0, sigma: 1 });
    for (const theta of [Float64Array.of(0.3, 0.7), Float64Array.of(-5, 20), Float64Array.of(1, 1e-3)]) {
      const closed = M.christoffel(theta);
      const numeric = numericChristoffel(M, theta);
      expect(maxDiff(closed, numeric) * theta[1]!).toBeLessThan(1e-9);
    }
    const T = fisherRaoManifold(studentT, { nu: 4, mu: 0, sigma: 1 });
    const th = Float64Array.of(0.5, 2);
    expect(maxDiff(T.christoffel(th), numericChristoffel(T, th))).toBeLessThan(1e-9);
  });

  it('numerical Christoffel symbols of the categorical family are symmetric in the lower indices', () => {
    const M = fisherRaoManifold(categorical, { p: Float64Array.of(0.2, 0.3, 0.5) });
    const g = M.christoffel(Float64Array.of(0.2, 0.3));
    for (let k = 0; k < 2; k++) expect(g[k * 4 + 1]).toBeCloseTo(g[k * 4 + 2]!, 12);
    // Γ⁰₀₀ = −½ g⁰ˡ ... closed form check: for p₀ with others fixed the metric is 1/p₀ + 1/p₂.
    expect(Number.isFinite(g[0]!)).toBe(true);
  });

  it('closed-form metric derivatives (gamma, beta, Weibull) match linalg jacobian differences', () => {
    const cases = [
      [
        fisherRaoManifold(gamma, { shape: 1, rate: 1 }),
        fisherRaoManifold(gamma, { shape: 1, rate: 1 }, { numericOnly: true }),
        [0.7, 3],
      ],
      [
        fisherRaoManifold(beta, { alpha: 1, beta: 1 }),
        fisherRaoManifold(beta, { alpha: 1, beta: 1 }, { numericOnly: true }),
        [0.4, 6],
      ],
      [
        fisherRaoManifold(weibull, { scale: 1, shape: 1 }),
        fisherRaoManifold(weibull, { scale: 1, shape: 1 }, { numericOnly: true }),
        [2, 0.6],
      ],
    ] as const;
    for (const [closed, numeric, theta] of cases) {
      const t = Float64Array.from(theta);
      const a = closed.metricDerivative(t);
      const b = numeric.metricDerivative(t);
      const size = Math.max(...Array.from(a, Math.abs));
      expect(maxDiff(a, b) / size, closed.family.name).toBeLessThan(1e-9);
      expect(maxDiff(closed.christoffel(t), numeric.christoffel(t)) / size).toBeLessThan(1e-8);
    }
  });

  it('freezes parameters (submanifold with the induced metric)', () => {
    const base = {
      mu: Float64Array.of(0, 0),
      Sigma: DenseMatrix.from([
        [2, 0.5],
        [0.5, 1],
      ]),
    };
    const M = fisherRaoManifold(multivariateNormal, base, { freeze: ['Sigma'] });
    expect(M.dimension).toBe(2);
    const P = M.metric([1, 2]);
    expect(P.get(0, 0) * 2 + P.get(0, 1) * 0.5).toBeCloseTo(1, 12);
    expect(M.toParams([1, 2])['mu']).toEqual(Float64Array.of(1, 2));
    expect(() => M.toCoordinates({ mu: Float64Array.of(0, 0), Sigma: DenseMatrix.identity(2) })).toThrow(
      InvalidArgumentError,
    );
  });

  it('rejects bad input with typed errors', () => {
    expect(() => fisherRaoManifold(normal, { mu: 0, sigma: -1 })).toThrow(InvalidArgumentError);
    expect(() => fisherRaoManifold(normal, { mu: 0, sigma: 1 }, { freeze: ['nope'] })).toThrow(
      InvalidArgumentError,
    );
    expect(() => fisherRaoManifold(normal, { mu: 0, sigma: 1 }, { freeze: ['mu', 'sigma'] })).toThrow(
      InvalidArgumentError,
    );
    const M = fisherRaoManifold(normal, { mu: 0, sigma: 1 });
    expect(() => M.metric([0, -1])).toThrow(InvalidArgumentError);
    expect(M.contains([0, -1])).toBe(false);
    expect(M.contains([0, Number.NaN])).toBe(false);
    expect(M.contains([0, 1])).toBe(true);
    expect(() => fisherMetric(gamma, { shape: 0, rate: 1 })).toThrow(InvalidArgumentError);
  });
});
