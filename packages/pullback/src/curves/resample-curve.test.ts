import { describe, expect, it } from 'vitest';
import { resampleCurve } from './resample-curve.js';

describe('resampleCurve', () => {
  const cubic = (t: number): [number, number] => [1 + 2 * t - t ** 3, t * t - 0.5 * t];
  it('reproduces a cubic exactly on a finer grid (not-a-knot spline)', () => {
    const n = 7;
    const pts = Float64Array.from({ length: 2 * n }, (_, i) => cubic((i >> 1) / (n - 1))[i & 1]!);
    const out = resampleCurve(pts, 2, 25);
    for (let i = 0; i < 25; i++) {
      const [x, y] = cubic(i / 24);
      expect(out[2 * i]).toBeCloseTo(x, 12);
      expect(out[2 * i + 1]).toBeCloseTo(y, 12);
    }
  });

  it('polyline resampling interpolates linearly and keeps the ends', () => {
    const out = resampleCurve([0, 0, 1, 2, 3, 2], 2, 5, 'polyline');
    expect(Array.from(out)).toEqual([0, 0, 0.5, 1, 1, 2, 2, 2, 3, 2]);
  });

  it('rejects fewer than 2 nodes', () => {
    expect(() => resampleCurve([0, 0, 1, 1], 2, 1)).toThrow(/nodes/);
  });
});
