import { createRng, InvalidArgumentError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import type { ActivationName } from '../decoders/activations.js';
import type { OutputFamily } from '../decoders/decoder.js';
import { float64DenseDecoder } from '../decoders/float64-dense-decoder.js';
import { type DenseLayer, mlpDecoder, randomMlpDecoder } from '../decoders/mlp-decoder.js';
import {
  bernoulliOutput,
  gaussianOutput,
  gaussianScaleOutput,
  poissonOutput,
} from '../outputs/output-families.js';
import { halfPlane } from '../test-utils/analytic.js';
import { batchedPullbackMetric } from './batched-pullback-metric.js';
import { completeMetric } from './complete-metric.js';
import { pullbackMetric } from './pullback-metric.js';

const rng = createRng(23);
const makeLayers = (widths: number[], last: ActivationName): DenseLayer[] =>
  widths.slice(1).map((nOut, k) => ({
    weights: Float64Array.from({ length: widths[k]! * nOut }, () => rng.normal() * 0.8),
    bias: Float64Array.from({ length: nOut }, () => rng.normal() * 0.3),
    activation: k === widths.length - 2 ? last : 'tanh',
  }));

/** max |a − b| / max |b|. */
function maxRel(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let e = 0;
  let s = 1e-300;
  for (let i = 0; i < a.length; i++) {
    e = Math.max(e, Math.abs(a[i]! - b[i]!));
    s = Math.max(s, Math.abs(b[i]!));
  }
  return e / s;
}

/** The per-point contraction of `pullbackMetric` on the analytic mlpDecoder, stacked. */
function perPoint(layers: DenseLayer[], output: OutputFamily, Z: Float64Array, V: Float64Array, d: number) {
  const m = pullbackMetric(mlpDecoder(layers, output));
  const n = Z.length / d;
  const out = new Float64Array(n * d);
  for (let p = 0; p < n; p++)
    out.set(m.christoffelContraction!(Z.slice(p * d, (p + 1) * d), V.slice(p * d, (p + 1) * d)), p * d);
  return out;
}

describe('batched Christoffel contraction of batchedPullbackMetric = per-point contraction (1e-10)', () => {
  const cases: [string, number[], ActivationName, OutputFamily][] = [
    ['Gaussian σ = 0.3, sigmoid means', [2, 9, 7, 6], 'sigmoid', gaussianOutput(0.3)],
    ['Gaussian with per-output σ, linear head', [3, 8, 5], 'identity', gaussianOutput([0.5, 1, 2, 0.7, 1.3])],
    ['Bernoulli (mean), sigmoid probabilities', [2, 9, 7, 6], 'sigmoid', bernoulliOutput('mean')],
    ['Bernoulli (logits), linear head', [2, 6, 4], 'identity', bernoulliOutput('natural')],
    ['Gaussian with σ(z) (softplus head)', [2, 8, 6], 'softplus', gaussianScaleOutput()],
    ['Poisson (mean), softplus rates', [3, 7, 5], 'softplus', poissonOutput('mean')],
  ];
  for (const [name, widths, last, output] of cases)
    it(name, () => {
      const layers = makeLayers(widths, last);
      const d = widths[0]!;
      const n = name.startsWith('Gaussian σ = 0.3') ? 37 : 9; // 37 > 16: evaluated in blocks
      const Z = Float64Array.from({ length: n * d }, () => rng.normal());
      const V = Float64Array.from({ length: n * d }, () => rng.normal() * 2);
      const m = batchedPullbackMetric(float64DenseDecoder(layers, output));
      const batched = m.christoffelContractionBatch!(Z, V, n);
      const ref = perPoint(layers, output, Z, V, d);
      expect(maxRel(batched, ref)).toBeLessThan(1e-10);
      // Homogeneous of degree 2 in v (an independent check of the stacking): Γ(2v, 2v) = 4Γ(v, v).
      const twice = m.christoffelContractionBatch!(
        Z,
        V.map((x) => 2 * x),
        n,
      );
      expect(
        maxRel(
          twice,
          batched.map((x) => 4 * x),
        ),
      ).toBeLessThan(1e-12);
    });

  it('a code outside the output family’s domain: a typed error, not NaN', () => {
    // Bernoulli means from a linear head leave (0, 1).
    const layers = makeLayers([2, 4, 3], 'identity');
    layers[1] = { ...layers[1]!, bias: new Float64Array(3).fill(5) };
    const m = batchedPullbackMetric(float64DenseDecoder(layers, bernoulliOutput('mean')));
    expect(() => m.christoffelContractionBatch!(Float64Array.of(0.1, 0.2), Float64Array.of(1, 0), 1)).toThrow(
      InvalidArgumentError,
    );
  });
});

describe('completeMetric: the per-point fallback of christoffelContractionBatch', () => {
  it('MLP pullback metric: equals christoffelContraction point by point', () => {
    const m = completeMetric(pullbackMetric(randomMlpDecoder([2, 10, 10, 4], createRng(4))));
    const n = 5;
    const Z = Float64Array.from({ length: 2 * n }, () => rng.normal());
    const V = Float64Array.from({ length: 2 * n }, () => rng.normal());
    const batched = m.christoffelContractionBatch(Z, V, n);
    for (let p = 0; p < n; p++)
      expect(Array.from(batched.subarray(2 * p, 2 * p + 2))).toEqual(
        Array.from(m.christoffelContraction(Z.slice(2 * p, 2 * p + 2), V.slice(2 * p, 2 * p + 2))),
      );
  });

  it('Poincaré half-plane: Γ(v, v) = (−2vₓv_y, vₓ² − v_y²)/y (1e-12)', () => {
    const m = completeMetric(halfPlane());
    const Z = Float64Array.of(0.3, 0.5, -1, 2, 4, 0.1);
    const V = Float64Array.of(1, -2, 0.5, 0.25, -3, 1);
    const out = m.christoffelContractionBatch(Z, V, 3);
    const ref = new Float64Array(6);
    for (let p = 0; p < 3; p++) {
      const y = Z[2 * p + 1]!;
      const [vx, vy] = [V[2 * p]!, V[2 * p + 1]!];
      ref[2 * p] = (-2 * vx * vy) / y;
      ref[2 * p + 1] = (vx * vx - vy * vy) / y;
    }
    expect(maxRel(out, ref)).toBeLessThan(1e-12);
  });
});

describe('fused Christoffel contraction (weightedGeodesicForce) of a float64 dense decoder', () => {
  const acts: ActivationName[] = ['tanh', 'sigmoid', 'softplus', 'elu', 'identity', 'sin', 'relu'];
  it('equals the per-point contraction for every activation (hidden and output), d = 1, 2, 3 (1e-10)', () => {
    for (const [i, act] of acts.entries()) {
      const d = 1 + (i % 3);
      const widths = [d, 7, 6, 11];
      const layers = makeLayers(widths, acts[(i + 3) % acts.length]!).map((l, k) =>
        k < widths.length - 2 ? { ...l, activation: act } : l,
      );
      const output = gaussianOutput(0.4);
      const dec = float64DenseDecoder(layers, output);
      const n = 7;
      const Z = Float64Array.from({ length: n * d }, () => rng.normal());
      const V = Float64Array.from({ length: n * d }, () => rng.normal() * 2);
      const fused = batchedPullbackMetric(dec).christoffelContractionBatch!(Z, V, n);
      expect(maxRel(fused, perPoint(layers, output, Z, V, d)), `${act}, d = ${d}`).toBeLessThan(1e-10);
      // Its two halves: G equals the fused metric product; the force is G Γ.
      const w = new Float64Array(11).fill(1 / 0.16);
      const { metric, force } = dec.weightedGeodesicForce(Z, V, n, w);
      expect(maxRel(metric, dec.weightedMetricBatch(Z, n, w))).toBeLessThan(1e-13);
      const gGamma = new Float64Array(n * d);
      for (let p = 0; p < n; p++)
        for (let a = 0; a < d; a++)
          for (let b = 0; b < d; b++) gGamma[p * d + a]! += metric[(p * d + a) * d + b]! * fused[p * d + b]!;
      expect(maxRel(force, gGamma)).toBeLessThan(1e-10);
    }
  });

  it('other output families: the contraction from geodesicTangentsBatch (one call per block) equals the one without it', () => {
    for (const [widths, last, output] of [
      [[2, 9, 7, 6], 'sigmoid', bernoulliOutput('mean')],
      [[3, 7, 5], 'softplus', poissonOutput('mean')],
      [[2, 8, 6], 'softplus', gaussianScaleOutput()],
    ] as const) {
      const layers = makeLayers([...widths], last);
      const dec = float64DenseDecoder(layers, output);
      let calls = 0;
      const counted = {
        ...dec,
        geodesicTangentsBatch: (Z: Float64Array, V: Float64Array, n: number) => {
          calls++;
          return dec.geodesicTangentsBatch(Z, V, n);
        },
      };
      const { geodesicTangentsBatch: _, ...without } = dec;
      const d = widths[0];
      const n = 20; // two blocks of ≤ 16
      const Z = Float64Array.from({ length: n * d }, () => rng.normal());
      const V = Float64Array.from({ length: n * d }, () => rng.normal());
      const out = batchedPullbackMetric(counted).christoffelContractionBatch!(Z, V, n);
      expect(calls, output.name).toBe(2);
      const ref = batchedPullbackMetric(without).christoffelContractionBatch!(Z, V, n);
      expect(maxRel(out, ref), output.name).toBeLessThan(1e-12);
    }
  });

  it('is what batchedPullbackMetric uses for a constant diagonal Fisher, in blocks of `chunk` points', () => {
    const layers = makeLayers([2, 9, 7, 6], 'sigmoid');
    const dec = float64DenseDecoder(layers, gaussianOutput(0.3));
    let calls = 0;
    const counted = {
      ...dec,
      weightedGeodesicForce: (Z: Float64Array, V: Float64Array, n: number, w: Float64Array) => {
        calls++;
        expect(n).toBeLessThanOrEqual(5);
        return dec.weightedGeodesicForce(Z, V, n, w);
      },
    };
    const n = 12;
    const Z = Float64Array.from({ length: 2 * n }, () => rng.normal());
    const V = Float64Array.from({ length: 2 * n }, () => rng.normal());
    const out = batchedPullbackMetric(counted, { chunk: 5 }).christoffelContractionBatch!(Z, V, n);
    expect(calls).toBe(3);
    const { weightedGeodesicForce: _, ...generic } = dec;
    const ref = batchedPullbackMetric(generic).christoffelContractionBatch!(Z, V, n);
    expect(maxRel(out, ref)).toBeLessThan(1e-12);
  });
});
