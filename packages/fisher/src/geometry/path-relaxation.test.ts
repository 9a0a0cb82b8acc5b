import { normal, normalKnownSigma } from '@infogeom/distributions';
import { AbortError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { closedFormDistance } from './closed-form-distance.js';
import { fisherRaoManifold } from './fisher-rao-manifold.js';
import { relaxPath } from './path-relaxation.js';

describe('relaxPath', () => {
  it('a flat metric keeps the straight line (energy = length²)', () => {
    const M = fisherRaoManifold(normalKnownSigma, { mu: 0, sigma: 2 });
    const r = relaxPath(M, Float64Array.of(-1), Float64Array.of(3), { segments: 8 });
    expect(r.converged).toBe(true);
    expect(r.length).toBeCloseTo(2, 12);
    expect(r.energy).toBeCloseTo(4, 12);
    expect(r.points[4]![0]).toBeCloseTo(1, 12);
  });

  it('bends toward larger σ on the normal half-plane and approaches the distance at O(1/N²)', () => {
    const M = fisherRaoManifold(normal, { mu: 0, sigma: 1 });
    const a = Float64Array.of(-2, 1);
    const b = Float64Array.of(2, 1);
    const d = closedFormDistance(normal, { mu: -2, sigma: 1 }, { mu: 2, sigma: 1 })!;
    const r16 = relaxPath(M, a, b, { segments: 16 });
    const r32 = relaxPath(M, a, b, { segments: 32 });
    expect(r32.converged).toBe(true);
    expect(r32.points[16]![1]!).toBeGreaterThan(1.5);
    expect(r32.energy).toBeGreaterThanOrEqual(r32.length ** 2 * (1 - 1e-12));
    const e16 = Math.abs(r16.length - d);
    const e32 = Math.abs(r32.length - d);
    expect(e16 / e32).toBeGreaterThan(3);
    expect(e32 / d).toBeLessThan(1e-3);
  });

  it('accepts an initial path and an abort signal', () => {
    const M = fisherRaoManifold(normal, { mu: 0, sigma: 1 });
    const init = [Float64Array.of(0, 3)];
    const r = relaxPath(M, Float64Array.of(-1, 1), Float64Array.of(1, 1), { segments: 2, init });
    expect(r.points).toHaveLength(3);
    const c = new AbortController();
    c.abort();
    expect(() => relaxPath(M, Float64Array.of(-1, 1), Float64Array.of(1, 1), { signal: c.signal })).toThrow(
      AbortError,
    );
  });
});
