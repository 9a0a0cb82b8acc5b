import { createRng } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { batchedPullbackMetric } from '../metrics/batched-pullback-metric.js';
import { pullbackMetric } from '../metrics/pullback-metric.js';
import { bernoulliOutput, gaussianOutput } from '../outputs/output-families.js';
import { float64DenseDecoder } from './float64-dense-decoder.js';
import { type DenseLayer, mlpDecoder } from './mlp-decoder.js';

function layers(seed: number): DenseLayer[] {
  const rng = createRng(seed);
  const dense = (nIn: number, nOut: number, activation: DenseLayer['activation']): DenseLayer => ({
    weights: Array.from({ length: nIn * nOut }, () => rng.normal() / Math.sqrt(nIn)),
    bias: Array.from({ length: nOut }, () => 0.1 * rng.normal()),
    ...(activation !== undefined ? { activation } : {}),
  });
  return [dense(2, 9, 'tanh'), dense(9, 7, 'tanh'), dense(7, 11, 'sigmoid')];
}

const close = (a: Float64Array, b: Float64Array, tol: number): void => {
  let scale = 0;
  for (const x of b) scale = Math.max(scale, Math.abs(x));
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(tol * scale);
};

describe('float64DenseDecoder: fused energy density and batched second order', () => {
  const ls = layers(7);
  const out = gaussianOutput(0.3);
  const rng = createRng(8);
  const n = 9;
  const Z = Float64Array.from({ length: 2 * n }, () => rng.normal());
  const V = Float64Array.from({ length: 2 * n }, () => rng.normal());
  const reference = pullbackMetric(mlpDecoder(ls, out)).energyDensity!(Z, V, n);

  it('weightedEnergyDensity (through batchedPullbackMetric) equals the per-point pullback energy density', () => {
    const dec = float64DenseDecoder(ls, out);
    const w = new Float64Array(11).fill(1 / 0.09);
    const fused = dec.weightedEnergyDensity(Z, V, n, w);
    close(fused.quad, reference.quad, 1e-12);
    close(fused.metricTimesVelocity, reference.metricTimesVelocity, 1e-12);
    close(fused.positionGradient, reference.positionGradient, 1e-12);
    const viaMetric = batchedPullbackMetric(dec).energyDensity!(Z, V, n);
    close(viaMetric.positionGradient, reference.positionGradient, 1e-12);
  });

  it('pullbackMetric uses the batched second-order product when the decoder has one (same numbers)', () => {
    const dec = float64DenseDecoder(ls, out);
    let calls = 0;
    const counted = {
      ...dec,
      secondOrderBatch: (z: Float64Array, u: Float64Array, v: Float64Array, k: number) => {
        calls++;
        return dec.secondOrderBatch(z, u, v, k);
      },
    };
    const e = pullbackMetric(counted).energyDensity!(Z, V, n);
    expect(calls).toBe(1);
    close(e.positionGradient, reference.positionGradient, 1e-12);
    close(e.quad, reference.quad, 1e-12);
  });

  it('batchedPullbackMetric splits large batches into chunks without changing the numbers', () => {
    const dec = float64DenseDecoder(ls, out);
    const whole = batchedPullbackMetric(dec).energyDensity!(Z, V, n);
    const chunked = batchedPullbackMetric(dec, { chunk: 4 }).energyDensity!(Z, V, n);
    expect(Array.from(chunked.quad)).toEqual(Array.from(whole.quad));
    expect(Array.from(chunked.metricTimesVelocity)).toEqual(Array.from(whole.metricTimesVelocity));
    expect(Array.from(chunked.positionGradient)).toEqual(Array.from(whole.positionGradient));
    const G = batchedPullbackMetric(dec).metricBatch!(Z, n);
    expect(Array.from(batchedPullbackMetric(dec, { chunk: 3 }).metricBatch!(Z, n))).toEqual(Array.from(G));
    expect(n).toBeGreaterThan(4);
    expect(() => batchedPullbackMetric(dec, { chunk: 0 })).toThrow(/chunk/);
  });

  it('recycled work buffers: calls of different sizes in any order give the numbers of a fresh decoder', () => {
    const dec = float64DenseDecoder(ls, out);
    const w = new Float64Array(11).fill(1 / 0.09);
    const sizes = [n, 3, n, 5, 1, n];
    sizes.forEach((k, call) => {
      const z = Float64Array.from({ length: 2 * k }, () => rng.normal());
      const v = Float64Array.from({ length: 2 * k }, () => rng.normal());
      const got = dec.weightedEnergyDensity(z, v, k, w);
      const fresh = float64DenseDecoder(ls, out).weightedEnergyDensity(z, v, k, w);
      expect(got.quad.length, `call ${call}`).toBe(k);
      expect(Array.from(got.quad)).toEqual(Array.from(fresh.quad));
      expect(Array.from(got.metricTimesVelocity)).toEqual(Array.from(fresh.metricTimesVelocity));
      expect(Array.from(got.positionGradient)).toEqual(Array.from(fresh.positionGradient));
      // the returned arrays are the caller's: a later call does not overwrite them
      const kept = Array.from(got.positionGradient);
      dec.weightedEnergyDensity(
        z.map((x) => x + 0.5),
        v,
        k,
        w,
      );
      expect(Array.from(got.positionGradient)).toEqual(kept);
      // the other products share the recycled forward pass
      const ref = float64DenseDecoder(ls, out);
      expect(Array.from(dec.jacobianBatch(z, k))).toEqual(Array.from(ref.jacobianBatch(z, k)));
      expect(Array.from(dec.decodeBatch(z, k))).toEqual(Array.from(ref.decodeBatch(z, k)));
    });
  });

  it('weightedMetricBatch is JᵀWJ of the per-code Jacobian, and batchedPullbackMetric uses it for a fixed-σ Gaussian', () => {
    const dec = float64DenseDecoder(ls, out);
    const G = dec.weightedMetricBatch(Z, n, new Float64Array(11).fill(1 / 0.09));
    const ref = pullbackMetric(mlpDecoder(ls, out));
    for (let i = 0; i < n; i++)
      close(G.subarray(4 * i, 4 * i + 4), ref.metric(Z.subarray(2 * i, 2 * i + 2)), 1e-12);
    let calls = 0;
    const counted = {
      ...dec,
      weightedMetricBatch: (z: Float64Array, k: number, w: Float64Array) => {
        calls++;
        return dec.weightedMetricBatch(z, k, w);
      },
    };
    const viaMetric = batchedPullbackMetric(counted).metricBatch!(Z, n);
    expect(calls).toBe(1);
    expect(Array.from(viaMetric)).toEqual(Array.from(G));
    // a θ-dependent Fisher (Bernoulli) takes the Jacobian path instead
    const bern = batchedPullbackMetric(counted, { output: bernoulliOutput() }).metricBatch!(Z, n);
    expect(calls).toBe(1);
    const refB = pullbackMetric(mlpDecoder(ls, bernoulliOutput()));
    close(bern.subarray(0, 4), refB.metric(Z.subarray(0, 2)), 1e-12);
    expect(() => dec.weightedMetricBatch(Z, n, new Float64Array(3))).toThrow(/w/);
  });
});
