import { DimensionMismatchError, InvalidArgumentError, type Rng, sampleNormal } from '@infogeom/linalg';
import { type Activation, type ActivationName, activation } from './activations.js';
import type { Decoder, OutputFamily } from './decoder.js';

/** One dense layer a = W h + b, h' = σ(a). */
export interface DenseLayer {
  /** Weights, row-major (outputs × inputs). */
  weights: ArrayLike<number>;
  /** Biases (length outputs). */
  bias: ArrayLike<number>;
  /** Activation σ (default `'tanh'` for hidden layers, `'identity'` for the last). */
  activation?: ActivationName | Activation;
}

/** The last (linear) layer of an MLP split off from the rest. */
export interface LinearHead {
  /** The network without its last layer. */
  readonly body: MlpDecoder;
  /** The last layer's weights, row-major D×h. */
  readonly weights: Float64Array;
}

/** A float64 multilayer perceptron decoder with analytic first and second derivatives. */
export interface MlpDecoder extends Decoder {
  /** Layer widths [d, h₁, …, D]. */
  readonly widths: readonly number[];
  /**
   * The decoder without its last layer and that layer's weights, when the last layer is linear (identity
   * activation): with a constant output Fisher I, G = J_hᵀ (Wᵀ I W) J_h is then computed in the hidden
   * space, D/h times cheaper.
   */
  readonly linearHead?: LinearHead;
}

interface Layer {
  W: Float64Array;
  b: Float64Array;
  nIn: number;
  nOut: number;
  act: Activation;
  linear: boolean;
}

/**
 * A float64 MLP decoder z ↦ θ from dense layers, with analytic Jacobian (forward mode), vector–Jacobian
 * products (reverse mode), ∇_z(uᵀJv) (reverse over forward) and H[v,v] (second-order forward mode) for any
 * activation with a second derivative (tanh included).
 */
export function mlpDecoder(layers: readonly DenseLayer[], output?: OutputFamily): MlpDecoder {
  if (layers.length === 0) throw new InvalidArgumentError('layers.length', 0, 'at least one layer');
  const ls: Layer[] = [];
  let nIn = -1;
  layers.forEach((l, i) => {
    const nOut = l.bias.length;
    const W = Float64Array.from(l.weights);
    if (nOut === 0 || W.length % nOut !== 0)
      throw new DimensionMismatchError(`layers[${i}].weights.length`, W.length, `a multiple of ${nOut}`);
    const ni = W.length / nOut;
    if (nIn >= 0 && ni !== nIn)
      throw new DimensionMismatchError(`layers[${i}] inputs`, ni, `${nIn} (previous layer's outputs)`);
    nIn = nOut;
    const act = activation(l.activation ?? (i === layers.length - 1 ? 'identity' : 'tanh'));
    ls.push({ W, b: Float64Array.from(l.bias), nIn: ni, nOut, act, linear: act.name === 'identity' });
  });
  return build(ls, output);
}

function build(ls: Layer[], output: OutputFamily | undefined): MlpDecoder {
  const d = ls[0]!.nIn;
  const D = ls[ls.length - 1]!.nOut;
  const L = ls.length;
  const widths = [d, ...ls.map((l) => l.nOut)];
  const maxW = Math.max(...widths);
  // Per-layer caches (single-threaded: reused between calls).
  const A = ls.map((l) => new Float64Array(l.nOut));
  const H = [new Float64Array(d), ...ls.map((l) => new Float64Array(l.nOut))];
  const dA = ls.map((l) => new Float64Array(l.nOut));
  const dH = [new Float64Array(d), ...ls.map((l) => new Float64Array(l.nOut))];
  const s1 = ls.map((l) => new Float64Array(l.nOut));
  const s2 = ls.map((l) => new Float64Array(l.nOut));
  const g1 = new Float64Array(maxW);
  const g2 = new Float64Array(maxW);
  const t1 = new Float64Array(maxW);
  const t2 = new Float64Array(maxW);

  const check = (z: Float64Array): void => {
    if (z.length !== d) throw new DimensionMismatchError('z.length', z.length, `${d}`);
  };
  const forward = (z: Float64Array, derivs: boolean): void => {
    check(z);
    H[0]!.set(z);
    for (let k = 0; k < L; k++) {
      const { W, b, nIn, nOut, act, linear } = ls[k]!;
      const h = H[k]!;
      const a = A[k]!;
      const out = H[k + 1]!;
      for (let i = 0; i < nOut; i++) {
        let s = b[i]!;
        const o = i * nIn;
        for (let j = 0; j < nIn; j++) s += W[o + j]! * h[j]!;
        a[i] = s;
        out[i] = linear ? s : act.f(s);
        if (derivs) {
          s1[k]![i] = linear ? 1 : act.df(s);
          s2[k]![i] = linear ? 0 : act.d2f(s);
        }
      }
    }
  };
  /** Tangent pass along v (after forward with derivs). */
  const tangent = (v: Float64Array): void => {
    dH[0]!.set(v);
    for (let k = 0; k < L; k++) {
      const { W, nIn, nOut } = ls[k]!;
      const h = dH[k]!;
      for (let i = 0; i < nOut; i++) {
        let s = 0;
        const o = i * nIn;
        for (let j = 0; j < nIn; j++) s += W[o + j]! * h[j]!;
        dA[k]![i] = s;
        dH[k + 1]![i] = s1[k]![i]! * s;
      }
    }
  };
  const matTVec = (k: number, x: Float64Array, out: Float64Array): void => {
    const { W, nIn, nOut } = ls[k]!;
    out.fill(0, 0, nIn);
    for (let i = 0; i < nOut; i++) {
      const xi = x[i]!;
      if (xi === 0) continue;
      const o = i * nIn;
      for (let j = 0; j < nIn; j++) out[j]! += W[o + j]! * xi;
    }
  };

  const decoder: MlpDecoder = {
    latentDimension: d,
    outputDimension: D,
    widths,
    ...(output !== undefined ? { output } : {}),
    decode(z) {
      forward(z, false);
      return H[L]!.slice();
    },
    jacobian(z) {
      forward(z, true);
      const J = new Float64Array(D * d);
      const e = new Float64Array(d);
      for (let c = 0; c < d; c++) {
        e.fill(0);
        e[c] = 1;
        tangent(e);
        const o = dH[L]!;
        for (let i = 0; i < D; i++) J[i * d + c] = o[i]!;
      }
      return J;
    },
    vjp(z, u) {
      forward(z, true);
      g1.set(u.subarray(0, D));
      for (let k = L - 1; k >= 0; k--) {
        const n = ls[k]!.nOut;
        for (let i = 0; i < n; i++) t1[i] = g1[i]! * s1[k]![i]!;
        matTVec(k, t1, g1);
      }
      return g1.slice(0, d);
    },
    secondOrder(z, u, v) {
      forward(z, true);
      tangent(v);
      // g1: adjoint of ḣ, g2: adjoint of h.
      g1.set(u.subarray(0, D));
      g2.fill(0, 0, D);
      for (let k = L - 1; k >= 0; k--) {
        const n = ls[k]!.nOut;
        for (let i = 0; i < n; i++) {
          t1[i] = s1[k]![i]! * g1[i]!;
          t2[i] = s2[k]![i]! * dA[k]![i]! * g1[i]! + s1[k]![i]! * g2[i]!;
        }
        matTVec(k, t1, g1);
        matTVec(k, t2, g2);
      }
      return g2.slice(0, d);
    },
    secondDirectional(z, v) {
      forward(z, true);
      tangent(v);
      // ä = W ḧ, ḧ = σ″ ȧ² + σ′ ä.
      t1.fill(0, 0, d);
      for (let k = 0; k < L; k++) {
        const { W, nIn, nOut } = ls[k]!;
        for (let i = 0; i < nOut; i++) {
          let s = 0;
          const o = i * nIn;
          for (let j = 0; j < nIn; j++) s += W[o + j]! * t1[j]!;
          const da = dA[k]![i]!;
          t2[i] = s2[k]![i]! * da * da + s1[k]![i]! * s;
        }
        t1.set(t2.subarray(0, nOut));
      }
      return t1.slice(0, D);
    },
  };
  const last = ls[L - 1]!;
  if (L > 1 && last.linear) {
    const body = build(ls.slice(0, L - 1), undefined);
    Object.defineProperty(decoder, 'linearHead', { value: { body, weights: last.W }, enumerable: true });
  }
  return decoder;
}

/**
 * An MLP decoder with widths [d, h₁, …, D], `activation` on hidden layers, a linear last layer and
 * Glorot-normal weights from `rng` (biases N(0, 0.1²)): a fixed random decoder for tests and benchmarks.
 */
export function randomMlpDecoder(
  widths: readonly number[],
  rng: Rng,
  hidden: ActivationName | Activation = 'tanh',
  output?: OutputFamily,
): MlpDecoder {
  if (widths.length < 2) throw new InvalidArgumentError('widths.length', widths.length, 'at least 2');
  const layers: DenseLayer[] = [];
  for (let k = 0; k + 1 < widths.length; k++) {
    const nIn = widths[k]!;
    const nOut = widths[k + 1]!;
    const sd = Math.sqrt(2 / (nIn + nOut));
    const W = new Float64Array(nIn * nOut);
    for (let i = 0; i < W.length; i++) W[i] = sampleNormal(rng, 0, sd);
    const b = new Float64Array(nOut);
    for (let i = 0; i < nOut; i++) b[i] = sampleNormal(rng, 0, 0.1);
    layers.push({ weights: W, bias: b, activation: k + 2 === widths.length ? 'identity' : hidden });
  }
  return mlpDecoder(layers, output);
}
