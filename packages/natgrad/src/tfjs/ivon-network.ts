import { DimensionMismatchError, InvalidArgumentError } from '@infogeom/linalg';
import * as tf from '@tensorflow/tfjs';

/** A network as a function of its parameter tensors: (params, x) ↦ outputs (logits or means) [b, k]. */
export interface IvonFunctionalNetwork {
  /** (params, x) ↦ outputs [b, k]; must use only tfjs ops on `params` so that autodiff reaches them. */
  apply: (params: readonly tf.Tensor[], x: tf.Tensor) => tf.Tensor;
  /** Initial parameter tensors (copied; the caller keeps ownership). */
  params: readonly tf.Tensor[];
}

/** What IVON trains: a tfjs LayersModel (its trainable weights) or a functional network. */
export type IvonNetworkInput = tf.LayersModel | IvonFunctionalNetwork;

/**
 * Built-in losses, each summed over the k outputs and averaged over the batch (so `ess` plays the role
 * of the training-set size N): 'softmax-cross-entropy' (targets one-hot / probabilities [b, k], or class
 * indices [b]), 'sigmoid-cross-entropy' (targets in [0, 1], [b, k]), 'gaussian' (½‖y − f‖²/σ² per
 * example: the negative log-likelihood of N(f, σ²I) up to a constant).
 */
export type IvonLossKind = 'softmax-cross-entropy' | 'sigmoid-cross-entropy' | 'gaussian';

/** A loss: by name, or a custom (targets, outputs) ↦ scalar mean over the batch with its predictive link. */
export type IvonLoss =
  | IvonLossKind
  | {
      /** (targets, outputs [b, k]) ↦ the mean loss over the batch, a negative log-likelihood. */
      fn: (y: tf.Tensor, output: tf.Tensor) => tf.Scalar;
      /** Maps outputs to the predictive quantity averaged by `predict` (default: identity). */
      link?: (output: tf.Tensor) => tf.Tensor;
    };

/** A mean loss and its gradient. */
export interface IvonLossAndGrads {
  /** The mean loss over the batch. */
  loss: tf.Scalar;
  /** Its gradient, one tensor per parameter. */
  grads: tf.Tensor[];
}

/** A loss resolved into functions. */
export interface ResolvedIvonLoss {
  /** (targets, outputs) ↦ mean loss over the batch. */
  fn: (y: tf.Tensor, z: tf.Tensor) => tf.Scalar;
  /** Outputs ↦ the predictive quantity (probabilities or means). */
  link: (z: tf.Tensor) => tf.Tensor;
}

/** The internal view of a network: parameter shapes, a forward pass and a loss gradient at given parameters. */
export interface IvonNetworkAdapter {
  /** Shapes of the trainable parameters, in order. */
  readonly shapes: readonly number[][];
  /** Current parameter values (copies, caller disposes). */
  initial(): tf.Tensor[];
  /** Outputs at parameters `params` (for a LayersModel the params are written into its weights first). */
  forward(params: readonly tf.Tensor[], x: tf.Tensor, training: boolean): tf.Tensor;
  /** Mean loss and its gradient with respect to `params`, evaluated at `params`. */
  lossAndGrads(params: readonly tf.Tensor[], x: tf.Tensor, y: tf.Tensor): IvonLossAndGrads;
  /** Writes `params` into the wrapped model's weights (no-op for a functional network). */
  write(params: readonly tf.Tensor[]): void;
  /** Whether {@link IvonNetworkAdapter.write} does anything (a LayersModel) or not (a functional network). */
  readonly writes: boolean;
}

function isLayersModel(n: IvonNetworkInput): n is tf.LayersModel {
  return n instanceof tf.LayersModel;
}

/** Resolves an {@link IvonLoss} into its loss function and predictive link. */
export function resolveIvonLoss(loss: IvonLoss, sigma = 1): ResolvedIvonLoss {
  if (typeof loss === 'object') return { fn: loss.fn, link: loss.link ?? ((z) => z) };
  switch (loss) {
    case 'softmax-cross-entropy':
      return {
        fn: (y, z) =>
          tf.tidy(() => {
            const t = y.rank === 1 ? tf.oneHot(tf.cast(y, 'int32'), z.shape[1] as number) : y;
            return tf.neg(tf.mean(tf.sum(tf.mul(t, tf.logSoftmax(z)), -1))) as tf.Scalar;
          }),
        link: (z) => tf.softmax(z),
      };
    case 'sigmoid-cross-entropy':
      return {
        fn: (y, z) =>
          tf.tidy(
            () =>
              tf.mean(
                tf.sum(tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.log1p(tf.exp(tf.neg(tf.abs(z))))), -1),
              ) as tf.Scalar,
          ),
        link: (z) => tf.sigmoid(z),
      };
    case 'gaussian': {
      const c = 0.5 / (sigma * sigma);
      return {
        fn: (y, z) => tf.tidy(() => tf.mul(c, tf.mean(tf.sum(tf.square(tf.sub(y, z)), -1))) as tf.Scalar),
        link: (z) => z,
      };
    }
    default:
      throw new InvalidArgumentError(
        'options.loss',
        loss,
        "'softmax-cross-entropy', 'sigmoid-cross-entropy', 'gaussian' or { fn, link }",
      );
  }
}

/** Wraps a LayersModel or functional network into the {@link IvonNetworkAdapter} view IVON works on. */
export function ivonNetworkAdapter(
  network: IvonNetworkInput,
  lossFn: (y: tf.Tensor, z: tf.Tensor) => tf.Scalar,
): IvonNetworkAdapter {
  if (isLayersModel(network)) {
    const vars = network.trainableWeights.map((w) => w.read() as tf.Variable);
    if (vars.length === 0)
      throw new InvalidArgumentError('network', 'a model', 'a model with trainable weights');
    const write = (params: readonly tf.Tensor[]): void => {
      for (let i = 0; i < vars.length; i++) (vars[i] as tf.Variable).assign(params[i] as tf.Tensor);
    };
    return {
      shapes: vars.map((v) => v.shape.slice()),
      initial: () => vars.map((v) => v.clone()),
      forward(params, x, training) {
        write(params);
        return network.apply(x, { training }) as tf.Tensor;
      },
      lossAndGrads(params, x, y) {
        write(params);
        const { value, grads } = tf.variableGrads(
          () => lossFn(y, network.apply(x, { training: true }) as tf.Tensor),
          vars,
        );
        return { loss: value, grads: vars.map((v) => grads[v.name] as tf.Tensor) };
      },
      write,
      writes: true,
    };
  }
  if (typeof network !== 'object' || network === null || typeof network.apply !== 'function') {
    throw new InvalidArgumentError('network', network, 'a tf.LayersModel or { apply, params }');
  }
  if (network.params.length === 0)
    throw new DimensionMismatchError('network.params', 0, 'at least one tensor');
  const { apply } = network;
  return {
    shapes: network.params.map((p) => p.shape.slice()),
    initial: () => network.params.map((p) => tf.cast(p, 'float32').clone()),
    forward: (params, x) => apply(params, x),
    lossAndGrads(params, x, y) {
      const { value, grads } = tf.valueAndGrads((...ps: tf.Tensor[]) => lossFn(y, apply(ps, x)))([...params]);
      return { loss: value as tf.Scalar, grads };
    },
    write: () => {},
    writes: false,
  };
}
