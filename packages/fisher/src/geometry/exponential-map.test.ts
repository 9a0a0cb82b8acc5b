import type { Params } from '@infogeom/distributions';
import { categorical, gamma, normal, poisson } from '@infogeom/distributions';
import { ConvergenceError, InvalidArgumentError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { closedFormDistance } from './closed-form-distance.js';
import { exponentialMap } from './exponential-map.js';
import { fisherRaoManifold } from './fisher-rao-manifold.js';
import { logarithmMap } from './logarithm-map.js';
import { type AnyFamily, erase } from './test-utils/family-case.js';

const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>): number =>
  Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i]!)));

describe('exponentialMap', () => {
  it('normal: vertical geodesic σ(t) = σ₀ exp(t·v/σ₀), speed preserved', () => {
    const M = fisherRaoManifold(normal, { mu: 0, sigma: 1 });
    const r = exponentialMap(M, [1, 2], [0, 1]);
    expect(r.converged).toBe(true);
    expect(Math.abs(r.point[1]! - 2 * Math.exp(0.5))).toBeLessThan(1e-9);
    expect(r.point[0]).toBe(1);
    const s = exponentialMap(M, [0, 1], [1.3, -0.4]);
    expect(Math.abs(M.norm(s.point, s.velocity) - M.norm([0, 1], [1.3, -0.4]))).toBeLessThan(1e-9);
    expect(s.steps).toBeGreaterThan(0);
    const d = closedFormDistance(normal, { mu: 0, sigma: 1 }, { mu: s.point[0]!, sigma: s.point[1]! })!;
    expect(Math.abs(d - M.norm([0, 1], [1.3, -0.4]))).toBeLessThan(1e-9);
  });

  it('exp ∘ log is the identity to 1e-8 (normal, gamma, categorical)', () => {
    const cases: Array<[AnyFamily, Params, Float64Array, Float64Array]> = [
      [erase(normal), { mu: 0, sigma: 1 }, Float64Array.of(-1, 0.4), Float64Array.of(2, 3)],
      [erase(gamma), { shape: 1, rate: 1 }, Float64Array.of(0.7, 2), Float64Array.of(4, 0.5)],
      [
        categorical,
        { p: Float64Array.of(0.2, 0.3, 0.5) },
        Float64Array.of(0.1, 0.7),
        Float64Array.of(0.5, 0.2),
      ],
    ];
    for (const [family, base, a, b] of cases) {
      const M = fisherRaoManifold(family, base);
      const l = logarithmMap(M, a, b);
      expect(l.converged).toBe(true);
      const e = exponentialMap(M, a, l.velocity);
      expect(maxAbs(e.point, b), family.name).toBeLessThan(1e-8);
    }
  });

  it('reports a curve that leaves the domain (flat connection on the Poisson half-line)', () => {
    const M = fisherRaoManifold(poisson, { rate: 1 }, { christoffel: () => Float64Array.of(0) });
    const r = exponentialMap(M, [1], [-2]);
    expect(r.converged).toBe(false);
    expect(r.reason).toBe('domain');
    expect(r.point[0]!).toBeGreaterThan(0);
    expect(() => exponentialMap(M, [1], [-2], { throwOnFailure: true })).toThrow(ConvergenceError);
    // The true Poisson geodesic √λ(t) = 1 − t hits 0 at t = 1 exactly; beyond it leaves the domain too.
    const P = fisherRaoManifold(poisson, { rate: 1 });
    expect(exponentialMap(P, [1], [-3]).converged).toBe(false);
    expect(exponentialMap(P, [1], [-1]).point[0]).toBeCloseTo(0.25, 9);
  });

  it('rejects invalid points and velocities', () => {
    const M = fisherRaoManifold(normal, { mu: 0, sigma: 1 });
    expect(() => exponentialMap(M, [0, -1], [0, 1])).toThrow(InvalidArgumentError);
    expect(() => exponentialMap(M, [0, 1], [0])).toThrow(InvalidArgumentError);
    expect(() => exponentialMap(M, [0, 1], [0, Number.NaN])).toThrow(InvalidArgumentError);
  });
});
