import { createRng } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { functionDecoder } from '../decoders/function-decoder.js';
import { pullbackMetric } from '../metrics/pullback-metric.js';
import { halfPlane, paraboloidDecoder, sphereDecoder } from '../test-utils/analytic.js';
import { christoffel } from './christoffel.js';
import { latentCurvature } from './curvature.js';
import { magnificationFactor, magnificationGrid } from './magnification.js';

const G3 = (g: Float64Array, k: number, i: number, j: number): number => g[k * 4 + i * 2 + j]!;

describe('Christoffel symbols against closed forms (1e-10)', () => {
  it('sphere chart: Γ^θ_φφ = −sinθ cosθ, Γ^φ_θφ = cot θ', () => {
    const m = pullbackMetric(sphereDecoder());
    for (const t of [0.3, 1.1, 2.5]) {
      const g = christoffel(m, [t, 0.7]);
      expect(Math.abs(G3(g, 0, 1, 1) + Math.sin(t) * Math.cos(t))).toBeLessThan(1e-10);
      expect(Math.abs(G3(g, 1, 0, 1) - Math.cos(t) / Math.sin(t))).toBeLessThan(1e-10);
      expect(Math.abs(G3(g, 1, 1, 0) - Math.cos(t) / Math.sin(t))).toBeLessThan(1e-10);
      expect(Math.abs(G3(g, 0, 0, 0))).toBeLessThan(1e-10);
      expect(Math.abs(G3(g, 1, 1, 1))).toBeLessThan(1e-10);
    }
  });

  it('half-plane: Γˣ_xy = −1/y, Γʸ_xx = 1/y, Γʸ_yy = −1/y', () => {
    const y = 0.37;
    const g = christoffel(halfPlane(), [0.2, y]);
    expect(Math.abs(G3(g, 0, 0, 1) + 1 / y)).toBeLessThan(1e-10);
    expect(Math.abs(G3(g, 1, 0, 0) - 1 / y)).toBeLessThan(1e-10);
    expect(Math.abs(G3(g, 1, 1, 1) + 1 / y)).toBeLessThan(1e-10);
    expect(Math.abs(G3(g, 0, 0, 0))).toBeLessThan(1e-10);
  });

  it('pullback with finite-difference second derivatives agrees with the analytic one', () => {
    const s = sphereDecoder();
    const fd = functionDecoder({
      latentDimension: 2,
      outputDimension: 3,
      decode: s.decode,
      jacobian: s.jacobian,
    });
    const a = christoffel(pullbackMetric(s), [0.9, 0.4]);
    const b = christoffel(pullbackMetric(fd), [0.9, 0.4]);
    for (let i = 0; i < 8; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-8);
  });
});

describe('curvature of 2-D latent spaces', () => {
  it('sphere chart: K = 1 to 1e-6', () => {
    const m = pullbackMetric(sphereDecoder());
    for (const z of [
      [0.5, 0.1],
      [1.4, 2.0],
      [2.6, -1],
    ])
      expect(Math.abs(latentCurvature(m, z).gaussian - 1)).toBeLessThan(1e-6);
  });

  it('half-plane: K = −1 to 1e-4', () => {
    for (const z of [
      [0, 0.3],
      [2, 1.5],
    ])
      expect(Math.abs(latentCurvature(halfPlane(), z).gaussian + 1)).toBeLessThan(1e-4);
  });

  it('graph surface (x, y, x² + y²): K = 4/(1 + 4r²)² to 1e-8', () => {
    const m = pullbackMetric(paraboloidDecoder());
    const rng = createRng(3);
    for (let t = 0; t < 5; t++) {
      const z = [2 * rng.uniform() - 1, 2 * rng.uniform() - 1];
      const r2 = z[0]! ** 2 + z[1]! ** 2;
      const c = latentCurvature(m, z);
      expect(Math.abs(c.gaussian - 4 / (1 + 4 * r2) ** 2)).toBeLessThan(1e-8);
      expect(Math.abs(c.scalar - 2 * c.gaussian)).toBeLessThan(1e-15);
    }
  });
});

describe('magnification factor', () => {
  it('√det G = sin θ on the sphere chart, √(1 + 4r²) on the paraboloid', () => {
    expect(
      Math.abs(magnificationFactor(pullbackMetric(sphereDecoder()), [0.8, 3]) - Math.sin(0.8)),
    ).toBeLessThan(1e-13);
    const grid = magnificationGrid(pullbackMetric(paraboloidDecoder()), {
      x: [-1, 1],
      y: [0, 2],
      resolution: 5,
    });
    expect(grid.length).toBe(25);
    // Row 2 (y = 1), column 4 (x = 1): r² = 2.
    expect(Math.abs(grid[2 * 5 + 4]! - 3)).toBeLessThan(1e-13);
    // Chart pole: singular G gives 0, not NaN.
    expect(magnificationFactor(pullbackMetric(sphereDecoder()), [0, 1])).toBe(0);
  });

  it('rectangular grids in row blocks, with progress and cancellation', () => {
    const metric = pullbackMetric(paraboloidDecoder());
    const box = { x: [-1, 1], y: [0, 2] } as const;
    const progress: number[] = [];
    const grid = magnificationGrid(
      metric,
      { ...box, resolution: [5, 3] },
      { blockSize: 7, onProgress: (p) => progress.push(p.rows) },
    );
    expect(grid.length).toBe(15);
    expect(progress).toEqual([1, 2, 3]); // 7 points per block = one row of 5
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 5; j++) {
        const x = -1 + (2 * j) / 4;
        const y = i;
        expect(Math.abs(grid[i * 5 + j]! - Math.sqrt(1 + 4 * (x * x + y * y)))).toBeLessThan(1e-12);
      }
    // Same numbers as one block.
    expect(Array.from(magnificationGrid(metric, { ...box, resolution: [5, 3] }))).toEqual(Array.from(grid));
    const ac = new AbortController();
    ac.abort();
    expect(() => magnificationGrid(metric, { ...box, resolution: 4 }, { signal: ac.signal })).toThrow(
      /abort/i,
    );
    expect(() => magnificationGrid(metric, { x: [1, -1], y: [0, 2] })).toThrow(/grid.x/);
    expect(() => magnificationGrid(metric, { ...box, resolution: [5, 1] })).toThrow(/resolution/);
  });
});
