import { categorical, normal } from '@infogeom/distributions';
import { ConvergenceError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { closedFormDistance } from './closed-form-distance.js';
import { fisherRaoManifold } from './fisher-rao-manifold.js';
import { logarithmMap } from './logarithm-map.js';
import type { GeodesicProgress } from './path-relaxation.js';

describe('logarithmMap', () => {
  const M = fisherRaoManifold(normal, { mu: 0, sigma: 1 });

  it('returns the initial velocity whose length is the distance, with progress by stage', () => {
    const seen: GeodesicProgress[] = [];
    const r = logarithmMap(M, Float64Array.of(0, 1), Float64Array.of(3, 2), {
      onProgress: (p) => seen.push(p),
    });
    const d = closedFormDistance(normal, { mu: 0, sigma: 1 }, { mu: 3, sigma: 2 })!;
    expect(r.converged).toBe(true);
    expect(Math.abs(r.length - d) / d).toBeLessThan(1e-9);
    expect(r.energy).toBeCloseTo(d * d, 8);
    expect(r.relaxationIterations).toBeGreaterThan(0);
    expect(seen.some((p) => p.stage === 'relaxation')).toBe(true);
    expect(seen.at(-1)!.stage).toBe('shooting');
    // The half-plane geodesic from (0, 1) to (3, 2) starts upward-right.
    expect(r.velocity[0]!).toBeGreaterThan(0);
  });

  it('is zero from a point to itself; symmetric in length', () => {
    const z = logarithmMap(M, Float64Array.of(1, 1), Float64Array.of(1, 1));
    expect(Array.from(z.velocity)).toEqual([0, 0]);
    expect(z.length).toBe(0);
    const C = fisherRaoManifold(categorical, { p: Float64Array.of(0.2, 0.3, 0.5) });
    const a = Float64Array.of(0.05, 0.05);
    const b = Float64Array.of(0.45, 0.5);
    expect(Math.abs(logarithmMap(C, a, b).length - logarithmMap(C, b, a).length)).toBeLessThan(1e-9);
  });

  it('reports or throws when shooting cannot converge', () => {
    const a = Float64Array.of(0, 1);
    const b = Float64Array.of(5, 0.2);
    const r = logarithmMap(M, a, b, { ode: { maxSteps: 2 }, relaxationIterations: 3 });
    expect(r.converged).toBe(false);
    expect(r.method).toBe('relaxation');
    expect(Number.isFinite(r.length)).toBe(true);
    expect(() => logarithmMap(M, a, b, { ode: { maxSteps: 2 }, throwOnFailure: true })).toThrow(
      ConvergenceError,
    );
  });
});
