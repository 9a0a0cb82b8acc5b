import { DimensionMismatchError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import type { LatentMetric } from '../decoders/decoder.js';
import { float64DenseDecoder } from '../decoders/float64-dense-decoder.js';
import { type DenseLayer, mlpDecoder } from '../decoders/mlp-decoder.js';
import { batchedPullbackMetric } from '../metrics/batched-pullback-metric.js';
import { completeMetric } from '../metrics/complete-metric.js';
import { customMetric } from '../metrics/custom-metric.js';
import { pullbackMetric } from '../metrics/pullback-metric.js';
import { halfPlane } from '../test-utils/analytic.js';
import { exponentialMap } from './exponential-map.js';
import fixture from './fixtures/mlp_geodesics.json' with { type: 'json' };
import reference from './fixtures/shooting_reference.json' with { type: 'json' };
import { shootingGeodesic } from './shooting.js';
import { shootingGeodesics } from './shooting-geodesics.js';

const layers: DenseLayer[] = fixture.layers.map((l, i) => ({
  ...l,
  activation: i === 2 ? 'identity' : 'tanh',
}));
const metric = pullbackMetric(mlpDecoder(layers));

const dist = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  expect(a.length).toBe(b.length);
  let e = 0;
  for (let i = 0; i < a.length; i++) e = Math.max(e, Math.abs(a[i]! - b[i]!));
  return e;
};

describe('shootingGeodesic: unchanged against the previous implementation (fixtures/shooting_reference.json)', () => {
  for (const p of reference.pairs)
    it(`${JSON.stringify(p.z0)} → ${JSON.stringify(p.z1)}: length, velocity and nodes to 1e-8`, () => {
      const r = shootingGeodesic(metric, p.z0, p.z1, p.v0, { nodes: p.nodes });
      expect(r.converged).toBe(true);
      expect(r.method).toBe('shooting');
      expect(r.residual).toBeLessThanOrEqual(1e-10);
      expect(Math.abs(r.length - p.length) / p.length).toBeLessThan(1e-8);
      const vn = Math.hypot(...p.initialVelocity);
      expect(dist(r.initialVelocity, p.initialVelocity) / vn).toBeLessThan(1e-8);
      expect(dist(r.points, p.points)).toBeLessThan(1e-8);
      const G = metric.metric(Float64Array.from(p.z0));
      const [v0, v1] = [r.initialVelocity[0]!, r.initialVelocity[1]!];
      const len = Math.sqrt(v0 * v0 * G[0]! + 2 * v0 * v1 * G[1]! + v1 * v1 * G[3]!);
      expect(Math.abs(r.length - len)).toBeLessThan(1e-12 * len);
    });

  it('the nodes (sampled during the last integration) lie on exp_{z₀}(t v) at t = i/(N−1) (1e-8)', () => {
    const p = reference.pairs[1]!;
    const r = shootingGeodesic(metric, p.z0, p.z1, p.v0, { nodes: 9 });
    for (let i = 1; i < 8; i++) {
      const e = exponentialMap(metric, p.z0, r.initialVelocity, { t: i / 8 });
      expect(dist(r.points.subarray(2 * i, 2 * i + 2), e.point)).toBeLessThan(1e-8);
    }
    expect(Array.from(r.points.subarray(16))).toEqual(p.z1);
  });
});

describe('shootingGeodesics: many problems in one batched integration', () => {
  it('equals one shootingGeodesic per problem (per-point metric; 1e-12)', () => {
    const problems = reference.pairs.map((p) => ({ z0: p.z0, z1: p.z1, v0: p.v0 }));
    const all = shootingGeodesics(metric, problems, { nodes: 12 });
    problems.forEach((p, i) => {
      const one = shootingGeodesic(metric, p.z0, p.z1, p.v0, { nodes: 12 });
      expect(all[i]!.converged).toBe(true);
      expect(all[i]!.iterations).toBe(one.iterations);
      expect(Math.abs(all[i]!.length - one.length)).toBeLessThan(1e-12 * one.length);
      expect(dist(all[i]!.points, one.points)).toBeLessThan(1e-12);
    });
  });

  it('through batchedPullbackMetric (batched contraction in the decoder): the reference to 1e-8', () => {
    const m = batchedPullbackMetric(float64DenseDecoder(layers));
    const all = shootingGeodesics(
      m,
      reference.pairs.map((p) => ({ z0: p.z0, z1: p.z1, v0: p.v0 })),
      { nodes: 16 },
    );
    reference.pairs.forEach((p, i) => {
      expect(all[i]!.converged).toBe(true);
      expect(Math.abs(all[i]!.length - p.length) / p.length).toBeLessThan(1e-8);
      expect(dist(all[i]!.points, p.points)).toBeLessThan(1e-8);
    });
  });

  it('Poincaré half-plane: the hyperbolic distance from a rough start (1e-8), and a start out of the domain fails cleanly', () => {
    // The half-plane cut to y > 0.45: the geodesic arcs above both ends, the second start dives out.
    const m = { ...halfPlane(), contains: (z: Float64Array) => z[1]! > 0.45 };
    const [a, b] = [
      [0.2, 0.5],
      [1.4, 0.9],
    ];
    const exact = Math.acosh(1 + (1.2 ** 2 + 0.4 ** 2) / (2 * 0.5 * 0.9));
    const [good, bad] = shootingGeodesics(m, [
      { z0: a, z1: b, v0: [0.6, 0.5] },
      { z0: a, z1: b, v0: [0, -5] },
    ]);
    expect(good!.converged).toBe(true);
    expect(Math.abs(good!.length - exact) / exact).toBeLessThan(1e-8);
    expect(bad!.converged).toBe(false);
    expect(Number.isNaN(bad!.length)).toBe(false);
  });

  it('maxLength: gives up early on a solve heading for a longer geodesic than wanted', () => {
    const m = halfPlane();
    const [a, b] = [
      [0.2, 0.5],
      [1.4, 0.9],
    ];
    const exact = Math.acosh(1 + (1.2 ** 2 + 0.4 ** 2) / (2 * 0.5 * 0.9));
    const free = shootingGeodesics(m, [{ z0: a, z1: b, v0: [0.6, 0.5] }])[0]!;
    const [capped, loose] = shootingGeodesics(m, [
      { z0: a, z1: b, v0: [0.6, 0.5], maxLength: 0.9 * exact },
      { z0: a, z1: b, v0: [0.6, 0.5], maxLength: 1.01 * exact },
    ]);
    expect(free.converged).toBe(true);
    expect(free.iterations).toBeGreaterThan(3);
    // Capped below the true length: stops after two Newton steps, unconverged, never NaN.
    expect(capped!.converged).toBe(false);
    expect(capped!.iterations).toBe(2);
    expect(Number.isFinite(capped!.length)).toBe(true);
    // A cap above the answer changes nothing.
    expect(loose!.converged).toBe(true);
    expect(loose!.length).toBe(free.length);
  });

  it('rejects mismatched dimensions with a typed error', () => {
    expect(() => shootingGeodesics(metric, [{ z0: [0, 0], z1: [1, 1, 1], v0: [1, 1] }])).toThrow(
      DimensionMismatchError,
    );
  });
});

describe('shootingGeodesics: polish mode gives up on starts it cannot polish', () => {
  /** Counts the trajectory points the solver evaluates. */
  const counted = (m: LatentMetric) => {
    const c = completeMetric(m);
    const counter = { points: 0 };
    const metric: LatentMetric = {
      ...c,
      christoffelContractionBatch: (Z: Float64Array, V: Float64Array, n: number) => {
        counter.points += n;
        return c.christoffelContractionBatch(Z, V, n);
      },
    };
    return { metric, counter };
  };

  it('stops when the miss does not fall fourfold within two Newton iterations; plain shooting goes on and converges', () => {
    // Half-plane, (0, 1) → (3, 1) from a poor start (v0 = (1, 0): far too slow, no lift).
    const { metric: hp, counter } = counted(halfPlane());
    const problem = { z0: [0, 1], z1: [3, 1], v0: [1, 0] };
    const plain = shootingGeodesics(hp, [problem])[0]!;
    const plainPoints = counter.points;
    counter.points = 0;
    const polished = shootingGeodesics(hp, [{ ...problem, polish: true }])[0]!;
    expect(plain.converged).toBe(true);
    expect(plain.iterations).toBeGreaterThan(2);
    expect(plain.length).toBeCloseTo(Math.acosh(1 + 9 / 2), 8);
    expect(polished.converged).toBe(false);
    expect(polished.iterations).toBe(2);
    expect(polished.residual).toBeGreaterThan(1e-3);
    expect(counter.points).toBeLessThan(plainPoints / 2);
    // From a near-solution (the exact velocity perturbed by 1 %) the polish converges as plain shooting does.
    const exact = plain.initialVelocity;
    const near = shootingGeodesics(hp, [
      { ...problem, v0: [exact[0]! * 1.01, exact[1]! * 0.99], polish: true },
    ])[0]!;
    expect(near.converged).toBe(true);
    expect(near.length).toBeCloseTo(plain.length, 8);
  });

  it('caps the first integration at 1,000 steps', () => {
    // A conformal metric e^{2 sin(200 x)} I: the first integration along x ∈ [0, 4] needs thousands of steps.
    const k = 200;
    const { metric, counter } = counted(
      customMetric({
        dimension: 2,
        metric: (z) => {
          const c = Math.exp(2 * Math.sin(k * z[0]!));
          return [c, 0, 0, c];
        },
        metricDerivative: (z) => {
          const g = 2 * k * Math.cos(k * z[0]!) * Math.exp(2 * Math.sin(k * z[0]!));
          return [g, 0, 0, g, 0, 0, 0, 0];
        },
      }),
    );
    const problem = { z0: [0, 0], z1: [4, 0.4], v0: [4, 0.4] };
    const plain = shootingGeodesics(metric, [problem], { maxIterations: 0 })[0]!;
    expect(Number.isFinite(plain.residual)).toBe(true); // integrated to t = 1
    expect(counter.points).toBeGreaterThan(3 * 6 * 1000);
    counter.points = 0;
    const polished = shootingGeodesics(metric, [{ ...problem, polish: true }], { maxIterations: 0 })[0]!;
    expect(polished.converged).toBe(false);
    expect(polished.residual).toBe(Number.POSITIVE_INFINITY);
    expect(counter.points).toBeLessThanOrEqual(3 * (6 * 1000 + 1));
  });
});
