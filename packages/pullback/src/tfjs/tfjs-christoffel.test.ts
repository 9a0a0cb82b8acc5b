import { createRng } from '@infogeom/linalg';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DenseLayer } from '../decoders/mlp-decoder.js';
import { mlpDecoder } from '../decoders/mlp-decoder.js';
import { exponentialMap } from '../geodesics/exponential-map.js';
import { batchedPullbackMetric } from '../metrics/batched-pullback-metric.js';
import { pullbackMetric } from '../metrics/pullback-metric.js';
import { bernoulliOutput, gaussianOutput } from '../outputs/output-families.js';
import { tfjsDenseNetwork } from './dense-network.js';
import { tfjsDecoder } from './tfjs-decoder.js';

// A 2 → 8 → 8 → 5 tanh MLP with sigmoid outputs, float32-exact weights (tfjs and the float64 mlpDecoder
// compute the same function).
const rng = createRng(31);
const widths = [2, 8, 8, 5];
const layers: DenseLayer[] = widths.slice(1).map((nOut, k) => ({
  weights: Float64Array.from({ length: widths[k]! * nOut }, () => Math.fround(rng.normal() * 0.9)),
  bias: Float64Array.from({ length: nOut }, () => Math.fround(rng.normal() * 0.3)),
  activation: k === widths.length - 2 ? 'sigmoid' : 'tanh',
}));
const n = 6;
const Z = Float64Array.from({ length: n * 2 }, () => Math.fround(rng.normal()));
const V = Float64Array.from({ length: n * 2 }, () => Math.fround(rng.normal()));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('batched Christoffel contraction on a tfjs decoder', () => {
  for (const [name, output] of [
    ['Gaussian', gaussianOutput(0.5)],
    ['Bernoulli', bernoulliOutput('mean')],
  ] as const)
    it(`${name}: equals the float64 per-point contraction to float32 accuracy, no tensor leak`, () => {
      const net = tfjsDenseNetwork(layers);
      const ref = pullbackMetric(mlpDecoder(layers, output));
      for (const jvp of [undefined, net.jvp, 'tangents'] as const) {
        // Differences of VJPs; forward mode; the stacked J columns and H[v,v] of one call (geodesicTangents).
        const dec = tfjsDecoder(
          net.apply,
          jvp === 'tangents'
            ? { ...net.decoderOptions, output }
            : { latentDimension: 2, outputDimension: 5, output, ...(jvp !== undefined ? { jvp } : {}) },
        );
        if (jvp === 'tangents') expect(dec.geodesicTangentsBatch).toBeDefined();
        const m = batchedPullbackMetric(dec);
        const before = tf.memory().numTensors;
        const out = m.christoffelContractionBatch!(Z, V, n);
        expect(tf.memory().numTensors).toBe(before);
        let err = 0;
        let scale = 0;
        for (let p = 0; p < n; p++) {
          const r = ref.christoffelContraction!(Z.slice(2 * p, 2 * p + 2), V.slice(2 * p, 2 * p + 2));
          for (let i = 0; i < 2; i++) {
            err = Math.max(err, Math.abs(out[2 * p + i]! - r[i]!));
            scale = Math.max(scale, Math.abs(r[i]!));
          }
        }
        // Exact (forward mode) or five-point differences of float32 VJPs.
        expect(err / scale).toBeLessThan(jvp !== undefined ? 2e-5 : 2e-3);
      }
      net.dispose();
    });
});

describe('exponential map on a tfjs decoder (float32 contractions)', () => {
  it('uses rtol 1e-8 by default: the float64 end point to float32 accuracy without rounding-driven steps', () => {
    const net = tfjsDenseNetwork(layers);
    const output = gaussianOutput(0.5);
    const m = batchedPullbackMetric(tfjsDecoder(net.apply, { ...net.decoderOptions, output }));
    const ref = pullbackMetric(mlpDecoder(layers, output));
    const z = Float64Array.of(0.3, -0.4);
    const v = Float64Array.of(0.3, 0.2);
    const before = tf.memory().numTensors;
    const got = exponentialMap(m, z, v);
    expect(tf.memory().numTensors).toBe(before);
    const want = exponentialMap(ref, z, v);
    const same = exponentialMap(ref, z, v, { rtol: 1e-8 });
    expect(got.converged).toBe(true);
    for (let i = 0; i < 2; i++) expect(Math.abs(got.point[i]! - want.point[i]!)).toBeLessThan(1e-5);
    // As many steps as the float64 metric takes at the same tolerance (at 1e-10 float32 noise multiplies them).
    expect(got.iterations).toBeLessThanOrEqual(Math.ceil(1.5 * same.iterations));
    net.dispose();
  });
});
