import { exponential, normal } from '@infogeom/distributions';
import { InvalidArgumentError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { curveLength } from './curve-length.js';
import { fisherRaoManifold } from './fisher-rao-manifold.js';

describe('curveLength', () => {
  it('discrete curves converge at second order to the continuous length', () => {
    const M = fisherRaoManifold(exponential, { rate: 1 });
    const exact = Math.log(100);
    const pts = (k: number) => Array.from({ length: k + 1 }, (_v, i) => [1 + (99 * i) / k]);
    const e1 = Math.abs(curveLength(M, pts(100)) - exact);
    const e2 = Math.abs(curveLength(M, pts(200)) - exact);
    expect(e1 / e2).toBeGreaterThan(3.5);
    expect(e2).toBeLessThan(1e-2);
  });

  it('function curves by Gauss–Legendre quadrature, with or without a velocity', () => {
    const M = fisherRaoManifold(normal, { mu: 0, sigma: 1 });
    // Horizontal segment σ = 2, μ from 0 to 3: length 3/2.
    expect(curveLength(M, (t) => [3 * t, 2])).toBeCloseTo(1.5, 10);
    expect(curveLength(M, (t) => [3 * t, 2], { velocity: () => [3, 0], start: 0, end: 1 })).toBeCloseTo(
      1.5,
      13,
    );
    expect(curveLength(M, [[0, 1]])).toBe(0);
    expect(() => curveLength(M, [[0, 1], [1]])).toThrow(InvalidArgumentError);
  });
});
