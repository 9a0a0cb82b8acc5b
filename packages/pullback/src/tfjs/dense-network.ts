import { InvalidArgumentError } from '@infogeom/linalg';
import * as tf from '@tensorflow/tfjs';
import type { Activation, ActivationName } from '../decoders/activations.js';
import type { OutputFamily } from '../decoders/decoder.js';
import { type Float64DenseDecoder, float64DenseDecoder } from '../decoders/float64-dense-decoder.js';
import type { DenseLayer } from '../decoders/mlp-decoder.js';
import type {
  TfjsDecoderFn,
  TfjsDecoderOptions,
  TfjsEnergyGradientsFn,
  TfjsGeodesicTangentsFn,
  TfjsJvpFn,
  TfjsSecondDirectionalFn,
  TfjsSecondOrderFn,
  TfjsVjpFn,
} from './tfjs-decoder.js';

/** A tfjs function network built from dense layers; it owns its weight tensors until {@link TfjsDenseNetwork.dispose}. */
export interface TfjsDenseNetwork {
  /** [n, d] codes ↦ [n, D] outputs (pass to `tfjsDecoder` with the dimensions below). */
  readonly apply: TfjsDecoderFn;
  /**
   * Forward mode: ([n, d] codes, [n, d] tangents) ↦ J v [n, D] by tangent propagation, ȧ = W ḣ,
   * ḣ = σ′(a) ȧ with σ′ written in tfjs ops (pass as `jvp` to `tfjsDecoder` for one-pass JVPs and exact
   * second-order products).
   */
  readonly jvp: TfjsJvpFn;
  /**
   * The energy density's gradients by a hand-written reverse pass over the tangent program:
   * [∇_z S, ∇_v S, J v] of S = ½ Σ w ⊙ (J v)², the same quantities as tfjs autodiff through
   * {@link TfjsDenseNetwork.jvp} but every product an untransposed matmul against weights stored both ways
   * (tfjs's transposed-operand matmuls run at a fraction of the speed, and the tape adds its own overhead):
   * 3.6× faster per geodesic on the wasm backend for the 2 → 64 → 64 → 784 MNIST decoder.
   */
  readonly energyGradients: TfjsEnergyGradientsFn;
  /** ∇_z ⟨u, J(z) v⟩ by the same hand-written reverse pass over the tangent program. */
  readonly secondOrder: TfjsSecondOrderFn;
  /** H[v,v] by second-order forward mode: ä = ḧ W, ḧ = σ″(a) ȧ² + σ′(a) ä (no autodiff). */
  readonly secondDirectional: TfjsSecondDirectionalFn;
  /** Jᵀu by a hand-written reverse pass (untransposed matmuls against the stored transposed weights). */
  readonly vjp: TfjsVjpFn;
  /**
   * The d Jacobian columns and H[v,v] at n codes from ONE stacked forward-mode pass per layer (rows c·n + i:
   * J(zᵢ) e_c; rows d·n + i: H(zᵢ)[vᵢ, vᵢ]): the geodesic equation's Christoffel contraction in one call.
   */
  readonly geodesicTangents: TfjsGeodesicTangentsFn;
  /**
   * All of the above with the dimensions, for `tfjsDecoder(net.apply, { ...net.decoderOptions, output })`:
   * latentDimension, outputDimension, jvp, vjp, secondOrder, secondDirectional, energyGradients,
   * geodesicTangents.
   */
  readonly decoderOptions: TfjsDecoderOptions;
  /** Latent dimension d (inputs of the first layer). */
  readonly latentDimension: number;
  /** Output dimension D (outputs of the last layer). */
  readonly outputDimension: number;
  /** Releases the weight tensors. */
  dispose(): void;
}

const TF_ACTIVATIONS: Record<ActivationName, ((a: tf.Tensor) => tf.Tensor) | undefined> = {
  identity: (a) => a,
  tanh: tf.tanh,
  sigmoid: tf.sigmoid,
  softplus: tf.softplus,
  relu: tf.relu,
  elu: tf.elu,
  sin: tf.sin,
};

/** σ″(a) as a tfjs expression of the pre-activation a, the activation h = σ(a) and the slope s = σ′(a). */
const TF_CURVATURES: Record<ActivationName, (a: tf.Tensor, h: tf.Tensor, s: tf.Tensor) => tf.Tensor> = {
  identity: (a) => tf.zerosLike(a),
  tanh: (_a, h, s) => tf.mul(-2, tf.mul(h, s)),
  sigmoid: (_a, h, s) => tf.mul(s, tf.sub(1, tf.mul(2, h))),
  softplus: (a) => {
    const p = tf.sigmoid(a);
    return tf.mul(p, tf.sub(1, p));
  },
  relu: (a) => tf.zerosLike(a),
  elu: (a) => tf.where(tf.greater(a, 0), tf.zerosLike(a), tf.exp(a)),
  sin: (a) => tf.neg(tf.sin(a)),
};

/** σ′(a) as a tfjs expression of the pre-activation a and the activation h = σ(a). */
const TF_SLOPES: Record<ActivationName, (a: tf.Tensor, h: tf.Tensor) => tf.Tensor> = {
  identity: (a) => tf.onesLike(a),
  tanh: (_a, h) => tf.sub(1, tf.square(h)),
  sigmoid: (_a, h) => tf.mul(h, tf.sub(1, h)),
  softplus: (a) => tf.sigmoid(a),
  relu: (a) => tf.step(a),
  elu: (a) => tf.where(tf.greater(a, 0), tf.onesLike(a), tf.exp(a)),
  sin: (a) => tf.cos(a),
};

const layerActivation = (
  a: ActivationName | Activation | undefined,
  last: boolean,
  i: number,
): ActivationName => {
  const name = a === undefined ? (last ? 'identity' : 'tanh') : typeof a === 'string' ? a : a.name;
  if (TF_ACTIVATIONS[name as ActivationName] === undefined)
    throw new InvalidArgumentError(`layers[${i}].activation`, name, Object.keys(TF_ACTIVATIONS).join(', '));
  return name as ActivationName;
};

/** The weights of a dense network for one pass: [in, out] and [out, in] per layer, and the biases. */
interface DenseWeights {
  weights: readonly tf.Tensor2D[];
  transposed: readonly tf.Tensor2D[];
  biases: readonly tf.Tensor1D[];
}

/** The passes of a dense network (apply, forward mode and the hand-written reverse passes). */
interface DensePasses {
  apply: TfjsDecoderFn;
  jvp: TfjsJvpFn;
  vjp: TfjsVjpFn;
  secondOrder: TfjsSecondOrderFn;
  secondDirectional: TfjsSecondDirectionalFn;
  energyGradients: TfjsEnergyGradientsFn;
  geodesicTangents: TfjsGeodesicTangentsFn;
}

/**
 * The passes of a dense network with activations `acts`, reading its weights from `net()` at every call
 * (a network's own tensors, or a live model's variables with the transposes made inside the caller's tidy).
 */
function densePasses(acts: readonly ActivationName[], net: () => DenseWeights): DensePasses {
  const L = acts.length;
  /**
   * Forward and tangent passes (σ′, σ″ and the tangent pre-activations ȧ of every layer kept), then the
   * reverse pass of the scalar ⟨u, J v⟩ with u = seed(J v) held fixed: adjoints of ȧ_k (through
   * ḣ = σ′ ⊙ ȧ) and of a_k (through σ′ in the tangent, σ in the forward pass), two untransposed matmuls
   * per layer. Returns [∇_z, ∇_v = Jᵀu, J v].
   */
  const reverseOverTangent = (
    z: tf.Tensor2D,
    v: tf.Tensor2D,
    seed: (tangent: tf.Tensor2D) => tf.Tensor,
  ): [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D] => {
    const { weights: W, transposed: Wt, biases: B } = net();
    let h: tf.Tensor2D = z;
    let dh: tf.Tensor2D = v;
    const S1: tf.Tensor[] = [];
    const S2: tf.Tensor[] = [];
    const dA: tf.Tensor[] = [];
    for (let k = 0; k < L; k++) {
      const a = tf.add(tf.matMul(h, W[k]!), B[k]!);
      const da = tf.matMul(dh, W[k]!);
      const act = acts[k]!;
      const hk = TF_ACTIVATIONS[act]!(a);
      const s1 = TF_SLOPES[act](a, hk);
      S1.push(s1);
      S2.push(TF_CURVATURES[act](a, hk, s1));
      dA.push(da);
      h = hk as tf.Tensor2D;
      dh = tf.mul(s1, da) as tf.Tensor2D;
    }
    const tangent = dh;
    const u = seed(tangent);
    let gDot = tf.mul(S1[L - 1]!, u) as tf.Tensor2D;
    let gA = tf.mul(tf.mul(S2[L - 1]!, dA[L - 1]!), u) as tf.Tensor2D;
    for (let k = L - 1; ; k--) {
      const gdh = tf.matMul(gDot, Wt[k]!) as tf.Tensor2D;
      const gh = tf.matMul(gA, Wt[k]!) as tf.Tensor2D;
      if (k === 0) return [gh, gdh, tangent];
      const s1 = S1[k - 1]!;
      gDot = tf.mul(s1, gdh) as tf.Tensor2D;
      gA = tf.add(tf.mul(tf.mul(S2[k - 1]!, dA[k - 1]!), gdh), tf.mul(s1, gh)) as tf.Tensor2D;
    }
  };
  const jvp: TfjsJvpFn = (z, v) => {
    const { weights: W, biases: B } = net();
    let h: tf.Tensor = z;
    let dh: tf.Tensor = v;
    for (let k = 0; k < L; k++) {
      const a = tf.add(tf.matMul(h as tf.Tensor2D, W[k]!), B[k]!);
      h = TF_ACTIVATIONS[acts[k]!]!(a);
      dh = tf.mul(TF_SLOPES[acts[k]!](a, h), tf.matMul(dh as tf.Tensor2D, W[k]!));
    }
    return dh;
  };
  const vjp: TfjsVjpFn = (z, u) => {
    const { weights: W, transposed: Wt, biases: B } = net();
    let h: tf.Tensor2D = z;
    const S1: tf.Tensor[] = [];
    for (let k = 0; k < L; k++) {
      const a = tf.add(tf.matMul(h, W[k]!), B[k]!);
      h = TF_ACTIVATIONS[acts[k]!]!(a) as tf.Tensor2D;
      S1.push(TF_SLOPES[acts[k]!](a, h));
    }
    let g = u;
    for (let k = L - 1; k >= 0; k--) g = tf.matMul(tf.mul(S1[k]!, g) as tf.Tensor2D, Wt[k]!);
    return g;
  };
  // S = ½ Σ w ⊙ ḣ_L² seeds ḣ_L with w ⊙ ḣ_L.
  const energyGradients: TfjsEnergyGradientsFn = (z, v, w) => reverseOverTangent(z, v, (t) => tf.mul(w, t));
  const secondOrder: TfjsSecondOrderFn = (z, u, v) => reverseOverTangent(z, v, () => u)[0];
  const apply: TfjsDecoderFn = (z) => {
    const { weights: W, biases: B } = net();
    let h: tf.Tensor = z;
    for (let k = 0; k < L; k++)
      h = TF_ACTIVATIONS[acts[k]!]!(tf.add(tf.matMul(h as tf.Tensor2D, W[k]!), B[k]!));
    return h;
  };
  const secondDirectional: TfjsSecondDirectionalFn = (z, v) => {
    const { weights: W, biases: B } = net();
    let h: tf.Tensor = z;
    let dh: tf.Tensor = v;
    let ddh: tf.Tensor | undefined; // ḧ = 0 at the input
    for (let k = 0; k < L; k++) {
      const act = acts[k]!;
      const a = tf.add(tf.matMul(h as tf.Tensor2D, W[k]!), B[k]!);
      const da = tf.matMul(dh as tf.Tensor2D, W[k]!);
      h = TF_ACTIVATIONS[act]!(a);
      const s1 = TF_SLOPES[act](a, h);
      const curv = tf.mul(TF_CURVATURES[act](a, h, s1), tf.square(da));
      ddh = ddh === undefined ? curv : tf.add(curv, tf.mul(s1, tf.matMul(ddh as tf.Tensor2D, W[k]!)));
      dh = tf.mul(s1, da);
    }
    return ddh!;
  };
  const geodesicTangents: TfjsGeodesicTangentsFn = (z, v) => {
    const { weights: W, biases: B } = net();
    const [n, d] = z.shape;
    // Stacked directions: rows c·n + i = e_c (tangents), rows d·n + i = 0 (z̈ = 0 along a straight line).
    const dirs = new Float32Array((d + 1) * n * d);
    for (let c = 0; c < d; c++) for (let i = 0; i < n; i++) dirs[(c * n + i) * d + c] = 1;
    let X: tf.Tensor2D = tf.tensor2d(dirs, [(d + 1) * n, d]);
    const v3 = tf.reshape(tf.transpose(v), [d, n, 1]);
    let h: tf.Tensor = z;
    for (let k = 0; k < L; k++) {
      const act = acts[k]!;
      const a = tf.add(tf.matMul(h as tf.Tensor2D, W[k]!), B[k]!);
      h = TF_ACTIVATIONS[act]!(a);
      const s1 = TF_SLOPES[act](a, h);
      const s2 = TF_CURVATURES[act](a, h, s1);
      const A = tf.matMul(X, W[k]!);
      const m = A.shape[1]!;
      const cols = tf.slice(A, [0, 0], [d * n, m]);
      const second = tf.slice(A, [d * n, 0], [n, m]);
      // ȧ(vᵢ) = Σ_c vᵢc ȧ(e_c): pre-activation tangents are linear in the direction.
      const av = tf.sum(tf.mul(tf.reshape(cols, [d, n, m]), v3), 0);
      X = tf.concat([
        tf.mul(tf.tile(s1, [d, 1]), cols),
        tf.add(tf.mul(s2, tf.square(av)), tf.mul(s1, second)),
      ]) as tf.Tensor2D;
    }
    return X;
  };
  return { apply, jvp, vjp, secondOrder, secondDirectional, energyGradients, geodesicTangents };
}

/**
 * The float32 tfjs twin of a float64 MLP given as dense layers (the format of `mlpDecoder`: weights row-major
 * outputs × inputs, default activation tanh on hidden layers and identity on the last): the same network
 * on both sides of the float32/float64 boundary.
 * @param layers - dense layers, first to last
 */
export function tfjsDenseNetwork(layers: readonly DenseLayer[]): TfjsDenseNetwork {
  if (layers.length === 0) throw new InvalidArgumentError('layers.length', 0, 'at least one layer');
  const weights: tf.Tensor2D[] = [];
  const transposed: tf.Tensor2D[] = [];
  const biases: tf.Tensor1D[] = [];
  const acts: ActivationName[] = [];
  let nIn = -1;
  let first = -1;
  try {
    layers.forEach((l, i) => {
      const nOut = l.bias.length;
      const ni = nOut > 0 ? l.weights.length / nOut : Number.NaN;
      if (!Number.isInteger(ni) || ni < 1 || (nIn >= 0 && ni !== nIn))
        throw new InvalidArgumentError(`layers[${i}].weights.length`, l.weights.length, 'outputs × inputs');
      if (first < 0) first = ni;
      nIn = nOut;
      acts.push(layerActivation(l.activation, i === layers.length - 1, i));
      // Stored outputs × inputs; tfjs multiplies [n, in] · [in, out] forward and [n, out] · [out, in] back.
      const Wt = tf.tensor2d(Float32Array.from(l.weights), [nOut, ni]);
      transposed.push(Wt);
      weights.push(tf.tidy(() => Wt.transpose()));
      biases.push(tf.tensor1d(Float32Array.from(l.bias)));
    });
  } catch (e) {
    tf.dispose([...weights, ...transposed, ...biases]);
    throw e;
  }
  const { apply, jvp, vjp, secondOrder, secondDirectional, energyGradients, geodesicTangents } = densePasses(
    acts,
    () => ({
      weights,
      transposed,
      biases,
    }),
  );
  return {
    latentDimension: first,
    outputDimension: nIn,
    apply,
    jvp,
    vjp,
    energyGradients,
    secondOrder,
    secondDirectional,
    geodesicTangents,
    decoderOptions: {
      latentDimension: first,
      outputDimension: nIn,
      jvp,
      vjp,
      secondOrder,
      secondDirectional,
      energyGradients,
      geodesicTangents,
    },
    dispose: () => tf.dispose([...weights, ...transposed, ...biases]),
  };
}

/** tfjs Dense activations and their float64 names. */
const FROM_TF: Record<string, ActivationName> = {
  linear: 'identity',
  tanh: 'tanh',
  sigmoid: 'sigmoid',
  softplus: 'softplus',
  relu: 'relu',
  elu: 'elu',
};

/**
 * The dense layers of a tfjs `LayersModel` made only of Dense layers (with bias), as float64
 * {@link DenseLayer}s (weights transposed to outputs × inputs).
 * @param model - a sequential stack of `tf.layers.dense`
 */
export function denseLayersFromTfjs(model: tf.LayersModel): DenseLayer[] {
  const out: DenseLayer[] = [];
  model.layers.forEach((layer, i) => {
    const cls = layer.getClassName();
    if (cls === 'InputLayer') return;
    const config = layer.getConfig() as { activation?: string; useBias?: boolean };
    const act = FROM_TF[config.activation ?? 'linear'];
    const w = layer.getWeights();
    if (cls !== 'Dense' || act === undefined || w.length !== 2)
      throw new InvalidArgumentError(
        `model.layers[${i}]`,
        `${cls}(${config.activation ?? ''})`,
        'Dense layers with bias and a linear/tanh/sigmoid/softplus/relu/elu activation',
      );
    const [nIn, nOut] = w[0]!.shape as [number, number];
    const W = w[0]!.dataSync();
    const T = new Float64Array(nIn * nOut);
    for (let a = 0; a < nIn; a++) for (let b = 0; b < nOut; b++) T[b * nIn + a] = W[a * nOut + b]!;
    out.push({ weights: T, bias: Float64Array.from(w[1]!.dataSync()), activation: act });
  });
  if (out.length === 0) throw new InvalidArgumentError('model.layers', 0, 'at least one Dense layer');
  return out;
}

/**
 * The hand-written passes for a `tf.Sequential` of Dense layers (with bias, activations linear, tanh,
 * sigmoid, softplus, relu or elu), reading the model's live weight variables at every call — nothing is
 * copied or kept, the transposed kernels are made inside the caller's `tf.tidy` — or `undefined` for any
 * other model. `tfjsDecoder(model)` uses them by default (`denseLayers: false` opts out).
 * @param model - the decoder model
 */
export function denseModelOptions(
  model: tf.LayersModel,
):
  | Pick<
      TfjsDecoderOptions,
      'jvp' | 'vjp' | 'secondOrder' | 'secondDirectional' | 'energyGradients' | 'geodesicTangents'
    >
  | undefined {
  if (!(model instanceof tf.Sequential)) return undefined;
  const acts: ActivationName[] = [];
  const layers: tf.layers.Layer[] = [];
  for (const layer of model.layers) {
    const config = layer.getConfig() as { activation?: string; useBias?: boolean };
    const act = FROM_TF[config.activation ?? 'linear'];
    if (layer.getClassName() !== 'Dense' || act === undefined || layer.weights.length !== 2) return undefined;
    acts.push(act);
    layers.push(layer);
  }
  if (layers.length === 0) return undefined;
  const { jvp, vjp, secondOrder, secondDirectional, energyGradients, geodesicTangents } = densePasses(
    acts,
    () => {
      const weights = layers.map((l) => l.weights[0]!.read() as tf.Tensor2D);
      return {
        weights,
        // Made only by the passes that read them (the reverse ones), inside their caller's tidy.
        get transposed() {
          return weights.map((W) => tf.transpose(W));
        },
        biases: layers.map((l) => l.weights[1]!.read() as tf.Tensor1D),
      };
    },
  );
  return { jvp, vjp, secondOrder, secondDirectional, energyGradients, geodesicTangents };
}

/**
 * The float64 path of a tfjs dense decoder: the same weights in a {@link Float64DenseDecoder} (an analytic
 * float64 `mlpDecoder` plus batched GEMM products and the fused energy density: exact Jacobians and
 * second-order products, no float32 rounding), for tight geodesic tolerances — pass it to
 * `batchedPullbackMetric`. On the MNIST decoder a 32-node geodesic reaches residual 1e-6 this way, where
 * float32 floors at a few 1e-6.
 * @param model - a sequential stack of `tf.layers.dense`
 * @param output - the output family (default Gaussian with σ = 1)
 */
export function float64DecoderFromTfjs(model: tf.LayersModel, output?: OutputFamily): Float64DenseDecoder {
  return float64DenseDecoder(denseLayersFromTfjs(model), output);
}
