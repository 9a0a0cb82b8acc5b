import { InvalidArgumentError } from '@infogeom/linalg';
import type * as tf from '@tensorflow/tfjs';
import {
  type ActivationRule,
  activationRule,
  DENSE_ACTIVATIONS,
  type DenseActivation,
} from './dense-activations.js';

/** One layer of a {@link TfjsDenseNetwork}: s = a·kernel + bias, output φ(s). */
export interface TfjsDenseLayerSpec {
  /** Kernel variable [in, out] (tfjs layout). */
  kernel: tf.Variable;
  /** Bias variable [out]; omit for a layer without bias. */
  bias?: tf.Variable;
  /** Elementwise activation (default 'linear'); 'softmax' only on the last layer of a categorical model. */
  activation?: DenseActivation | 'softmax';
  /** Name used in messages (default `dense_<index>`). */
  name?: string;
}

/**
 * A stack of dense layers given by its variables: the functional form for K-FAC. (An arbitrary
 * `(params, x) ↦ y` function hides its pre-activations, so K-FAC needs the layer structure spelled out.)
 */
export interface TfjsDenseNetwork {
  /** The layers, input to output. */
  layers: readonly TfjsDenseLayerSpec[];
}

/** A dense layer as K-FAC sees it (the variables are the network's own, not copies). */
export interface DenseLayerView {
  /** Layer name (for messages). */
  readonly name: string;
  /** Kernel variable [in, out]. */
  readonly kernel: tf.Variable;
  /** Bias variable [out], or null. */
  readonly bias: tf.Variable | null;
  /** Input width (without the homogeneous coordinate). */
  readonly inputDim: number;
  /** Output width. */
  readonly outputDim: number;
  /** Activation name. */
  readonly activation: string;
  /** The activation's rule (for a final softmax, the identity: its pre-activations are the logits). */
  readonly rule: ActivationRule;
}

/**
 * A layer K-FAC cannot handle (convolution, batch normalisation, dropout, a non-chain topology, an
 * activation without a known derivative…): the `value` is the layer's name, the detail says why.
 */
export class UnsupportedLayerError extends InvalidArgumentError {}

const isLayersModel = (m: unknown): m is tf.LayersModel =>
  typeof m === 'object' && m !== null && 'layers' in m && 'trainableWeights' in m;

// Layers that pass activations through unchanged for 2-D [N, d] inputs.
const PASS_THROUGH = new Set(['InputLayer', 'Flatten']);

interface DenseLike {
  name: string;
  kernel: { read(): tf.Tensor } | null;
  bias: { read(): tf.Tensor } | null;
  useBias: boolean;
  getConfig(): Record<string, unknown>;
}

const SOFTMAX_OUTPUT: ActivationRule = {
  apply: (s) => s,
  derivative: () => {
    throw new UnsupportedLayerError(
      'network',
      'softmax',
      'softmax only as the output link of a categorical model',
    );
  },
};

function viewOf(
  name: string,
  kernel: tf.Variable,
  bias: tf.Variable | null,
  activation: string | null | undefined,
  last: boolean,
): DenseLayerView {
  const act = activation ?? 'linear';
  // A final softmax is the categorical link: the pre-activations are the logits.
  const rule = last && act === 'softmax' ? SOFTMAX_OUTPUT : activationRule(act);
  if (rule === undefined)
    throw new UnsupportedLayerError(
      'network',
      name,
      `a dense layer with activation in {${DENSE_ACTIVATIONS.join(', ')}}`,
      `layer ${name} has activation '${act}'`,
    );
  if (kernel.rank !== 2)
    throw new UnsupportedLayerError(
      'network',
      name,
      'a rank-2 kernel [in, out]',
      `got shape ${kernel.shape}`,
    );
  const [inputDim, outputDim] = kernel.shape as [number, number];
  if (bias !== null && (bias.rank !== 1 || bias.shape[0] !== outputDim))
    throw new UnsupportedLayerError('network', name, `a bias of shape [${outputDim}]`, `got ${bias.shape}`);
  return { name, kernel, bias, inputDim, outputDim, activation: act, rule };
}

/** Checks that layer i of a model is fed by layer i − 1 only (layer 0 by an input), once. */
function checkChainLink(model: tf.LayersModel, i: number): void {
  const layer = model.layers[i]!;
  const nodes = layer.inboundNodes;
  if (nodes.length !== 1)
    throw new UnsupportedLayerError('network', layer.name, 'a layer used exactly once (a chain)');
  const inbound = nodes[0]!.inboundLayers;
  const ok =
    i === 0
      ? inbound.every((l) => l.getClassName() === 'InputLayer')
      : inbound.length === 1 && inbound[0] === model.layers[i - 1];
  if (!ok)
    throw new UnsupportedLayerError(
      'network',
      layer.name,
      'a chain of layers (each fed by the previous one)',
    );
}

/**
 * The dense layers of a network, input to output, with their activations — or an
 * {@link UnsupportedLayerError} naming the first layer K-FAC cannot handle. Accepts a `tf.Sequential`, a
 * functional `tf.LayersModel` that is a chain (one input, one output, each layer fed by the previous), or
 * a {@link TfjsDenseNetwork}. InputLayer and Flatten layers are skipped; every other layer must be Dense.
 * @param network - the network
 */
export function denseLayers(network: tf.LayersModel | TfjsDenseNetwork): DenseLayerView[] {
  const out: DenseLayerView[] = [];
  if (!isLayersModel(network)) {
    if (network.layers.length === 0)
      throw new InvalidArgumentError('network.layers', network.layers, 'at least one layer');
    const last = network.layers.length - 1;
    network.layers.forEach((l, i) => {
      out.push(
        viewOf(l.name ?? `dense_${i}`, l.kernel, l.bias ?? null, l.activation ?? 'linear', i === last),
      );
    });
  } else {
    if (network.inputs.length !== 1 || network.outputs.length !== 1)
      throw new UnsupportedLayerError('network', network.name, 'a model with one input and one output');
    if (network.outputs[0]!.sourceLayer !== network.layers[network.layers.length - 1])
      throw new UnsupportedLayerError('network', network.name, 'a chain whose last layer is the output');
    const lastDense = network.layers.map((l) => l.getClassName()).lastIndexOf('Dense');
    for (const [index, layer] of network.layers.entries()) {
      const cls = layer.getClassName();
      if (PASS_THROUGH.has(cls)) {
        if (cls === 'Flatten' && out.length > 0)
          throw new UnsupportedLayerError('network', layer.name, 'Flatten only before the first Dense layer');
        checkChainLink(network, index);
        continue;
      }
      if (cls !== 'Dense')
        throw new UnsupportedLayerError(
          'network',
          layer.name,
          'Dense layers (InputLayer and a leading Flatten are skipped)',
          `layer ${layer.name} is a ${cls}`,
        );
      checkChainLink(network, index);
      const d = layer as unknown as DenseLike;
      if (d.kernel === null) throw new UnsupportedLayerError('network', layer.name, 'a built layer');
      const kernel = d.kernel.read() as tf.Variable;
      const bias = d.useBias && d.bias !== null ? (d.bias.read() as tf.Variable) : null;
      const act = d.getConfig()['activation'] as string | undefined;
      out.push(viewOf(layer.name, kernel, bias, act, index === lastDense));
    }
    if (out.length === 0)
      throw new UnsupportedLayerError('network', network.name, 'at least one Dense layer');
  }
  for (let i = 1; i < out.length; i++)
    if (out[i]!.inputDim !== out[i - 1]!.outputDim)
      throw new UnsupportedLayerError(
        'network',
        out[i]!.name,
        `input width ${out[i - 1]!.outputDim}`,
        `got ${out[i]!.inputDim}`,
      );
  return out;
}
