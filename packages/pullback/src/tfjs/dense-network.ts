import { InvalidArgumentError } from '@infogeom/linalg';
import * as tf from '@tensorflow/tfjs';
import type { Activation, ActivationName } from '../decoders/activations.js';
import type { OutputFamily } from '../decoders/decoder.js';
import { type Float64DenseDecoder, float64DenseDecoder } from '../decoders/float64-dense-decoder.js';
import type { DenseLayer } from '../decoders/mlp-decoder.js';
import type { TfjsDecoderFn, TfjsJvpFn } from './tfjs-decoder.js';

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

/**
 * The float32 tfjs twin of a float64 MLP given as dense layers (the format of `mlpDecoder`: weights row-major
 * outputs × inputs, default activation tanh on hidden layers and identity on the last): the same network
 * on both sides of the float32/float64 boundary.
 * @param layers - dense layers, first to last
 */
export function tfjsDenseNetwork(layers: readonly DenseLayer[]): TfjsDenseNetwork {
  if (layers.length === 0) throw new InvalidArgumentError('layers.length', 0, 'at least one layer');
  const weights: tf.Tensor2D[] = [];
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
      // Stored outputs × inputs; tfjs multiplies [n, in] · [in, out].
      weights.push(tf.tidy(() => tf.tensor2d(Float32Array.from(l.weights), [nOut, ni]).transpose()));
      biases.push(tf.tensor1d(Float32Array.from(l.bias)));
    });
  } catch (e) {
    tf.dispose([...weights, ...biases]);
    throw e;
  }
  return {
    latentDimension: first,
    outputDimension: nIn,
    apply: (z) => {
      let h: tf.Tensor = z;
      for (let k = 0; k < weights.length; k++)
        h = TF_ACTIVATIONS[acts[k]!]!(tf.add(tf.matMul(h as tf.Tensor2D, weights[k]!), biases[k]!));
      return h;
    },
    jvp: (z, v) => {
      let h: tf.Tensor = z;
      let dh: tf.Tensor = v;
      for (let k = 0; k < weights.length; k++) {
        const a = tf.add(tf.matMul(h as tf.Tensor2D, weights[k]!), biases[k]!);
        h = TF_ACTIVATIONS[acts[k]!]!(a);
        dh = tf.mul(TF_SLOPES[acts[k]!](a, h), tf.matMul(dh as tf.Tensor2D, weights[k]!));
      }
      return dh;
    },
    dispose: () => tf.dispose([...weights, ...biases]),
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
 * The float64 path of a tfjs dense decoder: the same weights in a {@link Float64DenseDecoder} (an analytic
 * float64 `mlpDecoder` plus batched GEMM products and the fused energy density: exact Jacobians and
 * second-order products, no float32 rounding), for tight geodesic tolerances — pass it to
 * `batchedPullbackMetric`. On the MNIST decoder a 32-node geodesic reaches residual 1e-6 this way, where
 * float32 floors near 1e-5.
 * @param model - a sequential stack of `tf.layers.dense`
 * @param output - the output family (default Gaussian with σ = 1)
 */
export function float64DecoderFromTfjs(model: tf.LayersModel, output?: OutputFamily): Float64DenseDecoder {
  return float64DenseDecoder(denseLayersFromTfjs(model), output);
}
