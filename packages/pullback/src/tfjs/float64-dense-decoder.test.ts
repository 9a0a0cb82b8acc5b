import { createRng, DimensionMismatchError, NonFiniteError } from '@infogeom/linalg';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { float64DenseDecoder } from '../decoders/float64-dense-decoder.js';
import type { DenseLayer } from '../decoders/mlp-decoder.js';
import { mlpDecoder } from '../decoders/mlp-decoder.js';
import { batchedPullbackMetric } from '../metrics/batched-pullback-metric.js';
import { pullbackMetric } from '../metrics/pullback-metric.js';
import { bernoulliOutput, gaussianOutput } from '../outputs/output-families.js';
import { tfjsDenseNetwork } from './dense-network.js';
import { tfjsDecoder } from './tfjs-decoder.js';

const rng = createRng(11);
const makeLayers = (widths: number[], last: 'sigmoid' | 'identity'): DenseLayer[] =>
  widths.slice(1).map((nOut, k) => ({
    weights: Float64Array.from({ length: widths[k]! * nOut }, () => Math.fround(rng.normal() * 0.8)),
    bias: Float64Array.from({ length: nOut }, () => Math.fround(rng.normal() * 0.3)),
    activation: k === widths.length - 2 ? last : 'tanh',
  }));
const n = 7;
const Z = Float64Array.from({ length: n * 2 }, () => rng.normal());
const V = Float64Array.from({ length: n * 2 }, () => rng.normal());

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

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('float64DenseDecoder', () => {
  for (const last of ['sigmoid', 'identity'] as const)
    it(`batched products equal the per-code analytic mlpDecoder (${last} output, 1e-13)`, () => {
      const layers = makeLayers([2, 9, 7, 6], last);
      const ref = mlpDecoder(layers);
      const dec = float64DenseDecoder(layers);
      const U = Float64Array.from({ length: n * 6 }, () => rng.normal());
      const th = dec.decodeBatch(Z, n);
      const J = dec.jacobianBatch(Z, n);
      const g = dec.vjpBatch(Z, U, n);
      const so = dec.secondOrderBatch(Z, U, V, n);
      for (let i = 0; i < n; i++) {
        const z = Z.slice(2 * i, 2 * i + 2);
        const u = U.slice(6 * i, 6 * i + 6);
        expect(maxRel(th.slice(6 * i, 6 * i + 6), ref.decode(z))).toBeLessThan(1e-13);
        expect(maxRel(J.slice(12 * i, 12 * i + 12), ref.jacobian(z))).toBeLessThan(1e-13);
        expect(maxRel(g.slice(2 * i, 2 * i + 2), ref.vjp!(z, u))).toBeLessThan(1e-13);
        expect(
          maxRel(so.slice(2 * i, 2 * i + 2), ref.secondOrder!(z, u, V.slice(2 * i, 2 * i + 2))),
        ).toBeLessThan(1e-13);
      }
      expect(dec.widths).toEqual([2, 9, 7, 6]);
    });

  it('rejects bad input with typed errors', () => {
    const dec = float64DenseDecoder(makeLayers([2, 4, 3], 'sigmoid'));
    expect(() => dec.decodeBatch(new Float64Array(3), 2)).toThrow(DimensionMismatchError);
    expect(() => dec.jacobianBatch(Float64Array.of(0, Number.NaN), 1)).toThrow(NonFiniteError);
    expect(() => dec.secondOrderBatch(Z, new Float64Array(3), V, n)).toThrow(DimensionMismatchError);
  });
});

describe('batchedPullbackMetric', () => {
  const layers = makeLayers([2, 9, 7, 6], 'sigmoid');
  for (const [name, output] of [
    ['gaussian σ = 0.3', gaussianOutput(0.3)],
    ['bernoulli (mean)', bernoulliOutput()],
  ] as const)
    it(`energy density and batched metric equal the per-point pullbackMetric (${name})`, () => {
      const ref = pullbackMetric(mlpDecoder(layers, output));
      const f64 = batchedPullbackMetric(float64DenseDecoder(layers, output));
      const net = tfjsDenseNetwork(layers);
      const f32 = batchedPullbackMetric(
        tfjsDecoder(net.apply, { latentDimension: 2, outputDimension: 6, output, jvp: net.jvp }),
      );
      const e = ref.energyDensity!(Z, V, n);
      const Gs = f64.metricBatch!(Z, n);
      for (let i = 0; i < n; i++)
        expect(maxRel(Gs.slice(4 * i, 4 * i + 4), ref.metric(Z.slice(2 * i, 2 * i + 2)))).toBeLessThan(1e-13);
      for (const [m, tol] of [
        [f64, 1e-12],
        [f32, 2e-5],
      ] as const) {
        const b = m.energyDensity!(Z, V, n);
        expect(maxRel(b.quad, e.quad)).toBeLessThan(tol);
        expect(maxRel(b.metricTimesVelocity, e.metricTimesVelocity)).toBeLessThan(tol);
        expect(maxRel(b.positionGradient, e.positionGradient)).toBeLessThan(tol);
      }
      net.dispose();
    });
});
