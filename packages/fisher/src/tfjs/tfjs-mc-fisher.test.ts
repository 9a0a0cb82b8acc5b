import { createRng } from '@infogeom/linalg';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { tfjsClassifier, tfjsRegressor } from './tfjs-model.js';

const net = (k: number) =>
  tf.sequential({
    layers: [
      tf.layers.dense({
        inputShape: [3],
        units: 4,
        activation: 'tanh',
        kernelInitializer: tf.initializers.glorotNormal({ seed: 1 }),
      }),
      tf.layers.dense({ units: k, kernelInitializer: tf.initializers.glorotNormal({ seed: 2 }) }),
    ],
  });

const rel = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i]! - b[i]!) ** 2;
    den += b[i]! ** 2;
  }
  return Math.sqrt(num / den);
};

describe('Monte Carlo Fisher-vector products of tfjs models', () => {
  const x = tf.randomNormal([5, 3], 0, 1, 'float32', 4);

  for (const [name, make] of [
    ['softmax', () => tfjsClassifier(net(3))],
    ['Gaussian σ = 0.7', () => tfjsRegressor(net(2), 0.7)],
  ] as const) {
    it(`agrees with the exact product within its standard errors (${name})`, () => {
      const model = make();
      const rng = createRng(8);
      const v = Float64Array.from({ length: model.dimension }, () => rng.normal());
      const exact = model.fisherVectorProduct(x, v);
      const before = tf.memory().numTensors;
      const mc = model.mcFisherVectorProduct(x, v, { samples: 100, rng: createRng(1) });
      expect(tf.memory().numTensors).toBe(before);
      expect(mc.samples).toBe(100);
      let inside = 0;
      for (let i = 0; i < v.length; i++) {
        expect(mc.standardError[i]!).toBeGreaterThan(0);
        if (Math.abs(mc.value[i]! - exact[i]!) <= 3 * mc.standardError[i]!) inside++;
      }
      expect(inside / v.length).toBeGreaterThan(0.9);
      // the one-pass estimator with many draws converges to the exact product; few draws do not
      const many = model.fisherVectorProduct(x, v, { type: 'mc', samples: 3000, rng: createRng(2) });
      const few = model.fisherVectorProduct(x, v, { type: 'mc', samples: 2, rng: createRng(2) });
      expect(rel(many, exact)).toBeLessThan(0.08);
      expect(rel(few, exact)).toBeGreaterThan(rel(many, exact));
      // seeded: same generator state, same draws
      expect(model.fisherVectorProduct(x, v, { type: 'mc', samples: 5, rng: createRng(3) })).toEqual(
        model.fisherVectorProduct(x, v, { type: 'mc', samples: 5, rng: createRng(3) }),
      );
      expect(() => model.mcFisherVectorProduct(x, v, { samples: 1 })).toThrow(/samples/);
      model.dispose();
    });
  }
});
