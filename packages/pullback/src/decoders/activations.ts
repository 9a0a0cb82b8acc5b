import { InvalidArgumentError } from '@infogeom/linalg';

/** A scalar activation with its first and second derivatives. */
export interface Activation {
  /** Name for messages. */
  readonly name: string;
  /** σ(a). */
  f(a: number): number;
  /** σ′(a). */
  df(a: number): number;
  /** σ″(a). */
  d2f(a: number): number;
}

/** Names of the built-in activations (`elu` is only C¹: its second derivative jumps at 0). */
export type ActivationName = 'identity' | 'tanh' | 'sigmoid' | 'softplus' | 'relu' | 'elu' | 'sin';

const sigmoid = (a: number): number => (a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a)));
const BUILT_IN: Record<ActivationName, Activation> = {
  identity: { name: 'identity', f: (a) => a, df: () => 1, d2f: () => 0 },
  tanh: {
    name: 'tanh',
    f: Math.tanh,
    df: (a) => {
      const t = Math.tanh(a);
      return 1 - t * t;
    },
    d2f: (a) => {
      const t = Math.tanh(a);
      return -2 * t * (1 - t * t);
    },
  },
  sigmoid: {
    name: 'sigmoid',
    f: sigmoid,
    df: (a) => {
      const s = sigmoid(a);
      return s * (1 - s);
    },
    d2f: (a) => {
      const s = sigmoid(a);
      return s * (1 - s) * (1 - 2 * s);
    },
  },
  softplus: {
    name: 'softplus',
    f: (a) => (a > 30 ? a : Math.log1p(Math.exp(a))),
    df: sigmoid,
    d2f: (a) => {
      const s = sigmoid(a);
      return s * (1 - s);
    },
  },
  relu: { name: 'relu', f: (a) => Math.max(a, 0), df: (a) => (a > 0 ? 1 : 0), d2f: () => 0 },
  elu: {
    name: 'elu',
    f: (a) => (a > 0 ? a : Math.expm1(a)),
    df: (a) => (a > 0 ? 1 : Math.exp(a)),
    d2f: (a) => (a > 0 ? 0 : Math.exp(a)),
  },
  sin: { name: 'sin', f: Math.sin, df: Math.cos, d2f: (a) => -Math.sin(a) },
};

/** The built-in activation of that name, or `spec` itself when it is an {@link Activation}. */
export function activation(spec: ActivationName | Activation): Activation {
  if (typeof spec !== 'string') return spec;
  const a = BUILT_IN[spec];
  if (a === undefined) throw new InvalidArgumentError('activation', spec, Object.keys(BUILT_IN).join(', '));
  return a;
}
