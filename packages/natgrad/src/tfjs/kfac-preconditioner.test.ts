import { tfjsKfacFisher, tfjsToKfacOrder, UnsupportedLayerError } from '@infogeom/fisher/tfjs';
import {
  cholesky,
  choleskySolve,
  createRng,
  DenseMatrix,
  InvalidArgumentError,
  lstsq,
  NonFiniteError,
  SingularMatrixError,
} from '@infogeom/linalg';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { KfacPreconditioner } from './kfac-preconditioner.js';
import { KfacTrainer } from './kfac-trainer.js';

const mlp = (sizes: number[], act: 'tanh' | 'relu' | 'linear' = 'tanh', seed = 1): tf.Sequential =>
  tf.sequential({
    layers: sizes.slice(1).map((u, i) =>
      tf.layers.dense({
        units: u,
        activation: i === sizes.length - 2 ? 'linear' : act,
        kernelInitializer: tf.initializers.glorotNormal({ seed: seed + i }),
        biasInitializer: tf.initializers.randomNormal({ seed: seed + 10 + i, stddev: 0.1 }),
        ...(i === 0 ? { inputShape: [sizes[0]!] } : {}),
      }),
    ),
  });

const weights = (m: tf.LayersModel): Float32Array[] =>
  m.getWeights().map((w) => w.dataSync() as Float32Array);

/** Solves (M) x = b densely in float64 (M SPD). */
function denseSolve(M: DenseMatrix, b: Float64Array): Float64Array {
  return choleskySolve(cholesky(M), b);
}

function kronPlus(A: DenseMatrix, G: DenseMatrix, lambda: number): DenseMatrix {
  const p = A.rows;
  const q = G.rows;
  return DenseMatrix.fromFunction(p * q, p * q, (r, c) => {
    const i = Math.floor(r / q);
    const o = r % q;
    const j = Math.floor(c / q);
    const o2 = c % q;
    return A.data[i * p + j]! * G.data[o * q + o2]! + (r === c ? lambda : 0);
  });
}

const relErr = (x: ArrayLike<number>, y: ArrayLike<number>): number => {
  let num = 0;
  let den = 0;
  for (let i = 0; i < x.length; i++) {
    num += (x[i]! - y[i]!) ** 2;
    den += y[i]! ** 2;
  }
  return Math.sqrt(num / den);
};

describe('KfacPreconditioner', () => {
  const x = tf.randomNormal([16, 3], 0, 1, 'float32', 7);
  const labels = Array.from({ length: 16 }, (_v, i) => i % 2);

  it('applies the damped inverse (A⊗G + λI)⁻¹ and the π-adjusted factored inverse exactly', () => {
    for (const mode of ['exact', 'factored'] as const) {
      const model = mlp([3, 4, 2]);
      const lambda = 0.05;
      const pc = new KfacPreconditioner(model, { damping: lambda, dampingMode: mode, fisherType: 'exact' });
      pc.step(x, labels, tf.train.sgd(1e-9));
      const st = pc.getState();
      const rng = createRng(3);
      pc.layers.forEach((l, li) => {
        const p = l.inputDim + 1;
        const q = l.outputDim;
        const A = new DenseMatrix(p, p, Float64Array.from(st.layers[li]!.A));
        const G = new DenseMatrix(q, q, Float64Array.from(st.layers[li]!.G));
        const v = Float64Array.from({ length: p * q }, () => rng.normal());
        let ref: Float64Array;
        if (mode === 'exact') ref = denseSolve(kronPlus(A, G, lambda), v);
        else {
          const pi = Math.sqrt(
            A.diag().reduce((s, a) => s + a, 0) / p / (G.diag().reduce((s, a) => s + a, 0) / q),
          );
          const Ad = DenseMatrix.fromFunction(
            p,
            p,
            (i, j) => A.data[i * p + j]! + (i === j ? pi * Math.sqrt(lambda) : 0),
          );
          const Gd = DenseMatrix.fromFunction(
            q,
            q,
            (i, j) => G.data[i * q + j]! + (i === j ? Math.sqrt(lambda) / pi : 0),
          );
          ref = denseSolve(kronPlus(Ad, Gd, 0), v);
        }
        const grads = pc.layers.map((m) =>
          m === l ? tf.tensor2d(Float32Array.from(v), [p, q]) : tf.zeros([m.inputDim + 1, m.outputDim]),
        ) as tf.Tensor2D[];
        const out = pc.precondition(grads);
        expect(relErr(out[li]!.dataSync(), ref)).toBeLessThan(1e-4);
        tf.dispose([...grads, ...out]);
      });
      pc.dispose();
      model.dispose();
    }
  });

  it('EK-FAC preconditioning equals the float64 EK-FAC operator of @infogeom/fisher (same batch)', () => {
    const model = mlp([3, 4, 2]);
    const lambda = 0.02;
    const pc = new KfacPreconditioner(model, {
      variant: 'ekfac',
      damping: lambda,
      fisherType: 'exact',
      factorDecay: 0,
    });
    pc.step(x, labels, tf.train.sgd(1e-9));
    const { operator, layers } = tfjsKfacFisher(model, x, { fisherType: 'exact', representation: 'ekfac' });
    const rng = createRng(4);
    const vs = pc.layers.map((l) =>
      Float64Array.from({ length: (l.inputDim + 1) * l.outputDim }, () => rng.normal()),
    );
    const grads = pc.layers.map((l, i) =>
      tf.tensor2d(Float32Array.from(vs[i]!), [l.inputDim + 1, l.outputDim]),
    );
    const out = pc.precondition(grads);
    const flat = new Float64Array(vs.reduce((s, v) => s + v.length, 0));
    let off = 0;
    for (const v of vs) {
      flat.set(v, off);
      off += v.length;
    }
    const ref = operator.solve(tfjsToKfacOrder(layers, flat), lambda);
    const got = tfjsToKfacOrder(layers, Float64Array.from(out.flatMap((t) => Array.from(t.dataSync()))));
    expect(relErr(got, ref)).toBeLessThan(1e-3);
    tf.dispose([...grads, ...out]);
    pc.dispose();
    model.dispose();
  });

  it('takes the exact Newton step of a linear-Gaussian layer (K-FAC is exact there)', () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2 })] });
    const rng = createRng(9);
    const X = Float32Array.from({ length: 40 * 3 }, () => rng.normal());
    const Y = Float32Array.from({ length: 40 * 2 }, () => rng.normal());
    const xt = tf.tensor2d(X, [40, 3]);
    const yt = tf.tensor2d(Y, [40, 2]);
    const trainer = new KfacTrainer(model, {
      likelihood: { type: 'gaussian' },
      fisherType: 'exact',
      dampingMode: 'exact',
      damping: 1e-9,
      klClip: 0,
      learningRate: 1,
      momentum: 0,
    });
    trainer.step(xt, yt);
    const Xb = DenseMatrix.fromFunction(40, 4, (i, j) => (j < 3 ? X[i * 3 + j]! : 1));
    for (let o = 0; o < 2; o++) {
      const { x: w } = lstsq(
        Xb,
        Float64Array.from({ length: 40 }, (_v, i) => Y[i * 2 + o]!),
      );
      const [k, b] = weights(model);
      for (let i = 0; i < 3; i++) expect(k![i * 2 + o]!).toBeCloseTo(w[i]!, 4);
      expect(b![o]!).toBeCloseTo(w[3]!, 4);
    }
    trainer.dispose();
    tf.dispose([xt, yt]);
    model.dispose();
  });

  it('leaks no tensors: the count after step 10 equals the count after step 1000', () => {
    const configs = [
      { run: 'trainer', opts: { variant: 'ekfac' as const, adaptiveDamping: true, inverseUpdatePeriod: 7 } },
      { run: 'adam', opts: { factorUpdatePeriod: 3, inverseUpdatePeriod: 20 } },
    ];
    for (const { run, opts } of configs) {
      const model = mlp([2, 3, 2]);
      const xs = tf.randomNormal([4, 2], 0, 1, 'float32', 3);
      const ys = [0, 1, 1, 0];
      const trainer = run === 'trainer' ? new KfacTrainer(model, { ...opts, learningRate: 0.01 }) : null;
      const pc = trainer === null ? new KfacPreconditioner(model, opts) : null;
      const adam = tf.train.adam(1e-3);
      const step = () => (trainer !== null ? trainer.step(xs, ys) : pc!.step(xs, ys, adam));
      for (let i = 0; i < 10; i++) step();
      const n10 = tf.memory().numTensors;
      for (let i = 10; i < 1000; i++) step();
      expect(tf.memory().numTensors).toBe(n10);
      trainer?.dispose();
      pc?.dispose();
      adam.dispose();
      xs.dispose();
      model.dispose();
    }
  });

  it('stops on a non-finite loss with an error naming the step, weights at their last finite value', () => {
    const model = mlp([3, 4, 2]);
    const trainer = new KfacTrainer(model);
    for (let i = 0; i < 3; i++) trainer.step(x, labels);
    const w3 = weights(model);
    const bad = tf.tidy(() => x.mul(tf.tensor1d([1, Number.NaN, 1])));
    expect(() => trainer.step(bad, labels)).toThrow(NonFiniteError);
    expect(() => trainer.step(bad, labels)).toThrow(/step 3/);
    expect(weights(model)).toEqual(w3);
    bad.dispose();
    trainer.dispose();
    model.dispose();
  });

  it('rejects damping that makes a factor singular, and bad options', () => {
    const model = mlp([3, 4, 2]);
    const x0 = tf.tidy(() => x.mul(tf.tensor1d([1, 0, 1]))); // one input coordinate always 0: A singular
    const pc = new KfacPreconditioner(model, { damping: 0 });
    expect(() => pc.step(x0, labels, tf.train.sgd(0.1))).toThrow(SingularMatrixError);
    const pc2 = new KfacPreconditioner(model, { damping: 0, dampingMode: 'exact' });
    expect(() => pc2.step(x0, labels, tf.train.sgd(0.1))).toThrow(/damping/);
    expect(() => new KfacPreconditioner(model, { damping: -1 })).toThrow(InvalidArgumentError);
    expect(() => new KfacTrainer(model, { momentum: 1 })).toThrow(InvalidArgumentError);
    expect(() => new KfacPreconditioner(model, { inverseUpdatePeriod: 0 })).toThrow(/inverseUpdatePeriod/);
    const conv = tf.sequential({
      layers: [
        tf.layers.conv1d({ inputShape: [5, 1], filters: 1, kernelSize: 2, name: 'c1' }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 2 }),
      ],
    });
    expect(() => new KfacTrainer(conv)).toThrow(UnsupportedLayerError);
    expect(() => new KfacTrainer(conv)).toThrow(/c1/);
    for (const p of [pc, pc2]) p.dispose();
    x0.dispose();
    conv.dispose();
    model.dispose();
  });

  it('saves and restores its state exactly (JSON round trip)', () => {
    for (const variant of ['kfac', 'ekfac'] as const) {
      const model = mlp([3, 5, 2], 'relu');
      const trainer = new KfacTrainer(model, {
        variant,
        inverseUpdatePeriod: 4,
        adaptiveDamping: { interval: 2 },
      });
      for (let i = 0; i < 7; i++) trainer.step(x, labels);
      const state = JSON.parse(JSON.stringify(trainer.getState()));
      const w = model.getWeights().map((t) => t.clone());
      const run = (): Float32Array[] => {
        for (let i = 0; i < 6; i++) trainer.step(x, labels);
        return weights(model);
      };
      const first = run();
      const damping = trainer.damping;
      model.setWeights(w);
      trainer.setState(state);
      expect(run()).toEqual(first);
      expect(trainer.damping).toBe(damping);
      tf.dispose(w);
      trainer.dispose();
      model.dispose();
    }
  });

  it('trains: fit lowers the loss, SGD/Adam preconditioning works, abort stops', () => {
    const model = mlp([3, 8, 2]);
    const y = tf.tidy(() => tf.cast(tf.greater(tf.sum(x, 1), 0), 'int32'));
    const trainer = new KfacTrainer(model, { learningRate: 0.1, inverseUpdatePeriod: 5 });
    const res = trainer.fit(x, y, { epochs: 30, batchSize: 8 });
    expect(res.steps).toBe(60);
    expect(res.epochLosses[29]!).toBeLessThan(0.5 * res.epochLosses[0]!);
    const ac = new AbortController();
    ac.abort();
    expect(() => trainer.fit(x, y, { signal: ac.signal })).toThrow(/abort/);
    const stopped = trainer.fit(x, y, { epochs: 5, batchSize: 4, onProgress: (i) => i.step < 70 });
    expect(stopped.completed).toBe(false);
    const model2 = mlp([3, 8, 2]);
    const pc = new KfacPreconditioner(model2, { learningRate: 0.05 });
    const opt = tf.train.momentum(0.05, 0.9);
    const l0 = pc.step(x, y, opt).loss;
    let l = l0;
    for (let i = 0; i < 40; i++) l = pc.step(x, y, opt).loss;
    expect(l).toBeLessThan(0.5 * l0);
    for (const d of [trainer, pc, opt, y, model, model2]) d.dispose();
  });
});
