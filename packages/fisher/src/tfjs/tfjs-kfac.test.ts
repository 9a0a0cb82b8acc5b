import { createRng, DenseMatrix } from '@infogeom/linalg';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { kfacFisher } from '../operators/kfac-fisher.js';
import { randomMatrix, relFro } from '../operators/test-utils/brute-force.js';
import { exactKfacFactors, exactLayerFisher, type Mlp, randomMlp } from '../operators/test-utils/mlp.js';
import { captureDense } from './dense-capture.js';
import { denseLayers, UnsupportedLayerError } from './dense-network.js';
import { kfacToTfjsOrder, tfjsKfacFactors, tfjsKfacFisher, tfjsToKfacOrder } from './tfjs-kfac.js';
import { tfjsClassifier, type tfjsModel, tfjsRegressor } from './tfjs-model.js';

/** A tf.Sequential with the (float32-rounded) weights of a float64 reference MLP. */
function sequentialOf(net: Mlp, activation: 'linear' | 'tanh', last: string = 'linear'): tf.Sequential {
  const m = tf.sequential();
  net.weights.forEach((W, l) => {
    const inDim = W.cols - 1;
    m.add(
      tf.layers.dense({
        units: W.rows,
        activation: (l === net.weights.length - 1 ? last : activation) as 'linear',
        ...(l === 0 ? { inputShape: [inDim] } : {}),
      }),
    );
    const kernel = new Float32Array(inDim * W.rows);
    const bias = new Float32Array(W.rows);
    for (let o = 0; o < W.rows; o++) {
      for (let i = 0; i < inDim; i++) kernel[i * W.rows + o] = W.data[o * W.cols + i]!;
      bias[o] = W.data[o * W.cols + inDim]!;
    }
    m.layers[l]!.setWeights([tf.tensor2d(kernel, [inDim, W.rows]), tf.tensor1d(bias)]);
  });
  return m;
}

/** Rounds a reference network's weights (and inputs) to float32 so both sides see the same numbers. */
function fround<T extends { data: Float64Array }>(m: T): T {
  for (let i = 0; i < m.data.length; i++) m.data[i] = Math.fround(m.data[i]!);
  return m;
}

/** The exact Fisher in K-FAC order by double-VJP products with unit vectors (independent of K-FAC). */
function denseFisherKfacOrder(
  model: ReturnType<typeof tfjsModel>,
  x: tf.Tensor,
  layers: Parameters<typeof tfjsToKfacOrder>[0],
) {
  const P = model.dimension;
  const idx = tfjsToKfacOrder(
    layers,
    Array.from({ length: P }, (_v, i) => i),
  );
  const F = new DenseMatrix(P, P);
  for (let j = 0; j < P; j++) {
    const e = new Float64Array(P);
    e[idx[j]!] = 1;
    const col = tfjsToKfacOrder(layers, model.fisherVectorProduct(x, e));
    for (let i = 0; i < P; i++) F.data[i * P + j] = col[i]!;
  }
  return F;
}

function block(F: DenseMatrix, lo: number, hi: number): DenseMatrix {
  return DenseMatrix.fromFunction(hi - lo, hi - lo, (i, j) => F.data[(lo + i) * F.cols + lo + j]!);
}

describe('K-FAC factors of tfjs dense networks', () => {
  it('equals the exact per-layer Fisher of a deep linear network with squared loss (N = 1, 2, 5)', () => {
    const rng = createRng(3);
    for (const n of [1, 2, 5]) {
      const net = randomMlp([3, 4, 3, 2], 'linear', rng);
      for (const W of net.weights) fround(W);
      const X = fround(randomMatrix(n, 3, rng));
      const model = sequentialOf(net, 'linear');
      const x = tf.tensor2d(Float32Array.from(X.data), [n, 3]);
      const { operator, factors } = tfjsKfacFisher(model, x, {
        likelihood: { type: 'gaussian' },
        fisherType: 'exact',
      });
      factors.forEach((f, l) => {
        const exact = exactLayerFisher(net, X, l); // float64 brute force, K-FAC order
        const blk = operator.blocks[l]!;
        expect(relFro(blk.toDense(), exact)).toBeLessThan(1e-4);
        // float64: the same factors from the float64 reference are exact to rounding
        const ref = exactKfacFactors(net, X, l);
        expect(relFro(kfacFisher(ref.A, ref.G).toDense(), exact)).toBeLessThan(1e-10);
        expect(relFro(f.A, ref.A)).toBeLessThan(1e-5);
      });
      x.dispose();
      model.dispose();
    }
  });

  it('equals the exact per-layer Fisher of a softmax tanh network at a single datum', () => {
    const rng = createRng(4);
    const net = randomMlp([3, 5, 4], 'tanh', rng);
    for (const W of net.weights) fround(W);
    const model = sequentialOf(net, 'tanh', 'softmax');
    const x = tf.tensor2d([[0.3, -1.2, 0.8]]);
    const kf = tfjsKfacFisher(model, x, { fisherType: 'exact' });
    const F = denseFisherKfacOrder(tfjsClassifier(model, { output: 'probabilities' }), x, kf.layers);
    const off = kf.operator.offsets;
    kf.operator.blocks.forEach((b, l) => {
      expect(relFro(b.toDense(), block(F, off[l]!, off[l + 1]!))).toBeLessThan(1e-4);
    });
    // EK-FAC with refitted scalings is exact too (one example: the block is rank-deficient K-FAC itself)
    const ek = tfjsKfacFisher(model, x, { fisherType: 'exact', representation: 'ekfac' });
    ek.operator.blocks.forEach((b, l) => {
      expect(relFro(b.toDense(), block(F, off[l]!, off[l + 1]!))).toBeLessThan(1e-4);
    });
    x.dispose();
    model.dispose();
  });

  it('is not exact for several data through tanh, while EK-FAC is closer in its own eigenbasis', () => {
    const rng = createRng(5);
    const net = randomMlp([3, 6, 3], 'tanh', rng);
    for (const W of net.weights) fround(W);
    const model = sequentialOf(net, 'tanh');
    const x = tf.tensor2d(Float32Array.from(randomMatrix(12, 3, rng).data.map((v) => 2 * v)), [12, 3]);
    const opts = { likelihood: { type: 'gaussian' as const }, fisherType: 'exact' as const };
    const kf = tfjsKfacFisher(model, x, opts);
    const ek = tfjsKfacFisher(model, x, { ...opts, representation: 'ekfac' });
    const F = denseFisherKfacOrder(tfjsRegressor(model), x, kf.layers);
    const exact0 = block(F, 0, kf.operator.offsets[1]!);
    const eK = relFro(kf.operator.blocks[0]!.toDense(), exact0);
    const eE = relFro(ek.operator.blocks[0]!.toDense(), exact0);
    expect(eK).toBeGreaterThan(1e-2);
    expect(eE).toBeLessThan(eK);
    x.dispose();
    model.dispose();
  });

  it('gives MC factors within Monte Carlo error of the exact ones (3000 draws), seeded', () => {
    const rng = createRng(6);
    const net = randomMlp([3, 4, 5], 'tanh', rng);
    const model = sequentialOf(net, 'tanh');
    const x = tf.tensor2d(Float32Array.from(randomMatrix(4, 3, rng).data), [4, 3]);
    for (const likelihood of [
      { type: 'categorical' as const },
      { type: 'bernoulli' as const },
      { type: 'gaussian' as const, sigma: 0.5 },
    ]) {
      const exact = tfjsKfacFactors(model, x, { likelihood, fisherType: 'exact' });
      const mc = tfjsKfacFactors(model, x, { likelihood, samples: 3000, rng: createRng(1) });
      const few = tfjsKfacFactors(model, x, { likelihood, samples: 3, rng: createRng(1) });
      for (let l = 0; l < 2; l++) {
        expect(relFro(mc[l]!.A, exact[l]!.A)).toBeLessThan(1e-6);
        expect(relFro(mc[l]!.G, exact[l]!.G)).toBeLessThan(0.06);
        expect(relFro(few[l]!.G, exact[l]!.G)).toBeGreaterThan(relFro(mc[l]!.G, exact[l]!.G));
      }
      const again = tfjsKfacFactors(model, x, { likelihood, samples: 3000, rng: createRng(1) });
      expect(again[1]!.G.data).toEqual(mc[1]!.G.data);
    }
    x.dispose();
    model.dispose();
  });

  it('captures the same loss, gradient and outputs as tfjs autodiff (functional model)', () => {
    const input = tf.input({ shape: [4] });
    const h = tf.layers.dense({ units: 6, activation: 'relu' }).apply(input) as tf.SymbolicTensor;
    const h2 = tf.layers.dense({ units: 5, activation: 'elu', useBias: false }).apply(h) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 3 }).apply(h2) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    const x = tf.randomNormal([7, 4], 0, 1, 'float32', 1);
    const labels = [0, 2, 1, 1, 0, 2, 2];
    const layers = denseLayers(model);
    const before = tf.memory().numTensors;
    let res: { grad: Float64Array; loss: number; z: ArrayLike<number> } | undefined;
    tf.tidy(() => {
      const c = captureDense(layers, x, labels, { rng: createRng(2) });
      const parts = c.gradients!.flatMap((g, i) => {
        const l = layers[i]!;
        return l.bias === null
          ? [g]
          : [g.slice([0, 0], [l.inputDim, l.outputDim]), g.slice([l.inputDim, 0], [1, l.outputDim])];
      });
      res = {
        grad: Float64Array.from(tf.concat(parts.map((p) => p.reshape([-1]))).dataSync()),
        loss: c.loss!.dataSync()[0]!,
        z: c.outputs.dataSync(),
      };
    });
    const { grad, loss, z } = res!;
    expect(tf.memory().numTensors).toBe(before);
    const ref = tfjsClassifier(model);
    const g0 = ref.gradient(x, labels);
    for (let i = 0; i < g0.length; i++) expect(grad[i]!).toBeCloseTo(g0[i]!, 5);
    const zRef = tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync());
    for (let i = 0; i < zRef.length; i++) expect(z[i]!).toBeCloseTo(zRef[i]!, 5);
    const lRef = tf.tidy(
      () => tf.losses.softmaxCrossEntropy(tf.oneHot(labels, 3), model.predict(x) as tf.Tensor).dataSync()[0]!,
    );
    expect(loss).toBeCloseTo(lRef, 5);
    x.dispose();
    model.dispose();
  });

  it('reorders between tfjs and K-FAC parameter order', () => {
    const layers = [
      { name: 'a', inputDim: 2, outputDim: 3, bias: true },
      { name: 'b', inputDim: 3, outputDim: 2, bias: false },
    ];
    const v = Float64Array.from({ length: 15 }, (_x, i) => i);
    const k = tfjsToKfacOrder(layers, v);
    // kernel[i, o] = i·3 + o, bias[o] = 6 + o; K-FAC row o = [kernel[0, o], kernel[1, o], bias[o]]
    expect(Array.from(k.subarray(0, 9))).toEqual([0, 3, 6, 1, 4, 7, 2, 5, 8]);
    expect(Array.from(k.subarray(9))).toEqual([9, 11, 13, 10, 12, 14]);
    expect(kfacToTfjsOrder(layers, k)).toEqual(v);
  });

  it('names the layer it cannot handle and leaves no tensors behind', () => {
    const conv = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [4, 4, 1], filters: 2, kernelSize: 3, name: 'myconv' }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 2 }),
      ],
    });
    expect(() => denseLayers(conv)).toThrow(UnsupportedLayerError);
    expect(() => denseLayers(conv)).toThrow(/myconv/);
    const bn = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [3], units: 4 }),
        tf.layers.batchNormalization({ name: 'bn1' }),
        tf.layers.dense({ units: 2 }),
      ],
    });
    expect(() => denseLayers(bn)).toThrow(/bn1/);
    const relu = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [3], units: 2, activation: 'relu', name: 'out' })],
    });
    const x = tf.ones([2, 3]);
    expect(() => tfjsKfacFactors(relu, x)).toThrow(/out/);
    const before = tf.memory().numTensors;
    const good = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2 })] });
    const n0 = tf.memory().numTensors;
    tfjsKfacFisher(good, x, { representation: 'ekfac' });
    tfjsKfacFactors(good, x, { fisherType: 'empirical', labels: [0, 1] });
    expect(tf.memory().numTensors).toBe(n0);
    expect(n0).toBeGreaterThan(before);
    for (const m of [conv, bn, relu, good]) m.dispose();
    x.dispose();
  });
});
