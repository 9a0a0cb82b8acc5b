import * as tf from '@tensorflow/tfjs';

/** An elementwise activation of a dense layer, as tfjs-layers names it in a layer's config. */
export type DenseActivation =
  | 'linear'
  | 'relu'
  | 'relu6'
  | 'tanh'
  | 'sigmoid'
  | 'softplus'
  | 'softsign'
  | 'elu'
  | 'selu'
  | 'swish';

/** An activation φ with its derivative written out (no second-order autodiff needed). */
export interface ActivationRule {
  /** φ(s). */
  apply(s: tf.Tensor): tf.Tensor;
  /** φ′(s), given s and a = φ(s). */
  derivative(s: tf.Tensor, a: tf.Tensor): tf.Tensor;
}

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

const RULES: Record<DenseActivation, ActivationRule> = {
  linear: { apply: (s) => s, derivative: (s) => tf.onesLike(s) },
  relu: { apply: (s) => tf.relu(s), derivative: (s) => tf.step(s, 0) },
  relu6: {
    apply: (s) => tf.clipByValue(s, 0, 6),
    derivative: (s) => tf.mul(tf.step(s, 0), tf.step(tf.sub(6, s), 0)),
  },
  tanh: { apply: (s) => tf.tanh(s), derivative: (_s, a) => tf.sub(1, tf.square(a)) },
  sigmoid: { apply: (s) => tf.sigmoid(s), derivative: (_s, a) => tf.mul(a, tf.sub(1, a)) },
  softplus: { apply: (s) => tf.softplus(s), derivative: (s) => tf.sigmoid(s) },
  softsign: {
    apply: (s) => tf.div(s, tf.add(1, tf.abs(s))),
    derivative: (s) => tf.reciprocal(tf.square(tf.add(1, tf.abs(s)))),
  },
  elu: {
    apply: (s) => tf.elu(s),
    derivative: (s, a) => tf.where(tf.greater(s, 0), tf.onesLike(s), tf.add(a, 1)),
  },
  selu: {
    apply: (s) => tf.selu(s),
    derivative: (s) =>
      tf.where(tf.greater(s, 0), tf.fill(s.shape, SELU_SCALE), tf.mul(SELU_SCALE * SELU_ALPHA, tf.exp(s))),
  },
  swish: {
    apply: (s) => tf.mul(s, tf.sigmoid(s)),
    derivative: (s) => {
      const sg = tf.sigmoid(s);
      return tf.add(sg, tf.mul(s, tf.mul(sg, tf.sub(1, sg))));
    },
  },
};

/** The activations {@link activationRule} knows (others are rejected by name). */
export const DENSE_ACTIVATIONS: readonly DenseActivation[] = Object.keys(RULES) as DenseActivation[];

/**
 * The rule of a named elementwise activation, or `undefined` when it is not one of {@link DENSE_ACTIVATIONS}.
 * @param name - activation name as in a tfjs layer config (`null`/`undefined` means linear)
 */
export function activationRule(name: string | null | undefined): ActivationRule | undefined {
  const key = name ?? 'linear';
  return Object.hasOwn(RULES, key) ? RULES[key as DenseActivation] : undefined;
}
