import { createRng, InvalidArgumentError, NonFiniteError } from '@infogeom/linalg';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createIvon } from './ivon.js';
import { createGaussianNoise } from './ivon-noise.js';

// A tiny 3-4-2 tanh MLP with softmax cross-entropy, batch 5.
const D = 3;
const H = 4;
const K = 2;
const B = 5;
const X = Float64Array.from({ length: B * D }, (_, i) => Math.sin(1.3 * i + 0.2));
const LABELS = [0, 1, 1, 0, 1];
const INIT = [
  Float64Array.from({ length: D * H }, (_, i) => 0.6 * Math.cos(0.7 * i + 0.1)),
  Float64Array.from({ length: H }, (_, i) => 0.1 * i - 0.15),
  Float64Array.from({ length: H * K }, (_, i) => 0.5 * Math.sin(1.1 * i + 0.3)),
  Float64Array.from({ length: K }, (_, i) => 0.05 * (i + 1)),
];
const SHAPES = [[D, H], [H], [H, K], [K]];

/** Plain float64 loss gradient of the MLP (kernels [in, out], row-major). */
function lossGrad(p: Float64Array[]): { loss: number; grads: Float64Array[] } {
  const [w1, b1, w2, b2] = p as [Float64Array, Float64Array, Float64Array, Float64Array];
  const grads = [new Float64Array(D * H), new Float64Array(H), new Float64Array(H * K), new Float64Array(K)];
  const [g1, gb1, g2, gb2] = grads as [Float64Array, Float64Array, Float64Array, Float64Array];
  let loss = 0;
  for (let n = 0; n < B; n++) {
    const a = new Float64Array(H);
    for (let j = 0; j < H; j++) {
      let s = b1[j] as number;
      for (let i = 0; i < D; i++) s += (X[n * D + i] as number) * (w1[i * H + j] as number);
      a[j] = Math.tanh(s);
    }
    const z = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      let s = b2[k] as number;
      for (let j = 0; j < H; j++) s += (a[j] as number) * (w2[j * K + k] as number);
      z[k] = s;
    }
    const mx = Math.max(...z);
    const lse = mx + Math.log(z.reduce((acc, v) => acc + Math.exp(v - mx), 0));
    loss -= ((z[LABELS[n] as number] as number) - lse) / B;
    const dz = z.map((v, k) => (Math.exp(v - lse) - (k === LABELS[n] ? 1 : 0)) / B);
    for (let k = 0; k < K; k++) {
      gb2[k] = (gb2[k] as number) + (dz[k] as number);
      for (let j = 0; j < H; j++)
        g2[j * K + k] = (g2[j * K + k] as number) + (a[j] as number) * (dz[k] as number);
    }
    for (let j = 0; j < H; j++) {
      let da = 0;
      for (let k = 0; k < K; k++) da += (dz[k] as number) * (w2[j * K + k] as number);
      const dp = da * (1 - (a[j] as number) ** 2);
      gb1[j] = (gb1[j] as number) + dp;
      for (let i = 0; i < D; i++) g1[i * H + j] = (g1[i * H + j] as number) + (X[n * D + i] as number) * dp;
    }
  }
  return { loss, grads };
}

interface Hyper {
  lr: number;
  ess: number;
  beta1: number;
  beta2: number;
  hessInit: number;
  weightDecay: number;
  mcSamples: number;
  clipRadius: number;
}

/** The IVON update written plainly in float64, drawing the same noise stream (seed → noise words). */
function referenceIvon(hp: Hyper, seed: number, steps: number) {
  const noise = createGaussianNoise(createRng(seed));
  const total = INIT.reduce((a, p) => a + p.length, 0);
  const m = INIT.map((p) => Float64Array.from(p));
  const h = INIT.map((p) => new Float64Array(p.length).fill(hp.hessInit));
  const g = INIT.map((p) => new Float64Array(p.length));
  const lrEff = hp.lr * (hp.hessInit + hp.weightDecay);
  const losses: number[] = [];
  let clipped = 0;
  for (let t = 1; t <= steps; t++) {
    const gHat = INIT.map((p) => new Float64Array(p.length));
    const hHat = INIT.map((p) => new Float64Array(p.length));
    let loss = 0;
    for (let s = 0; s < hp.mcSamples; s++) {
      const z = noise.fill(new Float32Array(total));
      let off = 0;
      const sInv = h.map((hi) => hi.map((v) => Math.sqrt(hp.ess * (v + hp.weightDecay))));
      const zs = m.map((mi) => {
        const zi = Float64Array.from(z.subarray(off, off + mi.length));
        off += mi.length;
        return zi;
      });
      const theta = m.map((mi, i) => mi.map((v, j) => v + (zs[i]?.[j] as number) / (sInv[i]?.[j] as number)));
      const r = lossGrad(theta);
      loss += r.loss / hp.mcSamples;
      r.grads.forEach((gi, i) => {
        gi.forEach((v, j) => {
          (gHat[i] as Float64Array)[j] = ((gHat[i] as Float64Array)[j] as number) + v / hp.mcSamples;
          (hHat[i] as Float64Array)[j] =
            ((hHat[i] as Float64Array)[j] as number) +
            (v * (zs[i]?.[j] as number) * (sInv[i]?.[j] as number)) / hp.mcSamples;
        });
      });
    }
    losses.push(loss);
    for (let i = 0; i < m.length; i++) {
      const [mi, hi, gi] = [m[i], h[i], g[i]] as [Float64Array, Float64Array, Float64Array];
      for (let j = 0; j < mi.length; j++) {
        const gh = gHat[i]?.[j] as number;
        const hh = hHat[i]?.[j] as number;
        const hOld = hi[j] as number;
        gi[j] = hp.beta1 * (gi[j] as number) + (1 - hp.beta1) * gh;
        hi[j] =
          hp.beta2 * hOld +
          (1 - hp.beta2) * hh +
          (0.5 * (1 - hp.beta2) ** 2 * (hOld - hh) ** 2) / (hOld + hp.weightDecay);
        const u =
          ((gi[j] as number) / (1 - hp.beta1 ** t) + hp.weightDecay * (mi[j] as number)) /
          ((hi[j] as number) + hp.weightDecay);
        if (Math.abs(u) > hp.clipRadius) clipped++;
        mi[j] = (mi[j] as number) - lrEff * Math.min(hp.clipRadius, Math.max(-hp.clipRadius, u));
      }
    }
  }
  return { m, h, g, losses, clipped };
}

const apply = (p: readonly tf.Tensor[], x: tf.Tensor): tf.Tensor =>
  tf.add(
    tf.matMul(tf.tanh(tf.add(tf.matMul(x, p[0] as tf.Tensor2D), p[1] as tf.Tensor)), p[2] as tf.Tensor2D),
    p[3] as tf.Tensor,
  );

function functionalNet(): { apply: typeof apply; params: tf.Tensor[] } {
  return { apply, params: INIT.map((p, i) => tf.tensor(Float32Array.from(p), SHAPES[i])) };
}

function layersNet(): tf.Sequential {
  const net = tf.sequential();
  net.add(tf.layers.dense({ inputShape: [D], units: H, activation: 'tanh' }));
  net.add(tf.layers.dense({ units: K }));
  net.setWeights(INIT.map((p, i) => tf.tensor(Float32Array.from(p), SHAPES[i])));
  return net;
}

const HP: Hyper = {
  lr: 0.05,
  ess: 40,
  beta1: 0.9,
  beta2: 0.95,
  hessInit: 0.5,
  weightDecay: 0.01,
  mcSamples: 2,
  clipRadius: 0.3,
};

function maxRelErr(a: Float32Array, b: Float64Array): number {
  let e = 0;
  for (let j = 0; j < b.length; j++)
    e = Math.max(e, Math.abs((a[j] as number) - (b[j] as number)) / (1e-3 + Math.abs(b[j] as number)));
  return e;
}

describe('createIvon', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  const x = () => tf.tensor2d(Float32Array.from(X), [B, D]);
  const y = () => tf.tensor1d(LABELS, 'int32');

  it.each(['functional', 'layers'] as const)(
    'matches a float64 reference of the update (%s network)',
    (kind) => {
      const ref = referenceIvon(HP, 11, 12);
      const net = kind === 'functional' ? functionalNet() : layersNet();
      const opt = createIvon(net, { ...HP, rng: createRng(11) });
      const [xb, yb] = [x(), y()];
      const losses: number[] = [];
      for (let t = 0; t < 12; t++) losses.push(opt.step(xb, yb).loss);
      const s = opt.getState();
      for (let i = 0; i < 4; i++) {
        expect(maxRelErr(s.mean[i] as Float32Array, ref.m[i] as Float64Array)).toBeLessThan(2e-4);
        expect(maxRelErr(s.hessian[i] as Float32Array, ref.h[i] as Float64Array)).toBeLessThan(2e-4);
        expect(maxRelErr(s.momentum[i] as Float32Array, ref.g[i] as Float64Array)).toBeLessThan(2e-4);
      }
      for (const [t, l] of losses.entries()) expect(l).toBeCloseTo(ref.losses[t] as number, 4);
      // the clip was active and the Hessian moved: the comparison exercises every term
      expect(ref.h[0]?.some((v) => Math.abs(v - HP.hessInit) > 0.05)).toBe(true);
      expect(ref.clipped).toBeGreaterThan(0);
      if (kind === 'layers') {
        const w = (net as tf.Sequential).getWeights()[0] as tf.Tensor;
        expect(maxRelErr(w.dataSync() as Float32Array, ref.m[0] as Float64Array)).toBeLessThan(2e-4);
      }
      tf.dispose([xb, yb]);
      opt.dispose();
    },
  );

  it('predict averages softmax outputs over posterior samples drawn from its own noise stream', () => {
    const net = functionalNet();
    const opt = createIvon(net, { ...HP, rng: createRng(3) });
    const [xb, yb] = [x(), y()];
    for (let t = 0; t < 5; t++) opt.step(xb, yb);
    const st = opt.getState();
    const p = opt.predict(xb, { samples: 4 });
    const noise = createGaussianNoise(createRng(0));
    noise.setState(st.predictNoise);
    const mean = opt.mean();
    const std = opt.posteriorStd();
    const manual = tf.tidy(() => {
      let acc = tf.zeros([B, K]);
      for (let s = 0; s < 4; s++) {
        const z = noise.fill(new Float32Array(INIT.reduce((a, q) => a + q.length, 0)));
        let off = 0;
        const theta = mean.map((mi, i) => {
          const zi = tf.tensor(z.slice(off, off + (INIT[i] as Float64Array).length), SHAPES[i]);
          off += (INIT[i] as Float64Array).length;
          return tf.add(mi, tf.mul(zi, std[i] as tf.Tensor));
        });
        acc = tf.add(acc, tf.softmax(apply(theta, xb)));
      }
      return tf.div(acc, 4);
    });
    const pv = p.dataSync();
    for (const [i, v] of manual.dataSync().entries()) expect(pv[i]).toBeCloseTo(v, 5);
    for (let n = 0; n < B; n++) expect((pv[2 * n] as number) + (pv[2 * n + 1] as number)).toBeCloseTo(1, 6);
    const p0 = opt.predict(xb, { samples: 0 });
    const direct = tf.tidy(() => tf.softmax(apply(mean, xb)));
    for (const [i, v] of direct.dataSync().entries()) expect(p0.dataSync()[i]).toBeCloseTo(v, 6);
    expect(Math.abs((pv[0] as number) - (p0.dataSync()[0] as number))).toBeGreaterThan(1e-4);
    tf.dispose([p, p0, manual, direct, xb, yb, ...mean, ...std]);
    opt.dispose();
  });

  it('saves and restores its state exactly (with attached data)', () => {
    const [xb, yb] = [x(), y()];
    const a = createIvon(layersNet(), { ...HP, rng: createRng(5), data: { x: xb, y: yb, batchSize: 2 } });
    for (let t = 0; t < 4; t++) a.step();
    const saved = a.getState();
    for (let t = 0; t < 5; t++) a.step();
    const after = a.getState();
    const b = createIvon(layersNet(), { ...HP, rng: createRng(99), data: { x: xb, y: yb, batchSize: 2 } });
    b.setState(JSON.parse(JSON.stringify(saved), revive) as typeof saved);
    for (let t = 0; t < 5; t++) b.step();
    const again = b.getState();
    expect(again.iteration).toBe(9);
    expect(again.mean).toEqual(after.mean);
    expect(again.hessian).toEqual(after.hessian);
    expect(again.momentum).toEqual(after.momentum);
    expect(again.loss).toBe(after.loss);
    tf.dispose([xb, yb]);
    a.dispose();
    b.dispose();
  });

  it('stops on a non-finite loss with a typed error naming the step, weights at the last finite mean', () => {
    const net = layersNet();
    const opt = createIvon(net, { ...HP, rng: createRng(1) });
    const [xb, yb] = [x(), y()];
    opt.step(xb, yb);
    opt.step(xb, yb);
    const before = opt.getState();
    const bad = tf.tensor2d(Float32Array.from(X).fill(Number.NaN, 0, 1), [B, D]);
    expect(() => opt.step(bad, yb)).toThrow(NonFiniteError);
    expect(() => opt.step(bad, yb)).toThrow(/step 3 loss/);
    const s = opt.getState();
    expect(s.iteration).toBe(2);
    expect(s.mean).toEqual(before.mean);
    expect(s.hessian).toEqual(before.hessian);
    expect(Float32Array.from(net.getWeights()[0]?.dataSync() ?? [])).toEqual(before.mean[0]);
    // a loss that is finite but has an infinite gradient: sqrt at 0
    const inf = createIvon(functionalNet(), {
      ...HP,
      loss: { fn: (_y, z) => tf.sum(tf.sqrt(tf.abs(tf.sub(z, z)))) as tf.Scalar },
    });
    expect(() => inf.step(xb, yb)).toThrow(/step 1 gradient/);
    tf.dispose([xb, yb, bad]);
    opt.dispose();
    inf.dispose();
  });

  it('does not leak tensors: numTensors equal after step 10 and step 1000', () => {
    const [xb, yb] = [x(), y()];
    const opt = createIvon(layersNet(), { ...HP, rng: createRng(2), data: { x: xb, y: yb, batchSize: 3 } });
    opt.run({ maxIterations: 10, gradientTolerance: 0 });
    const n10 = tf.memory().numTensors;
    const r = opt.run({ maxIterations: 990, gradientTolerance: 0, keepTrace: false });
    expect(opt.iteration).toBe(1000);
    expect(r.converged).toBe(false);
    expect(r.reason).toBe('max-iterations');
    expect(tf.memory().numTensors).toBe(n10);
    opt.predict(xb).dispose();
    expect(tf.memory().numTensors).toBe(n10);
    tf.dispose([xb, yb]);
    opt.dispose();
  });

  it('rejects bad options and a missing minibatch with typed errors', () => {
    const net = functionalNet();
    expect(() => createIvon(net, { lr: 0, ess: 10 })).toThrow(/options.lr/);
    expect(() => createIvon(net, { lr: 0.1, ess: Number.NaN })).toThrow(InvalidArgumentError);
    expect(() => createIvon(net, { lr: 0.1, ess: 10, beta2: 1 })).toThrow(/options.beta2/);
    expect(() => createIvon(net, { lr: 0.1, ess: 10, mcSamples: 0 })).toThrow(/options.mcSamples/);
    const opt = createIvon(net, { lr: 0.1, ess: 10 });
    expect(() => opt.step()).toThrow(InvalidArgumentError);
    opt.dispose();
  });
});

/** JSON reviver restoring the Float32Array / Int32Array fields of a saved state. */
function revive(key: string, value: unknown): unknown {
  if ((key === 'mean' || key === 'hessian' || key === 'momentum') && Array.isArray(value))
    return value.map((o: Record<string, number>) => Float32Array.from(Object.values(o)));
  if (key === 'permutation') return Int32Array.from(Object.values(value as Record<string, number>));
  return value;
}
