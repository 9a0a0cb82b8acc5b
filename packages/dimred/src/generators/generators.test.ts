import { describe, expect, it } from 'vitest';
import { helix, hypercube, mobiusStrip, sCurve, sphere, swissRoll, torus, twoMoons } from './index.js';

describe('generators', () => {
  it('swiss roll follows scikit-learn geometry', () => {
    const { points, coordinates, intrinsicDimension } = swissRoll({ n: 200, seed: 1 });
    expect(intrinsicDimension).toBe(2);
    for (let i = 0; i < 200; i++) {
      const t = coordinates.get(i, 0);
      expect(t).toBeGreaterThanOrEqual(1.5 * Math.PI);
      expect(t).toBeLessThanOrEqual(4.5 * Math.PI);
      expect(points.get(i, 0)).toBeCloseTo(t * Math.cos(t), 12);
      expect(points.get(i, 2)).toBeCloseTo(t * Math.sin(t), 12);
      expect(points.get(i, 1)).toBe(coordinates.get(i, 1));
    }
  });
  it('is deterministic for a seed and differs across seeds', () => {
    expect(sCurve({ n: 50, seed: 3 }).points.data).toEqual(sCurve({ n: 50, seed: 3 }).points.data);
    expect(sCurve({ n: 50, seed: 3 }).points.data).not.toEqual(sCurve({ n: 50, seed: 4 }).points.data);
  });
  it('S-curve, sphere, torus, helix and Möbius points lie on their manifolds', () => {
    const s = sCurve({ n: 100, seed: 2 });
    for (let i = 0; i < 100; i++) {
      const t = s.coordinates.get(i, 0);
      expect(s.points.get(i, 0)).toBeCloseTo(Math.sin(t), 12);
      expect(s.points.get(i, 2)).toBeCloseTo(Math.sign(t) * (Math.cos(t) - 1), 12);
    }
    const sp = sphere({ n: 100, seed: 2, radius: 2 });
    for (let i = 0; i < 100; i++) expect(Math.hypot(...sp.points.row(i))).toBeCloseTo(2, 12);
    const to = torus({ n: 100, seed: 2 });
    for (let i = 0; i < 100; i++) {
      const [x, y, z] = to.points.row(i) as unknown as [number, number, number];
      expect((Math.hypot(x, y) - 3) ** 2 + z * z).toBeCloseTo(1, 10);
    }
    const he = helix({ n: 100, seed: 2 });
    expect(he.intrinsicDimension).toBe(1);
    for (let i = 0; i < 100; i++)
      expect(Math.hypot(he.points.get(i, 0), he.points.get(i, 1))).toBeCloseTo(1, 12);
    const mo = mobiusStrip({ n: 100, seed: 2 });
    for (let i = 0; i < 100; i++) {
      const [u, v] = mo.coordinates.row(i) as unknown as [number, number];
      expect(mo.points.get(i, 2)).toBeCloseTo(v * Math.sin(u / 2), 12);
    }
  });
  it('two moons has balanced labels on two half circles', () => {
    const m = twoMoons({ n: 101, seed: 5 });
    expect(m.labels?.filter((l) => l === 0).length).toBe(51);
    for (let i = 0; i < 101; i++) {
      const [x, y] = m.points.row(i) as unknown as [number, number];
      const r = m.labels?.[i] === 0 ? Math.hypot(x, y) : Math.hypot(1 - x, 0.5 - y);
      expect(r).toBeCloseTo(1, 12);
    }
  });
  it('rotated hypercube is an isometric copy of its coordinates', () => {
    const h = hypercube({ n: 30, seed: 1, dimension: 3, ambientDimension: 7, rotate: true });
    const dist = (M: typeof h.points, i: number, j: number) =>
      Math.hypot(...M.row(i).map((x, c) => x - M.get(j, c)));
    for (let i = 1; i < 30; i++) expect(dist(h.points, 0, i)).toBeCloseTo(dist(h.coordinates, 0, i), 12);
  });
  it('noise perturbs and bad options throw', () => {
    const a = swissRoll({ n: 10, seed: 1 });
    const b = swissRoll({ n: 10, seed: 1, noise: 0.1 });
    expect(b.coordinates.data).toEqual(a.coordinates.data);
    expect(b.points.data).not.toEqual(a.points.data);
    expect(() => swissRoll({ n: 0 })).toThrow(/n/);
    expect(() => swissRoll({ n: 5, noise: -1 })).toThrow(/noise/);
    expect(() => hypercube({ n: 5, dimension: 3, ambientDimension: 2 })).toThrow(/ambientDimension/);
  });
});
