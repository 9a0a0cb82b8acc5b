import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TfjsModel, tfjsClassifier, tfjsRegressor } from './tfjs-model.js';

// Tiny MLP d-h-k with float64 brute force: per-example Jacobians of the outputs, written out by hand.
const D = 4;
const H = 5;
const K = 3;
const N = 6;
const P = D * H + H + H * K + K;

let seed = 12345;
const rand = (): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648 - 0.5;
};
const vec = (n: number, scale = 1): Float64Array =>
  Float64Array.from({ length: n }, () => Math.fround(scale * rand()));

type Act = 'relu' | 'tanh';
const act = (a: Act, s: number): number => (a === 'relu' ? Math.max(s, 0) : Math.tanh(s));
const dact = (a: Act, s: number): number => (a === 'relu' ? (s > 0 ? 1 : 0) : 1 - Math.tanh(s) ** 2);

/** Outputs z (k) and Jacobian J (k×P, row-major) of the MLP at parameters w (layout: W1, b1, W2, b2). */
function reference(a: Act, w: Float64Array, x: Float64Array): { z: Float64Array; J: Float64Array } {
  const oB1 = D * H;
  const oW2 = oB1 + H;
  const oB2 = oW2 + H * K;
  const s = new Float64Array(H);
  const h = new Float64Array(H);
  for (let j = 0; j < H; j++) {
    let t = w[oB1 + j]!;
    for (let i = 0; i < D; i++) t += x[i]! * w[i * H + j]!;
    s[j] = t;
    h[j] = act(a, t);
  }
  const z = new Float64Array(K);
  const J = new Float64Array(K * P);
  for (let c = 0; c < K; c++) {
    let t = w[oB2 + c]!;
    for (let j = 0; j < H; j++) t += h[j]! * w[oW2 + j * K + c]!;
    z[c] = t;
    J[c * P + oB2 + c] = 1;
    for (let j = 0; j < H; j++) {
      J[c * P + oW2 + j * K + c] = h[j]!;
      const g = w[oW2 + j * K + c]! * dact(a, s[j]!);
      J[c * P + oB1 + j] = g;
      for (let i = 0; i < D; i++) J[c * P + i * H + j] = g * x[i]!;
    }
  }
  return { z, J };
}

/** Dense float64 Fisher (1/N) Σ Jᵀ M J with M the exact output Fisher or the empirical r rᵀ. */
function bruteFisher(
  a: Act,
  w: Float64Array,
  xs: Float64Array,
  ys: number[],
  kind: 'exact' | 'empirical',
  gaussianSigma?: number,
): { F: Float64Array; grad: Float64Array } {
  const F = new Float64Array(P * P);
  const grad = new Float64Array(P);
  for (let n = 0; n < N; n++) {
    const { z, J } = reference(a, w, xs.subarray(n * D, (n + 1) * D));
    const M = new Float64Array(K * K);
    const r = new Float64Array(K);
    if (gaussianSigma === undefined) {
      const mx = Math.max(...z);
      const e = z.map((t) => Math.exp(t - mx));
      const sum = e.reduce((u, t) => u + t, 0);
      const p = e.map((t) => t / sum);
      for (let c = 0; c < K; c++) r[c] = p[c]! - (c === ys[n] ? 1 : 0);
      for (let c = 0; c < K; c++)
        for (let d = 0; d < K; d++) M[c * K + d] = (c === d ? p[c]! : 0) - p[c]! * p[d]!;
    } else {
      const s2 = gaussianSigma ** 2;
      for (let c = 0; c < K; c++) r[c] = (z[c]! - ys[n * K + c]!) / s2;
      for (let c = 0; c < K; c++) M[c * K + c] = 1 / s2;
    }
    if (kind === 'empirical')
      for (let c = 0; c < K; c++) for (let d = 0; d < K; d++) M[c * K + d] = r[c]! * r[d]!;
    for (let c = 0; c < K; c++) for (let q = 0; q < P; q++) grad[q]! += (J[c * P + q]! * r[c]!) / N;
    for (let c = 0; c < K; c++)
      for (let d = 0; d < K; d++) {
        const m = M[c * K + d]! / N;
        if (m === 0) continue;
        for (let q = 0; q < P; q++) {
          const jq = J[c * P + q]! * m;
          if (jq === 0) continue;
          for (let r2 = 0; r2 < P; r2++) F[q * P + r2]! += jq * J[d * P + r2]!;
        }
      }
  }
  return { F, grad };
}

const mv = (F: Float64Array, v: ArrayLike<number>): Float64Array => {
  const y = new Float64Array(P);
  for (let i = 0; i < P; i++) for (let j = 0; j < P; j++) y[i]! += F[i * P + j]! * v[j]!;
  return y;
};
const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};
const relErr = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let num = 0;
  for (let i = 0; i < a.length; i++) num += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(num / dot(b, b));
};

function mlp(a: Act): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.dense({ inputShape: [D], units: H, activation: a, kernelInitializer: 'glorotNormal' }));
  m.add(tf.layers.dense({ units: K, biasInitializer: 'randomNormal' }));
  return m;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const xsArr = vec(N * D, 3);
const ys = Array.from({ length: N }, (_, i) => i % K);

describe.each(['relu', 'tanh'] as const)('tfjsClassifier on a %s 4-5-3 MLP', (a) => {
  const setup = (): { model: TfjsModel; w: Float64Array; x: tf.Tensor } => {
    const model = tfjsClassifier(mlp(a));
    const w = vec(P, 2);
    model.setParameters(w);
    return { model, w, x: tf.tensor2d(Float32Array.from(xsArr), [N, D]) };
  };

  it('round-trips the flat parameters', () => {
    const { model, w, x } = setup();
    expect(model.dimension).toBe(P);
    expect(Array.from(model.getParameters())).toEqual(Array.from(w));
    x.dispose();
  });

  it('gradient and exact / empirical FVPs match the dense brute-force Fisher (≤ 1e-4 relative)', () => {
    const { model, w, x } = setup();
    const exact = bruteFisher(a, w, xsArr, ys, 'exact');
    const emp = bruteFisher(a, w, xsArr, ys, 'empirical');
    expect(relErr(model.gradient(x, ys), exact.grad)).toBeLessThan(1e-5);
    let worst = 0;
    for (let t = 0; t < 5; t++) {
      const v = vec(P);
      const e1 = relErr(model.fisherVectorProduct(x, v), mv(exact.F, v));
      const e2 = relErr(model.fisherVectorProduct(x, v, { type: 'empirical', labels: ys }), mv(emp.F, v));
      expect(e1).toBeLessThan(1e-4);
      expect(e2).toBeLessThan(1e-4);
      worst = Math.max(worst, e1, e2);
    }
    console.log(`${a}: worst FVP relative error vs brute force ${worst.toExponential(2)}`);
    x.dispose();
  });

  it('is symmetric and PSD', () => {
    const { model, x } = setup();
    for (let t = 0; t < 5; t++) {
      const u = vec(P);
      const v = vec(P);
      const uFv = dot(u, model.fisherVectorProduct(x, v));
      const vFu = dot(v, model.fisherVectorProduct(x, u));
      expect(Math.abs(uFv - vFu)).toBeLessThan(1e-5 * (Math.abs(uFv) + 1e-3));
      expect(dot(v, model.fisherVectorProduct(x, v))).toBeGreaterThan(-1e-7);
    }
    x.dispose();
  });
});

describe('tfjs adapters', () => {
  it('2·KL(p_w‖p_{w+εd}) / (ε² dᵀFd) → 1 on a tanh MLP', () => {
    const model = tfjsClassifier(mlp('tanh'));
    const x = tf.tensor2d(Float32Array.from(xsArr), [N, D]);
    model.setParameters(vec(P, 2));
    const w = Float64Array.from(model.getParameters());
    const d = vec(P);
    const dFd = dot(d, model.fisherVectorProduct(x, d));
    const ratios = [0.3, 0.1, 0.03, 0.01, 0.003].map((eps) => {
      const w2 = w.map((wi, i) => wi + eps * d[i]!);
      return (2 * model.kl(x, w, w2)) / (eps * eps * dFd);
    });
    console.log('KL ratios (ε = 0.3, 0.1, 0.03, 0.01, 0.003):', ratios.map((r) => r.toFixed(5)).join(', '));
    expect(Math.abs(ratios[3]! - 1)).toBeLessThan(1e-2);
    expect(Math.abs(ratios[3]! - 1)).toBeLessThan(Math.abs(ratios[0]! - 1));
    expect(Array.from(model.getParameters())).toEqual(Array.from(w).map(Math.fround));
    x.dispose();
  });

  it('a functional Gaussian regressor matches brute force and owns its variables', () => {
    const w = vec(P, 2);
    const shapes: [number, number][] = [
      [D, H],
      [1, H],
      [H, K],
      [1, K],
    ];
    let off = 0;
    const params = shapes.map(([r, c]) => {
      const t = tf.tensor2d(Float32Array.from(w.subarray(off, off + r * c)), [r, c]);
      off += r * c;
      return t;
    });
    const before = tf.memory().numTensors;
    const model = tfjsRegressor(
      {
        params,
        apply: (p: readonly tf.Tensor[], x: tf.Tensor) => {
          const [W1, b1, W2, b2] = p;
          return tf.tanh(x.matMul(W1!).add(b1!)).matMul(W2!).add(b2!);
        },
      },
      0.5,
    );
    const targets = vec(N * K);
    const x = tf.tensor2d(Float32Array.from(xsArr), [N, D]);
    const exact = bruteFisher('tanh', w, xsArr, Array.from(targets), 'exact', 0.5);
    const emp = bruteFisher('tanh', w, xsArr, Array.from(targets), 'empirical', 0.5);
    const v = vec(P);
    expect(relErr(model.fisherVectorProduct(x, v), mv(exact.F, v))).toBeLessThan(1e-4);
    expect(
      relErr(model.fisherVectorProduct(x, v, { type: 'empirical', labels: targets }), mv(emp.F, v)),
    ).toBeLessThan(1e-4);
    expect(relErr(model.gradient(x, targets), exact.grad)).toBeLessThan(1e-5);
    const w2 = w.map((t, i) => t + 0.01 * v[i]!);
    expect((2 * model.kl(x, w, w2)) / (1e-4 * dot(v, mv(exact.F, v)))).toBeCloseTo(1, 1);
    x.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    for (const p of params) p.dispose();
  });

  it('fisherOperator is a float64 implicit Fisher (toDense, CG solve, trace) and nothing leaks', () => {
    const model = tfjsClassifier(mlp('relu'));
    const x = tf.tensor2d(Float32Array.from(xsArr), [N, D]);
    const w = Float64Array.from(model.getParameters());
    const { F } = bruteFisher('relu', w, xsArr, ys, 'exact');
    const before = tf.memory().numTensors;
    const op = model.fisherOperator(x, { traceSamples: 20 });
    expect(relErr(op.toDense().data, F)).toBeLessThan(1e-4);
    const b = vec(P);
    const sol = op.solve(b, 0.1);
    const back = mv(F, sol).map((t, i) => t + 0.1 * sol[i]!);
    expect(relErr(back, b)).toBeLessThan(1e-4);
    expect(Number.isFinite(op.trace())).toBe(true);
    model.gradient(x, ys);
    model.fisherVectorProduct(x, b, { type: 'empirical', labels: ys });
    model.kl(x, w, w);
    model.setParameters(model.getParameters());
    expect(tf.memory().numTensors).toBe(before);
    expect(() => model.fisherVectorProduct(x, new Float64Array(3))).toThrow(/length/);
    expect(() => model.fisherVectorProduct(x, b, { type: 'empirical' })).toThrow(/labels/);
    x.dispose();
  });

  it.each(['linear', 'sigmoid', 'softplus', 'selu', 'gelu', 'swish'] as const)(
    'the double-VJP Jacobian is consistent for %s (uᵀFv = vᵀFu fails when J v is wrong)',
    (a) => {
      const m = tf.sequential();
      m.add(tf.layers.dense({ inputShape: [D], units: H, activation: a }));
      m.add(tf.layers.dense({ units: K }));
      const model = tfjsClassifier(m);
      model.setParameters(vec(P, 2));
      const x = tf.tensor2d(Float32Array.from(xsArr), [N, D]);
      const u = vec(P);
      const v = vec(P);
      const uFv = dot(u, model.fisherVectorProduct(x, v));
      const vFu = dot(v, model.fisherVectorProduct(x, u));
      expect(Math.abs(uFv - vFu)).toBeLessThan(1e-5 * (Math.abs(uFv) + 1e-3));
      x.dispose();
      m.dispose();
    },
  );

  it('elu has no second-order gradient in tfjs: a clear error, and the engine keeps working', () => {
    const m = tf.sequential();
    m.add(tf.layers.dense({ inputShape: [D], units: H, activation: 'elu' }));
    m.add(tf.layers.dense({ units: K }));
    const model = tfjsClassifier(m);
    const x = tf.tensor2d(Float32Array.from(xsArr), [N, D]);
    expect(() => model.fisherVectorProduct(x, vec(P))).toThrow(/EluGrad/);
    // tfjs does not dispose the tape's saved tensors when backprop throws (upstream); later calls are clean.
    const relu = tfjsClassifier(mlp('relu'));
    const before = tf.memory().numTensors;
    expect(model.gradient(x, ys).length).toBe(P);
    expect(relu.fisherVectorProduct(x, vec(P)).length).toBe(P);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    m.dispose();
  });
});
