import { AbortError, createRng } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { functionDecoder } from '../decoders/function-decoder.js';
import { randomMlpDecoder } from '../decoders/mlp-decoder.js';
import { pullbackMetric } from '../metrics/pullback-metric.js';
import { halfPlane, sphereDecoder } from '../test-utils/analytic.js';
import { geodesics } from './batch-geodesics.js';
import { constantSpeed } from './constant-speed.js';
import { geodesicDistanceMatrix } from './distance-matrix.js';
import { EnergyGeodesicSolver } from './energy-geodesic.js';
import { exponentialMap } from './exponential-map.js';
import { geodesic } from './geodesic.js';
import { interpolate } from './interpolate.js';
import { logarithmMap } from './logarithm-map.js';

describe('exponential and logarithm maps', () => {
  it('half-plane: ‖log_z(w)‖_G = distance (1e-4) and exp(log) = w (1e-6)', () => {
    const m = halfPlane();
    const z = [0.2, 0.5];
    const w = [1.4, 0.9];
    const exact = Math.acosh(1 + (1.2 ** 2 + 0.4 ** 2) / (2 * 0.5 * 0.9));
    const l = logarithmMap(m, z, w);
    expect(l.converged).toBe(true);
    const G = m.metric(Float64Array.from(z));
    const norm = Math.sqrt(l.velocity[0]! ** 2 * G[0]! + l.velocity[1]! ** 2 * G[3]!);
    expect(Math.abs(norm - exact) / exact).toBeLessThan(1e-4);
    const e = exponentialMap(m, z, l.velocity);
    expect(e.converged).toBe(true);
    expect(Math.hypot(e.point[0]! - w[0]!, e.point[1]! - w[1]!)).toBeLessThan(1e-6);
  });

  it('MLP decoder: exp∘log round trip 1e-6, and the geodesic is shorter than the straight line', () => {
    const m = pullbackMetric(randomMlpDecoder([2, 12, 12, 6], createRng(9)));
    const z = [-0.8, 0.3];
    const w = [0.9, -0.6];
    const l = logarithmMap(m, z, w);
    expect(l.converged).toBe(true);
    const e = exponentialMap(m, z, l.velocity);
    expect(Math.hypot(e.point[0]! - w[0]!, e.point[1]! - w[1]!)).toBeLessThan(1e-6);
    expect(Math.abs(e.length - l.length)).toBeLessThan(1e-12);
    const straight = geodesic(m, z, w, { maxIterations: 0, refine: false });
    expect(l.length).toBeLessThan(straight.length);
  });
});

describe('singular metrics: damping or a typed error, never NaN', () => {
  it('collapsed decoder (constant output): the exponential map stops with a reason', () => {
    const flat = functionDecoder({
      latentDimension: 2,
      outputDimension: 3,
      decode: () => [1, 2, 3],
      jacobian: () => new Float64Array(6),
    });
    const e = exponentialMap(pullbackMetric(flat), [0, 0], [1, 0]);
    expect(e.converged).toBe(false);
    expect(e.reason).toBe('domain');
    for (const x of e.point) expect(Number.isNaN(x)).toBe(false);
    const g = geodesic(pullbackMetric(flat), [0, 0], [1, 1]);
    expect(Number.isNaN(g.length)).toBe(false);
    expect(g.length).toBe(0);
  });

  it('sphere chart pole (G = diag(1, 0)): finite geodesic of length ≈ 1 from the pole', () => {
    const g = geodesic(pullbackMetric(sphereDecoder()), [0, 0.3], [1, 1]);
    expect(Number.isFinite(g.length)).toBe(true);
    for (const x of g.points) expect(Number.isFinite(x)).toBe(true);
    // The chart's φ must turn at zero cost at the pole, which a spline only approximates.
    expect(Math.abs(g.length - 1)).toBeLessThan(5e-3);
  });
});

describe('solver mechanics', () => {
  const m = halfPlane();
  it('steppable, reports progress, and aborts', () => {
    const seen: number[] = [];
    const s = new EnergyGeodesicSolver(m, Float64Array.of(-1, 0.3), Float64Array.of(1, 0.3), {
      onProgress: (p) => seen.push(p.iteration),
    });
    expect(s.step()).toBe(true);
    const first = s.result();
    s.run();
    const r = s.result();
    expect(r.converged).toBe(true);
    expect(r.energy).toBeLessThan(first.energy);
    expect(seen.length).toBeGreaterThan(2);
    const ctl = new AbortController();
    ctl.abort();
    expect(() => geodesic(m, [-1, 0.3], [1, 0.3], { signal: ctl.signal })).toThrow(AbortError);
  });

  it('batched geodesics equal single solves; distance matrix is symmetric and exact', () => {
    const pts = [
      [-1, 0.5],
      [0.5, 1.2],
      [1, 0.3],
      [0, 2],
    ];
    const pairs = pts.slice(1).map((p) => [pts[0]!, p] as const);
    const batch = geodesics(m, pairs);
    pairs.forEach(([a, b], i) => {
      expect(Math.abs(batch[i]!.length - geodesic(m, a, b).length)).toBeLessThan(1e-9);
    });
    const dm = geodesicDistanceMatrix(m, pts.flat());
    expect(dm.converged).toBe(true);
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) {
        const [a, b] = [pts[i]!, pts[j]!];
        const exact = Math.acosh(1 + ((a[0]! - b[0]!) ** 2 + (a[1]! - b[1]!) ** 2) / (2 * a[1]! * b[1]!));
        expect(Math.abs(dm.distances[i * 4 + j]! - exact)).toBeLessThan(1e-6 * Math.max(1, exact));
      }
  });

  it('energy only on an MLP: batched = single (coarse to fine, Newton restarts) = the previous solver', () => {
    const mm = pullbackMetric(randomMlpDecoder([2, 12, 12, 16], createRng(21)));
    const pairs = [
      [
        [-1.5, 0.4],
        [1.2, -0.8],
      ],
      [
        [0.3, 1.5],
        [-0.2, -1.6],
      ],
    ] as const;
    const opts = { refine: false } as const;
    const batch = geodesics(mm, pairs, opts);
    pairs.forEach(([a, b], i) => {
      const single = geodesic(mm, a, b, opts);
      expect(batch[i]!.converged && single.converged).toBe(true);
      expect(batch[i]!.residual).toBeLessThanOrEqual(1e-6);
      expect(Math.abs(batch[i]!.length - single.length)).toBeLessThan(1e-9 * single.length);
      const previous = geodesic(mm, a, b, { ...opts, preconditioner: 'metric', multilevel: false });
      expect(previous.converged).toBe(true);
      expect(Math.abs(previous.length - single.length)).toBeLessThan(1e-7 * single.length);
    });
  });

  it('with the shooting polish (default): batched = single, all pairs polished together', () => {
    const mm = pullbackMetric(randomMlpDecoder([2, 12, 12, 16], createRng(21)));
    const pairs = [
      [
        [-1.5, 0.4],
        [1.2, -0.8],
      ],
      [
        [0.3, 1.5],
        [-0.2, -1.6],
      ],
      [
        [0.9, 0.9],
        [-1.1, 0.2],
      ],
    ] as const;
    const batch = geodesics(mm, pairs);
    pairs.forEach(([a, b], i) => {
      const single = geodesic(mm, a, b);
      expect(batch[i]!.method).toBe('shooting');
      expect(single.method).toBe('shooting');
      expect(batch[i]!.converged && single.converged).toBe(true);
      expect(Math.abs(batch[i]!.length - single.length)).toBeLessThan(1e-9 * single.length);
      expect(batch[i]!.iterations).toBe(single.iterations);
    });
  });

  it('constant-speed reparameterisation and decoded interpolation', () => {
    const sm = pullbackMetric(sphereDecoder());
    const it = interpolate(sm, [0.5, 0.2], [2, 2], 7);
    expect(it.decoded?.length).toBe(21);
    // Equal arc lengths on the sphere: equal chord lengths between consecutive decoded points.
    const chords = [];
    for (let i = 0; i < 6; i++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += (it.decoded![(i + 1) * 3 + k]! - it.decoded![i * 3 + k]!) ** 2;
      chords.push(Math.sqrt(s));
    }
    for (const c of chords) expect(Math.abs(c - chords[0]!)).toBeLessThan(1e-6);
    // x = t² (reproduced exactly by the spline) becomes equally spaced in x.
    const nodes = [0, 1, 2, 3, 4].flatMap((i) => [(i / 4) ** 2, 0]);
    const pts = constantSpeed(functionMetric(), nodes, 5);
    for (let i = 0; i < 5; i++) expect(Math.abs(pts[i * 2]! - i / 4)).toBeLessThan(1e-4);
  });
});

function functionMetric() {
  return pullbackMetric(
    functionDecoder({
      latentDimension: 2,
      outputDimension: 2,
      decode: (z) => z,
      jacobian: () => [1, 0, 0, 1],
    }),
  );
}
