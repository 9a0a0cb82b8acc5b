import { categorical, gamma, normal } from '@infogeom/distributions';
import { describe, expect, it } from 'vitest';
import { numericChristoffel } from './christoffel.js';
import { type FisherRaoManifold, fisherRaoManifold } from './fisher-rao-manifold.js';
import { curvature, scalarCurvature } from './scalar-curvature.js';

describe('scalarCurvature', () => {
  it('normal (μ, σ): constant Gaussian curvature −1/2, scalar curvature −1', () => {
    const M = fisherRaoManifold(normal, { mu: 0, sigma: 1 });
    for (const theta of [
      [0, 1],
      [3, 0.2],
      [-10, 40],
    ]) {
      const c = curvature(M, theta);
      expect(Math.abs(c.gaussian + 0.5), String(theta)).toBeLessThan(1e-9);
      expect(Math.abs(c.scalar + 1)).toBeLessThan(2e-9);
    }
    // Fully numerical (Christoffel symbols from differences of the metric, then differenced again).
    const N: FisherRaoManifold = fisherRaoManifold(
      normal,
      { mu: 0, sigma: 1 },
      { christoffel: (t): Float64Array => numericChristoffel(N, t) },
    );
    expect(Math.abs(scalarCurvature(N, [0.5, 1.5]) + 1)).toBeLessThan(1e-6);
  });

  it('categorical(3) ≅ the positive orthant of the sphere of radius 2: scalar curvature 2/r² = 1/2', () => {
    const M = fisherRaoManifold(categorical, { p: Float64Array.of(0.2, 0.3, 0.5) });
    for (const theta of [
      [0.2, 0.3],
      [0.6, 0.1],
      [0.05, 0.9],
    ]) {
      const c = curvature(M, theta);
      expect(Math.abs(c.scalar - 0.5), String(theta)).toBeLessThan(1e-6);
      expect(Math.abs(c.gaussian - 0.25)).toBeLessThan(1e-6);
    }
  });

  it('gamma: finite, non-constant curvature; Ricci is symmetric', () => {
    const M = fisherRaoManifold(gamma, { shape: 1, rate: 1 });
    const c = curvature(M, [2, 3]);
    expect(Number.isFinite(c.scalar)).toBe(true);
    expect(Math.abs(c.ricci[1]! - c.ricci[2]!)).toBeLessThan(1e-6 * (1 + Math.abs(c.ricci[1]!)));
    expect(Math.abs(scalarCurvature(M, [5, 1]) - c.scalar)).toBeGreaterThan(1e-3);
  });
});
