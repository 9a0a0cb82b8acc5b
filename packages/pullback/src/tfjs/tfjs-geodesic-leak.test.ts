import { createRng } from '@infogeom/linalg';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { float64DenseDecoder } from '../decoders/float64-dense-decoder.js';
import type { DenseLayer } from '../decoders/mlp-decoder.js';
import { geodesic } from '../geodesics/geodesic.js';
import { polylineGeodesic, polylineGeodesics } from '../geodesics/polyline-geodesic.js';
import { batchedPullbackMetric } from '../metrics/batched-pullback-metric.js';
import { gaussianOutput } from '../outputs/output-families.js';
import { tfjsDenseNetwork } from './dense-network.js';
import { tfjsDecoder } from './tfjs-decoder.js';

const rng = createRng(5);
const widths = [2, 8, 8, 6];
const layers: DenseLayer[] = widths.slice(1).map((nOut, k) => ({
  weights: Float64Array.from({ length: widths[k]! * nOut }, () => Math.fround(rng.normal())),
  bias: Float64Array.from({ length: nOut }, () => Math.fround(0.3 * rng.normal())),
  activation: k === widths.length - 2 ? 'sigmoid' : 'tanh',
}));
const output = gaussianOutput(0.5);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('geodesics through a tfjs decoder', () => {
  it('agree with the float64 path (float32 accuracy) and leave no tensor behind across 100 solves', () => {
    const net = tfjsDenseNetwork(layers);
    const dims = { latentDimension: 2, outputDimension: 6, output };
    const metrics = [
      batchedPullbackMetric(tfjsDecoder(net.apply, { ...dims, jvp: net.jvp })),
      batchedPullbackMetric(tfjsDecoder(net.apply, dims)),
      batchedPullbackMetric(tfjsDecoder(net.apply, { ...net.decoderOptions, output })),
    ];
    const ref = batchedPullbackMetric(float64DenseDecoder(layers, output));
    const z0 = Float64Array.of(-1, 0.5);
    const z1 = Float64Array.of(1.2, -0.4);
    const opts = { nodes: 8, tol: 1e-5, refine: false };
    const exact = geodesic(ref, z0, z1, opts);
    expect(exact.converged).toBe(true);
    for (const m of metrics) {
      const r = geodesic(m, z0, z1, opts); // warm-up: tfjs caches kernels on first use
      expect(Math.abs(r.length - exact.length) / exact.length).toBeLessThan(1e-5);
    }
    const before = tf.memory().numTensors;
    // Short solves (the count of tensors is the point, not convergence), and the Christoffel contraction
    // the shooting polish and the exponential map use.
    for (let s = 0; s < 100; s++) {
      const a = Float64Array.of(rng.normal(), rng.normal());
      const b = Float64Array.of(rng.normal(), rng.normal());
      const m = metrics[s % 3]!;
      const r = geodesic(m, a, b, { ...opts, maxIterations: 2 });
      expect(Number.isFinite(r.length)).toBe(true);
      if (s % 10 === 0) expect(m.christoffelContraction!(a, b).every(Number.isFinite)).toBe(true);
    }
    expect(tf.memory().numTensors).toBe(before);
    net.dispose();
  });

  it('polyline geodesics: float64 = tfjs (float32 accuracy), batched = single, no tensor leak over 100 solves', () => {
    const net = tfjsDenseNetwork(layers);
    const decoders = [
      tfjsDecoder(net.apply, { latentDimension: 2, outputDimension: 6, output, jvp: net.jvp }),
      tfjsDecoder(net.apply, { latentDimension: 2, outputDimension: 6, output }), // differenced second order
      tfjsDecoder(net.apply, { ...net.decoderOptions, output }), // hand-written reverse passes
    ];
    const ref = float64DenseDecoder(layers, output);
    const z0 = Float64Array.of(-1, 0.5);
    const z1 = Float64Array.of(1.2, -0.4);
    const opts = { nodes: 16, tol: 1e-6 };
    const exact = polylineGeodesic(ref, z0, z1, opts);
    expect(exact.converged).toBe(true);
    for (const dec of decoders) {
      const r = polylineGeodesic(batchedPullbackMetric(dec), z0, z1, opts);
      expect(r.converged).toBe(true);
      expect(Math.abs(r.length - exact.length) / exact.length).toBeLessThan(1e-5);
    }
    const pairs = [
      [z0, z1],
      [Float64Array.of(0.3, 0.9), Float64Array.of(-0.8, -1.1)],
    ] as const;
    const batched = polylineGeodesics(decoders[0]!, pairs, opts);
    pairs.forEach(([a, b], i) => {
      const single = polylineGeodesic(decoders[0]!, a, b, opts);
      expect(Math.abs(batched[i]!.length - single.length)).toBeLessThan(1e-12 * single.length);
    });
    const before = tf.memory().numTensors;
    for (let s = 0; s < 100; s++) {
      const a = Float64Array.of(rng.normal(), rng.normal());
      const b = Float64Array.of(rng.normal(), rng.normal());
      const r = polylineGeodesic(decoders[s % 3]!, a, b, { ...opts, maxIterations: 2 });
      expect(Number.isFinite(r.length)).toBe(true);
    }
    expect(tf.memory().numTensors).toBe(before);
    net.dispose();
  });
});
