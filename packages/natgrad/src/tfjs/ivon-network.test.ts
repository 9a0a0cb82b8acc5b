import { createRng, InvalidArgumentError } from '@infogeom/linalg';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createIvon } from './ivon.js';
import { type IvonLossKind, resolveIvonLoss } from './ivon-network.js';

const Z = [
  [0.3, -1.2, 2.0],
  [-0.5, 0.1, 4.0],
];

describe('resolveIvonLoss', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  const z = () => tf.tensor2d(Z);

  it('softmax cross-entropy: −mean log softmax at the label, same for class indices and one-hot', () => {
    const { fn, link } = resolveIvonLoss('softmax-cross-entropy');
    const labels = [2, 0];
    const expected =
      labels.reduce((acc, c, n) => {
        const row = Z[n] as number[];
        const lse = Math.log(row.reduce((a, v) => a + Math.exp(v), 0));
        return acc - ((row[c] as number) - lse);
      }, 0) / 2;
    expect(fn(tf.tensor1d(labels, 'int32'), z()).dataSync()[0]).toBeCloseTo(expected, 5);
    expect(fn(tf.oneHot(tf.tensor1d(labels, 'int32'), 3).toFloat(), z()).dataSync()[0]).toBeCloseTo(
      expected,
      5,
    );
    const p = link(z()).dataSync();
    expect((p[0] as number) + (p[1] as number) + (p[2] as number)).toBeCloseTo(1, 6);
  });

  it('sigmoid cross-entropy: summed over outputs, mean over the batch, stable for large logits', () => {
    const { fn, link } = resolveIvonLoss('sigmoid-cross-entropy');
    const Y = [
      [1, 0, 1],
      [0, 0.5, 1],
    ];
    let expected = 0;
    Z.forEach((row, n) => {
      row.forEach((v, k) => {
        const y = (Y[n] as number[])[k] as number;
        const s = 1 / (1 + Math.exp(-v));
        expected -= (y * Math.log(s) + (1 - y) * Math.log(1 - s)) / 2;
      });
    });
    expect(fn(tf.tensor2d(Y), z()).dataSync()[0]).toBeCloseTo(expected, 5);
    expect(fn(tf.tensor2d([[0]]), tf.tensor2d([[200]])).dataSync()[0]).toBeCloseTo(200, 3);
    expect(link(tf.tensor2d([[0]])).dataSync()[0]).toBeCloseTo(0.5, 7);
  });

  it('gaussian: ½‖y − f‖²/σ² summed over outputs, mean over the batch', () => {
    const { fn } = resolveIvonLoss('gaussian', 2);
    const Y = [
      [0, 0, 0],
      [1, 1, 1],
    ];
    let expected = 0;
    Z.forEach((row, n) => {
      row.forEach((v, k) => {
        expected += (0.5 * (v - ((Y[n] as number[])[k] as number)) ** 2) / 4 / 2;
      });
    });
    expect(fn(tf.tensor2d(Y), z()).dataSync()[0]).toBeCloseTo(expected, 5);
  });

  it('rejects an unknown loss name', () => {
    expect(() => resolveIvonLoss('hinge' as IvonLossKind)).toThrow(InvalidArgumentError);
  });

  it('trains a sigmoid cross-entropy LayersModel (multi-label) and predicts probabilities', () => {
    const net = tf.sequential();
    net.add(tf.layers.dense({ inputShape: [2], units: 2, kernelInitializer: 'zeros' }));
    const x = tf.tensor2d([
      [1, 0],
      [0, 1],
      [1, 1],
      [0, 0],
    ]);
    const y = tf.tensor2d([
      [1, 0],
      [0, 1],
      [1, 1],
      [0, 0],
    ]);
    const opt = createIvon(net, { lr: 1, ess: 100, loss: 'sigmoid-cross-entropy', rng: createRng(4) });
    const first = opt.step(x, y).loss;
    for (let t = 0; t < 100; t++) opt.step(x, y);
    expect(first).toBeGreaterThan(1); // ≈ 2 log 2 at zero weights, plus weight noise
    expect(opt.step(x, y).loss).toBeLessThan(0.6 * first);
    const p = opt.predict(x, { samples: 5 }).dataSync();
    expect(p[0]).toBeGreaterThan(0.6); // row [1, 0] → label 1 on output 0
    expect(p[1]).toBeLessThan(0.4);
    opt.dispose();
  });
});
