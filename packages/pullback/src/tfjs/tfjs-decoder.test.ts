import { createRng, DimensionMismatchError, InvalidArgumentError, NonFiniteError } from '@infogeom/linalg';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { float64DenseDecoder } from '../decoders/float64-dense-decoder.js';
import type { DenseLayer } from '../decoders/mlp-decoder.js';
import { mlpDecoder } from '../decoders/mlp-decoder.js';
import { batchedPullbackMetric } from '../metrics/batched-pullback-metric.js';
import { denseLayersFromTfjs, float64DecoderFromTfjs, tfjsDenseNetwork } from './dense-network.js';
import { tfjsDecoder } from './tfjs-decoder.js';

// A 2 → 8 → 8 → 5 tanh MLP with a sigmoid output, weights rounded to float32 so that the float64 analytic
// mlpDecoder (forward/reverse mode written out by hand) and the tfjs network compute the same function.
const rng = createRng(7);
const widths = [2, 8, 8, 5];
const layers: DenseLayer[] = widths.slice(1).map((nOut, k) => {
  const nIn = widths[k]!;
  return {
    weights: Float64Array.from({ length: nIn * nOut }, () => Math.fround(rng.normal() * 0.9)),
    bias: Float64Array.from({ length: nOut }, () => Math.fround(rng.normal() * 0.3)),
    activation: k === widths.length - 2 ? 'sigmoid' : 'tanh',
  };
});
const reference = mlpDecoder(layers);
const n = 6;
const Z = Float64Array.from({ length: n * 2 }, () => Math.fround(rng.normal()));
const V = Float64Array.from({ length: n * 2 }, () => Math.fround(rng.normal()));
const U = Float64Array.from({ length: n * 5 }, () => Math.fround(rng.normal()));
const row = (A: Float64Array, i: number, m: number): Float64Array => A.slice(i * m, (i + 1) * m);

/** max |a − b| / max(1, max |b|). */
function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let e = 0;
  let s = 1;
  for (let i = 0; i < a.length; i++) {
    e = Math.max(e, Math.abs(a[i]! - b[i]!));
    s = Math.max(s, Math.abs(b[i]!));
  }
  return e / s;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('tfjsDecoder on a function network', () => {
  it('matches the float64 analytic MLP: θ, J, Jᵀu, J v (float32 accuracy)', () => {
    const net = tfjsDenseNetwork(layers);
    const dec = tfjsDecoder(net.apply, { latentDimension: 2, outputDimension: 5 });
    expect(dec.roundoff).toBe(2 ** -24); // float32 inside: the solvers' rounding-floor tests scale with it
    const theta = dec.decodeBatch(Z, n);
    const J = dec.jacobianBatch(Z, n);
    const g = dec.vjpBatch(Z, U, n);
    const jv = dec.jvpBatch(Z, V, n);
    for (let i = 0; i < n; i++) {
      const z = row(Z, i, 2);
      expect(relErr(row(theta, i, 5), reference.decode(z))).toBeLessThan(1e-6);
      const Jr = reference.jacobian(z);
      expect(relErr(row(J, i, 10), Jr)).toBeLessThan(1e-6);
      expect(relErr(row(g, i, 2), reference.vjp!(z, row(U, i, 5)))).toBeLessThan(1e-6);
      const v = row(V, i, 2);
      const jvr = Float64Array.from({ length: 5 }, (_, a) => Jr[2 * a]! * v[0]! + Jr[2 * a + 1]! * v[1]!);
      expect(relErr(row(jv, i, 5), jvr)).toBeLessThan(1e-6);
    }
    expect(relErr(dec.decode(row(Z, 2, 2)), row(theta, 2, 5))).toBe(0);
    expect(relErr(dec.jacobian(row(Z, 2, 2)), row(J, 2, 10))).toBe(0);
    net.dispose();
  });

  it('second-order products by float32 differences of first-order ones match the analytic ones to 2e-4', () => {
    const net = tfjsDenseNetwork(layers);
    const dec = tfjsDecoder(net.apply, { latentDimension: 2, outputDimension: 5 });
    const so = dec.secondOrderBatch(Z, U, V, n);
    for (let i = 0; i < n; i++) {
      const z = row(Z, i, 2);
      const v = row(V, i, 2);
      expect(relErr(row(so, i, 2), reference.secondOrder!(z, row(U, i, 5), v))).toBeLessThan(2e-4);
      expect(relErr(dec.secondDirectional!(z, v), reference.secondDirectional!(z, v))).toBeLessThan(2e-4);
    }
    // A zero direction gives an exact zero, not 0/0.
    expect(Array.from(dec.secondOrder!(row(Z, 0, 2), row(U, 0, 5), new Float64Array(2)))).toEqual([0, 0]);
    net.dispose();
  });

  it('leaves no tensor behind', () => {
    const net = tfjsDenseNetwork(layers);
    const dec = tfjsDecoder(net.apply, { latentDimension: 2, outputDimension: 5 });
    dec.jacobianBatch(Z, n); // warm-up (tfjs may cache kernels)
    const before = tf.memory().numTensors;
    for (let r = 0; r < 5; r++) {
      dec.decodeBatch(Z, n);
      dec.jacobianBatch(Z, n);
      dec.vjpBatch(Z, U, n);
      dec.jvpBatch(Z, V, n);
      dec.secondOrderBatch(Z, U, V, n);
      dec.secondDirectional!(row(Z, 0, 2), row(V, 0, 2));
    }
    expect(tf.memory().numTensors).toBe(before);
    net.dispose();
    expect(tf.memory().numTensors).toBe(before - 3 * layers.length); // weights both ways, biases
  });

  it('rejects bad input with typed errors', () => {
    const net = tfjsDenseNetwork(layers);
    const dec = tfjsDecoder(net.apply, { latentDimension: 2, outputDimension: 5 });
    const before = tf.memory().numTensors;
    expect(() => dec.decodeBatch(new Float64Array(5), 3)).toThrow(DimensionMismatchError);
    expect(() => dec.decode(Float64Array.of(0, Number.NaN))).toThrow(NonFiniteError);
    expect(() => dec.vjpBatch(Z, new Float64Array(3), n)).toThrow(DimensionMismatchError);
    expect(() =>
      dec.jvpBatch(
        Z,
        Z.map(() => Number.POSITIVE_INFINITY),
        n,
      ),
    ).toThrow(NonFiniteError);
    expect(() => tfjsDecoder(net.apply)).toThrow(InvalidArgumentError);
    expect(() =>
      tfjsDecoder(net.apply, { latentDimension: 2, outputDimension: 5, differenceStep: 0 }),
    ).toThrow(InvalidArgumentError);
    // User-supplied products of the wrong shape are named, not reshaped.
    const wrong = tfjsDecoder(net.apply, {
      ...net.decoderOptions,
      vjp: (z) => tf.zeros([z.shape[0], 3]),
      secondOrder: (z) => tf.zeros([z.shape[0] + 1, 2]),
      secondDirectional: (z) => tf.zeros([z.shape[0], 4]),
      energyGradients: (z, v) => [tf.zeros(z.shape), v.clone(), tf.zeros([z.shape[0], 4])],
    });
    expect(() => wrong.vjpBatch(Z, U, n)).toThrow(/vjp/);
    expect(() => wrong.secondOrderBatch(Z, U, V, n)).toThrow(/secondOrder/);
    expect(() => wrong.secondDirectional!(row(Z, 0, 2), row(V, 0, 2))).toThrow(/secondDirectional/);
    expect(() => wrong.weightedEnergyDensity!(Z, V, n, new Float64Array(5).fill(1))).toThrow(
      InvalidArgumentError,
    );
    expect(tf.memory().numTensors).toBe(before);
    net.dispose();
  });
});

describe('tfjsDecoder with forward mode (tangent propagation of a dense network)', () => {
  it('J v in one pass, exact second-order products and the fused energy density (float32 accuracy)', () => {
    const net = tfjsDenseNetwork(layers);
    let tangentRuns = 0;
    const jvp = (z: tf.Tensor2D, v: tf.Tensor2D) => {
      tangentRuns++;
      return net.jvp(z, v);
    };
    const dec = tfjsDecoder(net.apply, { latentDimension: 2, outputDimension: 5, jvp });
    const J = dec.jacobianBatch(Z, n);
    const jv = dec.jvpBatch(Z, V, n);
    const so = dec.secondOrderBatch(Z, U, V, n);
    // The fused Gaussian energy density: q = ‖Jv‖²_w, Gv = Jᵀ(w ⊙ Jv), ∇_z q = 2∇_z(uᵀJv) at u = w ⊙ Jv,
    // all from one run of the tangent program (J v taken from inside the autodiff tape).
    const w = Float64Array.from({ length: 5 }, (_, a) => 1 + a);
    tangentRuns = 0;
    const e = dec.weightedEnergyDensity!(Z, V, n, w);
    expect(tangentRuns).toBe(1);
    for (let i = 0; i < n; i++) {
      const z = row(Z, i, 2);
      const v = row(V, i, 2);
      const Jr = reference.jacobian(z);
      const a = Float64Array.from({ length: 5 }, (_, k) => Jr[2 * k]! * v[0]! + Jr[2 * k + 1]! * v[1]!);
      const u = a.map((x, k) => x * w[k]!);
      expect(relErr([e.quad[i]!], [a.reduce((s, x, k) => s + x * u[k]!, 0)])).toBeLessThan(2e-6);
      expect(relErr(row(e.metricTimesVelocity, i, 2), reference.vjp!(z, u))).toBeLessThan(2e-6);
      const pg = reference.secondOrder!(z, u, v).map((x) => 2 * x);
      expect(relErr(row(e.positionGradient, i, 2), pg)).toBeLessThan(2e-6);
      expect(relErr(row(J, i, 10), Jr)).toBeLessThan(1e-6);
      const jvr = Float64Array.from({ length: 5 }, (_, a) => Jr[2 * a]! * v[0]! + Jr[2 * a + 1]! * v[1]!);
      expect(relErr(row(jv, i, 5), jvr)).toBeLessThan(1e-6);
      expect(relErr(row(so, i, 2), reference.secondOrder!(z, row(U, i, 5), v))).toBeLessThan(2e-6);
      expect(relErr(dec.secondDirectional!(z, v), reference.secondDirectional!(z, v))).toBeLessThan(2e-6);
    }
    const before = tf.memory().numTensors;
    for (let r = 0; r < 5; r++) {
      dec.jacobianBatch(Z, n);
      dec.secondOrderBatch(Z, U, V, n);
      dec.secondDirectional!(row(Z, 1, 2), row(V, 1, 2));
      dec.weightedEnergyDensity!(Z, V, n, w);
    }
    expect(tf.memory().numTensors).toBe(before);
    net.dispose();
  });

  it('the hand-written passes (energy gradients, Jᵀu, ∇_z uᵀJv, H[v,v]) match the float64 MLP for every activation, hidden and output', () => {
    const w = Float64Array.from({ length: 5 }, (_, a) => 1 + a);
    const acts = ['identity', 'tanh', 'sigmoid', 'softplus', 'relu', 'elu', 'sin'] as const;
    for (const act of acts)
      for (const at of [0, 2]) {
        const ls = layers.map((l, k) => (k === at ? { ...l, activation: act } : l));
        const ref = mlpDecoder(ls);
        const net = tfjsDenseNetwork(ls);
        // Without `jvp`: the density comes from the hand-written reverse pass alone.
        const dec = tfjsDecoder(net.apply, {
          latentDimension: 2,
          outputDimension: 5,
          energyGradients: net.energyGradients,
        });
        const all = tfjsDecoder(net.apply, net.decoderOptions);
        const before = tf.memory().numTensors;
        const e = dec.weightedEnergyDensity!(Z, V, n, w);
        const g = all.vjpBatch(Z, U, n);
        const so = all.secondOrderBatch(Z, U, V, n);
        expect(tf.memory().numTensors).toBe(before);
        for (let i = 0; i < n; i++) {
          const z = row(Z, i, 2);
          const v = row(V, i, 2);
          const Jr = ref.jacobian(z);
          const jv = Float64Array.from({ length: 5 }, (_, k) => Jr[2 * k]! * v[0]! + Jr[2 * k + 1]! * v[1]!);
          const u = jv.map((x, k) => x * w[k]!);
          const where = `${act} on layer ${at}, point ${i}`;
          expect(relErr([e.quad[i]!], [jv.reduce((s, x, k) => s + x * u[k]!, 0)]), where).toBeLessThan(2e-6);
          expect(relErr(row(e.metricTimesVelocity, i, 2), ref.vjp!(z, u)), where).toBeLessThan(2e-6);
          // ∇_z q cancels more: worst here relu on layer 0, 2.4e-6 (1.5e-6 through autodiff).
          const pg = ref.secondOrder!(z, u, v).map((x) => 2 * x);
          expect(relErr(row(e.positionGradient, i, 2), pg), where).toBeLessThan(5e-6);
          expect(relErr(row(g, i, 2), ref.vjp!(z, row(U, i, 5))), where).toBeLessThan(2e-6);
          expect(relErr(row(so, i, 2), ref.secondOrder!(z, row(U, i, 5), v)), where).toBeLessThan(5e-6);
          expect(relErr(all.secondDirectional!(z, v), ref.secondDirectional!(z, v)), where).toBeLessThan(
            5e-6,
          );
        }
        net.dispose();
      }
  });

  it('the geodesic tangents (J columns and H[v,v] in one stacked pass) match the float64 decoder for every activation', () => {
    const acts = ['identity', 'tanh', 'sigmoid', 'softplus', 'relu', 'elu', 'sin'] as const;
    for (const act of acts)
      for (const at of [0, 2]) {
        const ls = layers.map((l, k) => (k === at ? { ...l, activation: act } : l));
        const ref = float64DenseDecoder(ls);
        const net = tfjsDenseNetwork(ls);
        const dec = tfjsDecoder(net.apply, net.decoderOptions);
        const before = tf.memory().numTensors;
        const got = dec.geodesicTangentsBatch!(Z, V, n);
        expect(tf.memory().numTensors).toBe(before);
        const want = ref.geodesicTangentsBatch(Z, V, n);
        const where = `${act} on layer ${at}`;
        expect(relErr(got.subarray(0, 2 * n * 5), want.subarray(0, 2 * n * 5)), where).toBeLessThan(2e-6);
        expect(relErr(got.subarray(2 * n * 5), want.subarray(2 * n * 5)), where).toBeLessThan(5e-6);
        // And the metric's Christoffel contraction uses it: one tfjs call per block.
        const gamma = batchedPullbackMetric(dec).christoffelContractionBatch!(Z, V, n);
        expect(
          relErr(gamma, batchedPullbackMetric(ref).christoffelContractionBatch!(Z, V, n)),
          where,
        ).toBeLessThan(5e-5);
        net.dispose();
      }
  });

  it('every activation has a tangent rule that matches the float64 MLP', () => {
    for (const act of ['identity', 'softplus', 'relu', 'elu', 'sin'] as const) {
      const ls: DenseLayer[] = [{ ...layers[0]!, activation: act }, layers[1]!, layers[2]!];
      const ref = mlpDecoder(ls);
      const net = tfjsDenseNetwork(ls);
      const dec = tfjsDecoder(net.apply, { latentDimension: 2, outputDimension: 5, jvp: net.jvp });
      const J = dec.jacobianBatch(Z, n);
      for (let i = 0; i < n; i++)
        expect(relErr(row(J, i, 10), ref.jacobian(row(Z, i, 2)))).toBeLessThan(1e-6);
      net.dispose();
    }
  });
});

describe('tfjs LayersModel ↔ float64 MLP', () => {
  it('a Sequential of Dense layers gives the same decoder on both paths', () => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [2], units: 8, activation: 'tanh' }),
        tf.layers.dense({ units: 8, activation: 'tanh' }),
        tf.layers.dense({ units: 5, activation: 'sigmoid' }),
      ],
    });
    const f32 = tfjsDecoder(model);
    expect([f32.latentDimension, f32.outputDimension]).toEqual([2, 5]);
    const f64 = float64DecoderFromTfjs(model);
    const J = f32.jacobianBatch(Z, n);
    for (let i = 0; i < n; i++) {
      const z = row(Z, i, 2);
      expect(relErr(f32.decode(z), f64.decode(z))).toBeLessThan(1e-6);
      expect(relErr(row(J, i, 10), f64.jacobian(z))).toBeLessThan(1e-6);
    }
    // The float64 path is the batched dense decoder: its batch products agree with the per-code ones.
    expect(relErr(f64.jacobianBatch(Z, n).subarray(0, 10), f64.jacobian(row(Z, 0, 2)))).toBeLessThan(1e-14);
    // Round trip: layers → tfjs function network → same outputs as the LayersModel.
    const net = tfjsDenseNetwork(denseLayersFromTfjs(model));
    const g = tfjsDecoder(net.apply, { latentDimension: 2, outputDimension: 5 });
    expect(relErr(g.decodeBatch(Z, n), f32.decodeBatch(Z, n))).toBeLessThan(1e-6);
    net.dispose();
    model.dispose();
  });

  it('a Sequential of Dense layers gets the hand-written passes on its live weights; other models autodiff', () => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [2], units: 8, activation: 'tanh' }),
        tf.layers.dense({ units: 8, activation: 'elu' }),
        tf.layers.dense({ units: 5, activation: 'sigmoid' }),
      ],
    });
    const fast = tfjsDecoder(model);
    const slow = tfjsDecoder(model, { denseLayers: false });
    expect(fast.weightedEnergyDensity).toBeDefined();
    expect(slow.weightedEnergyDensity).toBeUndefined();
    expect(slow.geodesicTangentsBatch).toBeUndefined();
    const w = Float64Array.from({ length: 5 }, (_, a) => 1 + a);
    const check = () => {
      const ref = float64DecoderFromTfjs(model); // the current weights, float64
      const e = fast.weightedEnergyDensity!(Z, V, n, w);
      const r = ref.weightedEnergyDensity(Z, V, n, w);
      expect(relErr(e.quad, r.quad)).toBeLessThan(2e-6);
      expect(relErr(e.metricTimesVelocity, r.metricTimesVelocity)).toBeLessThan(2e-6);
      expect(relErr(e.positionGradient, r.positionGradient)).toBeLessThan(5e-6);
      expect(relErr(fast.vjpBatch(Z, U, n), ref.vjpBatch(Z, U, n))).toBeLessThan(2e-6);
      expect(relErr(fast.secondOrderBatch(Z, U, V, n), ref.secondOrderBatch(Z, U, V, n))).toBeLessThan(5e-6);
      expect(relErr(fast.jacobianBatch(Z, n), ref.jacobianBatch(Z, n))).toBeLessThan(1e-6);
      const z = row(Z, 2, 2);
      const v = row(V, 2, 2);
      expect(relErr(fast.secondDirectional!(z, v), ref.secondDirectional!(z, v))).toBeLessThan(5e-6);
      const gt = fast.geodesicTangentsBatch!(Z, V, n);
      const rt = ref.geodesicTangentsBatch(Z, V, n);
      expect(relErr(gt.subarray(0, 2 * n * 5), rt.subarray(0, 2 * n * 5))).toBeLessThan(2e-6);
      expect(relErr(gt.subarray(2 * n * 5), rt.subarray(2 * n * 5))).toBeLessThan(5e-6);
    };
    check();
    const before = tf.memory().numTensors;
    check();
    expect(tf.memory().numTensors).toBe(before);
    // Live weights: retraining (here, new weights) shows up without rebuilding the decoder.
    const fresh = model.getWeights().map((t) => tf.mul(t, 0.7));
    model.setWeights(fresh);
    tf.dispose(fresh);
    check();
    // Anything but Dense layers with bias falls back to autodiff.
    const other = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [2], units: 4, activation: 'tanh', useBias: false }),
        tf.layers.dense({ units: 3 }),
      ],
    });
    expect(tfjsDecoder(other).weightedEnergyDensity).toBeUndefined();
    other.dispose();
    model.dispose();
  });

  it('refuses layers it cannot convert', () => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [2], units: 4, activation: 'tanh' }),
        tf.layers.dropout({ rate: 0.1 }),
        tf.layers.dense({ units: 3 }),
      ],
    });
    expect(() => denseLayersFromTfjs(model)).toThrow(InvalidArgumentError);
    model.dispose();
    const before = tf.memory().numTensors;
    expect(() => tfjsDenseNetwork([layers[0]!, layers[0]!])).toThrow(InvalidArgumentError);
    expect(tf.memory().numTensors).toBe(before);
  });
});
