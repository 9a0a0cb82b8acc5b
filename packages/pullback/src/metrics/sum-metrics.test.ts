import {
  createRng,
  DimensionMismatchError,
  InvalidArgumentError,
  SingularMatrixError,
} from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import type { LatentMetric } from '../decoders/decoder.js';
import { float64DenseDecoder } from '../decoders/float64-dense-decoder.js';
import { functionDecoder } from '../decoders/function-decoder.js';
import { stackDecoders } from '../decoders/stack-decoders.js';
import { geodesic } from '../geodesics/geodesic.js';
import { rbfVarianceDecoder } from '../variance/rbf-variance.js';
import { rbfVarianceMetric } from '../variance/rbf-variance-metric.js';
import { batchedPullbackMetric } from './batched-pullback-metric.js';
import { completeMetric } from './complete-metric.js';
import { customMetric } from './custom-metric.js';
import { pullbackMetric } from './pullback-metric.js';
import { sumMetrics } from './sum-metrics.js';

const rel = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num = Math.max(num, Math.abs(a[i]! - b[i]!));
    den = Math.max(den, Math.abs(b[i]!));
  }
  expect(a.length).toBe(b.length);
  return num / den;
};

const add = (...xs: Float64Array[]): Float64Array => xs[0]!.map((_, i) => xs.reduce((s, x) => s + x[i]!, 0));

/** θ(z) = (z₀, z₁, sin z₀ · cos z₁, z₀²/2) with its exact Jacobian. */
const bump = functionDecoder({
  latentDimension: 2,
  outputDimension: 4,
  decode: (z) => [z[0]!, z[1]!, Math.sin(z[0]!) * Math.cos(z[1]!), 0.5 * z[0]! ** 2],
  jacobian: (z) => [
    1,
    0,
    0,
    1,
    Math.cos(z[0]!) * Math.cos(z[1]!),
    -Math.sin(z[0]!) * Math.sin(z[1]!),
    z[0]!,
    0,
  ],
});

const sigma = rbfVarianceDecoder(
  Float64Array.of(0, 0, 1, -0.5),
  Float64Array.of(1, 2),
  Float64Array.of(2, 1, 0.5, 3, 1, 1),
  0.2,
  2,
  3,
);

/** Half-plane metric I/y² (no optional methods but `contains`). */
const halfPlane = customMetric({
  dimension: 2,
  metric: (z) => [1 / z[1]! ** 2, 0, 0, 1 / z[1]! ** 2],
  contains: (z) => z[1]! > 0,
});

describe('sumMetrics', () => {
  it('equals the hand-summed parts (G, batch, ∂G, energy density) and the stacked pullback (Γ)', () => {
    const parts: LatentMetric[] = [pullbackMetric(bump), rbfVarianceMetric(sigma), halfPlane];
    const sum = sumMetrics(...parts);
    const c = parts.map((m) => completeMetric(m));
    const rng = createRng(5);
    const n = 6;
    const Z = Float64Array.from({ length: 2 * n }, (_, i) =>
      i % 2 === 0 ? 2 * rng.uniform() - 1 : 0.5 + rng.uniform(),
    );
    const V = Float64Array.from({ length: 2 * n }, () => rng.normal());
    expect(rel(sum.metricBatch!(Z, n), add(...c.map((m) => m.metricBatch(Z, n))))).toBeLessThan(1e-14);
    const e = sum.energyDensity!(Z, V, n);
    const es = c.map((m) => m.energyDensity(Z, V, n));
    expect(rel(e.quad, add(...es.map((x) => x.quad)))).toBeLessThan(1e-14);
    expect(rel(e.metricTimesVelocity, add(...es.map((x) => x.metricTimesVelocity)))).toBeLessThan(1e-14);
    expect(rel(e.positionGradient, add(...es.map((x) => x.positionGradient)))).toBeLessThan(1e-14);
    for (let p = 0; p < n; p++) {
      const z = Z.slice(2 * p, 2 * p + 2);
      expect(rel(sum.metric(z), add(...c.map((m) => m.metric(z))))).toBeLessThan(1e-14);
      expect(rel(sum.metricDerivative!(z), add(...c.map((m) => m.metricDerivative(z))))).toBeLessThan(1e-14);
    }
    // J_bumpᵀJ_bump + J_σᵀJ_σ is the pullback of the stacked decoder (θ, σ): its Christoffel symbols are
    // an independent reference for completeMetric's formula on the summed exact ∂G.
    const two = completeMetric(sumMetrics(pullbackMetric(bump), rbfVarianceMetric(sigma)));
    const stacked = completeMetric(pullbackMetric(stackDecoders([bump, sigma])));
    for (let p = 0; p < n; p++) {
      const z = Z.slice(2 * p, 2 * p + 2);
      const v = V.slice(2 * p, 2 * p + 2);
      expect(rel(two.metric(z), stacked.metric(z))).toBeLessThan(1e-12);
      expect(rel(two.christoffelContraction(z, v), stacked.christoffelContraction(z, v))).toBeLessThan(1e-8);
    }
  });

  it('batched Christoffel contraction from the parts’ forces = the stacked pullback’s; a failing part falls back', () => {
    const rngW = createRng(8);
    const dense = float64DenseDecoder(
      [2, 6, 4].slice(1).map((nOut, k) => ({
        weights: Float64Array.from({ length: [2, 6][k]! * nOut }, () => rngW.normal()),
        bias: Float64Array.from({ length: nOut }, () => 0.3 * rngW.normal()),
        activation: k === 1 ? ('sigmoid' as const) : ('tanh' as const),
      })),
    );
    const sum = sumMetrics(batchedPullbackMetric(dense), rbfVarianceMetric(sigma));
    expect(sum.christoffelContractionBatch).toBeDefined();
    const stacked = completeMetric(pullbackMetric(stackDecoders([dense, sigma])));
    const rng = createRng(9);
    const n = 7;
    const Z = Float64Array.from({ length: 2 * n }, () => 2 * rng.uniform() - 1);
    const V = Float64Array.from({ length: 2 * n }, () => rng.normal());
    const batch = sum.christoffelContractionBatch!(Z, V, n);
    for (let p = 0; p < n; p++) {
      const z = Z.slice(2 * p, 2 * p + 2);
      const v = V.slice(2 * p, 2 * p + 2);
      expect(rel(batch.subarray(2 * p, 2 * p + 2), stacked.christoffelContraction(z, v))).toBeLessThan(1e-10);
      expect(rel(sum.christoffelContraction!(z, v), batch.subarray(2 * p, 2 * p + 2))).toBeLessThan(1e-15);
    }
    // A part whose own solve fails (a collapsed part): the sum falls back to the formula on the summed ∂G.
    const collapsed = {
      ...completeMetric(rbfVarianceMetric(sigma)),
      christoffelContractionBatch: (): Float64Array => {
        throw new SingularMatrixError('G', 0, 'a collapsed part');
      },
    };
    const fallback = sumMetrics(batchedPullbackMetric(dense), collapsed).christoffelContractionBatch!(
      Z,
      V,
      n,
    );
    expect(rel(fallback, batch)).toBeLessThan(1e-10);
    // Without a batched contraction in every part the sum leaves it to completeMetric.
    expect(sumMetrics(batchedPullbackMetric(dense), halfPlane).christoffelContractionBatch).toBeUndefined();
  });

  it('keeps an optional method only when some part has it; the domain is the intersection', () => {
    const flat = customMetric({ dimension: 2, metric: () => [1, 0, 0, 1], contains: (z) => z[0]! < 1 });
    const bare = sumMetrics(flat, halfPlane);
    expect(bare.metricDerivative).toBeUndefined();
    expect(bare.metricBatch).toBeUndefined();
    expect(bare.energyDensity).toBeUndefined();
    expect(bare.contains!(Float64Array.of(0, 1))).toBe(true);
    expect(bare.contains!(Float64Array.of(2, 1))).toBe(false);
    expect(bare.contains!(Float64Array.of(0, -1))).toBe(false);
    const mixed = sumMetrics(halfPlane, rbfVarianceMetric(sigma));
    expect(mixed.energyDensity).toBeDefined();
    expect(sumMetrics(rbfVarianceMetric(sigma)).contains).toBeUndefined();
    // ∂G of the mixed sum: the exact part plus differences of I/y², vs the closed form ∂_y(1/y²) = −2/y³.
    const z = Float64Array.of(0.3, 0.8);
    const dG = mixed.metricDerivative!(z);
    const exact = rbfVarianceMetric(sigma).metricDerivative!(z);
    expect(dG[4 + 0]! - exact[4 + 0]!).toBeCloseTo(-2 / 0.8 ** 3, 7);
    expect(dG[0]! - exact[0]!).toBeCloseTo(0, 9);
  });

  it('a geodesic under G + G is the geodesic under G, √2 times as long', () => {
    const m = pullbackMetric(bump);
    const a = [-1, -0.5];
    const b = [1.2, 0.7];
    const one = geodesic(m, a, b, { tol: 1e-10 });
    const two = geodesic(sumMetrics(m, m), a, b, { tol: 1e-10 });
    expect(one.converged && two.converged).toBe(true);
    expect(two.length / one.length).toBeCloseTo(Math.SQRT2, 9);
    expect(rel(two.points, one.points)).toBeLessThan(1e-6);
    // Not the straight line: the metric is curved.
    const straight = Math.hypot(2.2, 1.2);
    let euclid = 0;
    for (let i = 2; i < one.points.length; i += 2)
      euclid += Math.hypot(one.points[i]! - one.points[i - 2]!, one.points[i + 1]! - one.points[i - 1]!);
    expect(euclid - straight).toBeGreaterThan(1e-3);
  });

  it('rejects no metrics and mismatched dimensions', () => {
    expect(() => sumMetrics()).toThrow(InvalidArgumentError);
    const one = customMetric({ dimension: 1, metric: () => [1] });
    expect(() => sumMetrics(halfPlane, one)).toThrow(DimensionMismatchError);
  });
});
