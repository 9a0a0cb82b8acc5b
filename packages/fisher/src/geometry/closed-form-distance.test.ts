import type { Params } from '@infogeom/distributions';
import {
  bernoulli,
  binomial,
  categorical,
  diagonalNormal,
  exponential,
  gamma,
  geometric,
  laplace,
  logNormal,
  multinomial,
  multivariateNormal,
  negativeBinomial,
  normal,
  normalKnownSigma,
  poisson,
  studentT,
  weibull,
} from '@infogeom/distributions';
import { DenseMatrix, InvalidArgumentError } from '@infogeom/linalg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closedFormDistance } from './closed-form-distance.js';
import { curveLength } from './curve-length.js';
import { fisherRaoManifold } from './fisher-rao-manifold.js';
import { geodesicDistance } from './geodesic-distance.js';
import { type AnyFamily, erase } from './test-utils/family-case.js';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('closedFormDistance', () => {
  it('univariate normal: the √2-scaled half-plane formula', () => {
    const d = closedFormDistance(normal, { mu: 0, sigma: 1 }, { mu: 2, sigma: 0.5 })!;
    expect(rel(d, Math.SQRT2 * Math.acosh(1 + (2 + 0.25) / 1))).toBeLessThan(1e-14);
    expect(closedFormDistance(normal, { mu: 1, sigma: 2 }, { mu: 4, sigma: 2 }, { freeze: ['sigma'] })).toBe(
      1.5,
    );
    expect(closedFormDistance(normalKnownSigma, { mu: 1, sigma: 2 }, { mu: 4, sigma: 2 })).toBe(1.5);
  });

  it('one-dimensional families equal ∫√I(θ) dθ along the segment (independent quadrature)', () => {
    const cases: Array<[AnyFamily, Params, Params]> = [
      [erase(poisson), { rate: 0.3 }, { rate: 7 }],
      [erase(exponential), { rate: 0.05 }, { rate: 3 }],
      [erase(bernoulli), { p: 0.02 }, { p: 0.7 }],
      [erase(binomial), { n: 7, p: 0.2 }, { n: 7, p: 0.9 }],
      [erase(geometric), { p: 0.05 }, { p: 0.8 }],
      [erase(negativeBinomial), { r: 2.5, p: 0.3 }, { r: 2.5, p: 0.6 }],
    ];
    for (const [family, p, q] of cases) {
      const M = fisherRaoManifold(family, p);
      const a = M.toCoordinates(p)[0]!;
      const b = M.toCoordinates(q)[0]!;
      const L = curveLength(M, (t) => [a + t * (b - a)], { panels: 400, velocity: () => [b - a] });
      expect(rel(closedFormDistance(family, p, q)!, L), family.name).toBeLessThan(1e-9);
    }
  });

  it('normal: equals the integral of the metric along the vertical geodesic and the half-circle geodesic', () => {
    const M = fisherRaoManifold(normal, { mu: 0, sigma: 1 });
    const L = curveLength(M, (t) => [3, Math.exp(t * Math.log(5))]);
    expect(rel(closedFormDistance(normal, { mu: 3, sigma: 1 }, { mu: 3, sigma: 5 })!, L)).toBeLessThan(1e-9);
    // Geodesic through (±√2, 0)-centred half circle: μ = √2 cos φ·R + c, σ = R sin φ (u = μ/√2 half-plane).
    const R = 1.5;
    const curve = (t: number) => {
      const phi = 0.3 + t * 2.2;
      return [Math.SQRT2 * R * Math.cos(phi), R * Math.sin(phi)];
    };
    const [p, q] = [curve(0), curve(1)];
    const d = closedFormDistance(normal, { mu: p[0]!, sigma: p[1]! }, { mu: q[0]!, sigma: q[1]! })!;
    expect(rel(d, curveLength(M, curve, { panels: 200 }))).toBeLessThan(1e-9);
  });

  it('agrees with the numerical geodesic distance to ≤ 1e-6 relative', () => {
    const cases: Array<[AnyFamily, Params, Params]> = [
      [erase(normal), { mu: 0, sigma: 1 }, { mu: 2, sigma: 0.5 }],
      [erase(normal), { mu: -1, sigma: 0.3 }, { mu: 1, sigma: 3 }],
      [erase(poisson), { rate: 0.5 }, { rate: 9 }],
      [erase(exponential), { rate: 2 }, { rate: 0.1 }],
      [erase(bernoulli), { p: 0.1 }, { p: 0.85 }],
      [erase(categorical), { p: Float64Array.of(0.2, 0.3, 0.5) }, { p: Float64Array.of(0.6, 0.1, 0.3) }],
      [erase(laplace), { mu: 0, b: 1 }, { mu: 1, b: 2 }],
      [erase(studentT), { nu: 3, mu: 0, sigma: 1 }, { nu: 3, mu: 2, sigma: 0.7 }],
      [erase(logNormal), { mu: 1, sigma: 0.5 }, { mu: -1, sigma: 1 }],
      [erase(geometric), { p: 0.2 }, { p: 0.7 }],
    ];
    for (const [family, p, q] of cases) {
      const closed = closedFormDistance(family, p, q)!;
      const numeric = geodesicDistance(family, p, q, { method: 'numeric' });
      expect(numeric.converged, family.name).toBe(true);
      expect(numeric.method).toBe('shooting');
      expect(rel(numeric.distance, closed), family.name).toBeLessThan(1e-6);
    }
  });

  it('products, frozen submanifolds and Mahalanobis', () => {
    const p = { mu: Float64Array.of(0, 1), sigma: Float64Array.of(1, 2) };
    const q = { mu: Float64Array.of(1, 1), sigma: Float64Array.of(2, 0.5) };
    const d1 = closedFormDistance(normal, { mu: 0, sigma: 1 }, { mu: 1, sigma: 2 })!;
    const d2 = closedFormDistance(normal, { mu: 1, sigma: 2 }, { mu: 1, sigma: 0.5 })!;
    expect(rel(closedFormDistance(diagonalNormal, p, q)!, Math.hypot(d1, d2))).toBeLessThan(1e-14);
    const S = DenseMatrix.from([
      [2, 0.5],
      [0.5, 1],
    ]);
    const m = closedFormDistance(
      multivariateNormal,
      { mu: Float64Array.of(0, 0), Sigma: S },
      { mu: Float64Array.of(1, 2), Sigma: S },
      { freeze: ['Sigma'] },
    )!;
    // Σ⁻¹ = [[1, −0.5], [−0.5, 2]]/1.75: (1 − 2 + 8)/1.75 = 4.
    expect(m).toBeCloseTo(2, 13);
    const num = geodesicDistance(
      multivariateNormal,
      { mu: Float64Array.of(0, 0), Sigma: S },
      { mu: Float64Array.of(1, 2), Sigma: S },
      { freeze: ['Sigma'], method: 'numeric' },
    );
    expect(rel(num.distance, m)).toBeLessThan(1e-6);
    const g = closedFormDistance(gamma, { shape: 3, rate: 1 }, { shape: 3, rate: 5 }, { freeze: ['shape'] })!;
    expect(rel(g, Math.sqrt(3) * Math.log(5))).toBeLessThan(1e-14);
    expect(
      closedFormDistance(weibull, { scale: 1, shape: 2 }, { scale: Math.E, shape: 2 }, { freeze: ['shape'] }),
    ).toBeCloseTo(2, 14);
    expect(closedFormDistance(gamma, { shape: 3, rate: 1 }, { shape: 2, rate: 5 })).toBeUndefined();
    const mn = closedFormDistance(
      multinomial,
      { n: 4, p: Float64Array.of(0.5, 0.5) },
      { n: 4, p: Float64Array.of(0.1, 0.9) },
    )!;
    expect(rel(mn, 2 * closedFormDistance(binomial, { n: 1, p: 0.5 }, { n: 1, p: 0.1 })!)).toBeLessThan(
      1e-13,
    );
  });

  it('is symmetric, zero on the diagonal and satisfies the triangle inequality (property)', () => {
    const pos = fc.double({ min: 1e-3, max: 1e3, noNaN: true });
    const loc = fc.double({ min: -100, max: 100, noNaN: true });
    const pt = fc.record({ mu: loc, sigma: pos });
    fc.assert(
      fc.property(pt, pt, pt, (a, b, c) => {
        const d = (x: typeof a, y: typeof a) => closedFormDistance(normal, x, y)!;
        expect(d(a, a)).toBe(0);
        expect(Math.abs(d(a, b) - d(b, a))).toBeLessThanOrEqual(1e-12 * d(a, b));
        expect(d(a, c)).toBeLessThanOrEqual((d(a, b) + d(b, c)) * (1 + 1e-12) + 1e-12);
      }),
      { seed: 7, numRuns: 300 },
    );
    const simplex = fc
      .array(fc.double({ min: 1e-3, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 })
      .map((w) => {
        const s = w.reduce((x, y) => x + y, 0);
        return { p: Float64Array.from(w, (x) => x / s) };
      });
    fc.assert(
      fc.property(simplex, simplex, simplex, (a, b, c) => {
        const d = (x: typeof a, y: typeof a) => closedFormDistance(categorical, x, y)!;
        expect(Math.abs(d(a, b) - d(b, a))).toBeLessThanOrEqual(1e-12);
        expect(d(a, c)).toBeLessThanOrEqual(d(a, b) + d(b, c) + 1e-12);
        expect(d(a, b)).toBeLessThanOrEqual(Math.PI + 1e-12);
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('rejects invalid points and mismatched fixed parameters with typed errors', () => {
    expect(() => closedFormDistance(normal, { mu: 0, sigma: 0 }, { mu: 0, sigma: 1 })).toThrow(
      InvalidArgumentError,
    );
    expect(() => closedFormDistance(binomial, { n: 3, p: 0.5 }, { n: 4, p: 0.5 })).toThrow(
      InvalidArgumentError,
    );
    expect(() =>
      closedFormDistance(normal, { mu: 0, sigma: 1 }, { mu: 0, sigma: 2 }, { freeze: ['sigma'] }),
    ).toThrow(InvalidArgumentError);
  });
});
