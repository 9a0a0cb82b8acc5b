import { InvalidArgumentError } from '@infogeom/linalg';
import * as tf from '@tensorflow/tfjs';
import {
  type ImplicitFisher,
  type ImplicitFisherOptions,
  implicitFisher,
} from '../operators/implicit-fisher.js';

/** A network given as a function of its parameter tensors: (params, x) ↦ outputs (logits or means), [N, k]. */
export type TfjsApplyFn = (params: readonly tf.Tensor[], x: tf.Tensor) => tf.Tensor;

/** A functional tfjs network: the apply function and its initial parameters (copied into owned variables). */
export interface TfjsFunctionNetwork {
  /** (params, x) ↦ outputs, [N, k]; must use only tfjs ops on `params` so that autodiff reaches them. */
  apply: TfjsApplyFn;
  /** Initial parameter tensors (copied; the caller keeps ownership). */
  params: readonly tf.Tensor[];
}

/** A softmax categorical output: the network gives logits (or probabilities, see {@link TfjsModelOptions.output}). */
export interface TfjsCategoricalLikelihood {
  /** Always 'categorical'. */
  type: 'categorical';
}

/** A Gaussian output with fixed noise: the network gives the means. */
export interface TfjsGaussianLikelihood {
  /** Always 'gaussian'. */
  type: 'gaussian';
  /** Noise standard deviation σ > 0 (default 1); the output Fisher is I/σ². */
  sigma?: number;
}

/** The output family of a {@link TfjsModel}. */
export type TfjsLikelihood = TfjsCategoricalLikelihood | TfjsGaussianLikelihood;

/** Options of {@link tfjsModel}. */
export interface TfjsModelOptions {
  /** Output family (default categorical). */
  likelihood?: TfjsLikelihood;
  /**
   * What a categorical network outputs (default 'logits'). With 'probabilities' (a final softmax layer) the
   * logits are taken as log p, which loses accuracy when a probability underflows.
   */
  output?: 'logits' | 'probabilities';
}

/** Labels: class indices (categorical), or targets [N, k] (Gaussian), as a tensor or flat array. */
export type TfjsLabels = tf.Tensor | ArrayLike<number>;

/** Options of {@link TfjsModel.fisherVectorProduct} and {@link TfjsModel.fisherOperator}. */
export interface TfjsFisherOptions {
  /**
   * 'exact' (default): F = (1/N) Σ Jᵢᵀ H Jᵢ with the output family's Fisher H (softmax: diag(p) − ppᵀ,
   * Gaussian: I/σ²). 'empirical': (1/N) Σ gᵢ gᵢᵀ from the per-example gradients gᵢ of the labelled data;
   * it is not the Fisher away from an optimum (Kunstner, Balles & Hennig 2019, "Limitations of the
   * empirical Fisher approximation") and needs `labels`.
   */
  type?: 'exact' | 'empirical';
  /** Labels of the batch; required for 'empirical'. */
  labels?: TfjsLabels;
}

/**
 * A tfjs network seen as a statistical model p(y | w, x): float32 inside tfjs, float64 at the boundary
 * (every vector returned to the caller is a Float64Array; vectors passed in are converted to float32).
 * Every method runs its tfjs work inside `tf.tidy` and leaves no tensors behind; it never chooses a backend.
 */
export interface TfjsModel {
  /** Number of trainable parameters p. */
  readonly dimension: number;
  /** The output family. */
  readonly likelihood: TfjsLikelihood;
  /** The trainable parameters flattened in variable order (float32 copy). */
  getParameters(): Float32Array;
  /**
   * Writes a flat parameter vector into the network's variables (converted to float32).
   * @param w - length `dimension`
   */
  setParameters(w: ArrayLike<number>): void;
  /**
   * ∇_w of the mean negative log-likelihood of the batch.
   * @param x - inputs [N, …]
   * @param labels - class indices or targets
   */
  gradient(x: tf.Tensor, labels: TfjsLabels): Float64Array;
  /**
   * F v by double-VJP: J v = ∂/∂u ⟨vjpᵤ, v⟩ (the VJP is linear in the cotangent u, so no second
   * derivative of the network is taken), then F v = vjp(H J v / N). Cost ≈ 2× a gradient on the wasm
   * backend (784-128-10 MLP, batch 128). Needs every op's gradient to be differentiable in its cotangent:
   * true of relu, tanh, sigmoid, softplus, selu, gelu, swish, linear layers and softmax; tfjs 4.22 has no
   * gradient for `EluGrad`, so an elu network throws an `InvalidArgumentError` naming `network` (and tfjs
   * leaves that failed backward pass's saved tensors undisposed).
   * @param x - inputs [N, …]
   * @param v - direction, length `dimension`
   * @param options - exact or empirical
   */
  fisherVectorProduct(x: tf.Tensor, v: ArrayLike<number>, options?: TfjsFisherOptions): Float64Array;
  /**
   * The Fisher at the current parameters on batch `x` as an implicit float64 {@link ImplicitFisher}
   * (CG solves, Lanczos, Hutchinson trace). The default CG tolerance is 1e-5: products are float32.
   * @param x - inputs [N, …] (kept by the operator: do not dispose it while the operator is in use)
   * @param options - exact or empirical, and the implicit operator's options
   */
  fisherOperator(x: tf.Tensor, options?: TfjsFisherOptions & ImplicitFisherOptions): ImplicitFisher;
  /**
   * Mean over the batch of KL(p(·|x, w) ‖ p(·|x, w2)); restores the current parameters afterwards.
   * @param x - inputs [N, …]
   * @param w - first parameters
   * @param w2 - second parameters
   */
  kl(x: tf.Tensor, w: ArrayLike<number>, w2: ArrayLike<number>): number;
  /** Disposes the variables this adapter owns (those of a functional network; a LayersModel stays the caller's). */
  dispose(): void;
}

/** Runs `fn` inside `tf.tidy` (every tensor it creates is disposed) and returns its non-tensor result. */
function tidy<T>(fn: () => T): T {
  let out: T | undefined;
  tf.tidy(() => {
    out = fn();
  });
  return out as T;
}

// Duck-typed, so that a LayersModel from another copy of tfjs-layers is still recognised.
const isLayersModel = (m: tf.LayersModel | TfjsFunctionNetwork): m is tf.LayersModel =>
  'trainableWeights' in m;

/**
 * Wraps a `tf.LayersModel` (its trainable weights are the parameters) or a functional network as a
 * {@link TfjsModel}.
 * @param network - the network
 * @param options - output family and output kind
 */
export function tfjsModel(
  network: tf.LayersModel | TfjsFunctionNetwork,
  options: TfjsModelOptions = {},
): TfjsModel {
  const likelihood: TfjsLikelihood = options.likelihood ?? { type: 'categorical' };
  const sigma = likelihood.type === 'gaussian' ? (likelihood.sigma ?? 1) : 1;
  if (!(sigma > 0 && Number.isFinite(sigma)))
    throw new InvalidArgumentError('likelihood.sigma', sigma, 'a finite σ > 0');
  const owned = !isLayersModel(network);
  const vars: tf.Variable[] = isLayersModel(network)
    ? network.trainableWeights.map((w) => w.read() as tf.Variable)
    : network.params.map((p) => tf.tidy(() => tf.variable(p.toFloat(), true)));
  const raw = isLayersModel(network)
    ? (x: tf.Tensor) => network.apply(x, { training: false }) as tf.Tensor
    : (x: tf.Tensor) => network.apply(vars, x);
  const forward =
    likelihood.type === 'categorical' && options.output === 'probabilities'
      ? (x: tf.Tensor) => tf.log(raw(x))
      : raw;
  const sizes = vars.map((v) => v.size);
  const dimension = sizes.reduce((a, b) => a + b, 0);

  const checkVec = (v: ArrayLike<number>, name: string): void => {
    if (v.length !== dimension)
      throw new InvalidArgumentError(name, v.length, `a vector of length ${dimension}`);
  };
  const split = (v: ArrayLike<number>): tf.Tensor[] => {
    const f = Float32Array.from(v);
    let off = 0;
    return vars.map((x, i) => {
      const t = tf.tensor(f.subarray(off, off + sizes[i]!), x.shape, 'float32');
      off += sizes[i]!;
      return t;
    });
  };
  const flatten = (ts: readonly tf.Tensor[]): Float64Array =>
    Float64Array.from(tf.concat(ts.map((t) => t.reshape([-1]))).dataSync());
  /** Gradient of sum(f(x) ∘ u) with respect to the variables, in variable order. */
  const vjp = (x: tf.Tensor, u: tf.Tensor, keep?: (z: tf.Tensor) => void): tf.Tensor[] => {
    const { grads } = tf.variableGrads(() => {
      const z = forward(x);
      keep?.(z);
      return tf.sum(tf.mul(z, u)) as tf.Scalar;
    }, vars);
    return vars.map((v) => grads[v.name]!);
  };
  const targets = (labels: TfjsLabels, z: tf.Tensor): tf.Tensor => {
    const n = z.shape[0]!;
    const k = z.shape[1]!;
    if (likelihood.type === 'categorical') {
      const t = labels instanceof tf.Tensor ? labels : tf.tensor1d(Array.from(labels), 'int32');
      if (t.rank === 2) return t.toFloat();
      return tf.oneHot(t.toInt().reshape([n]), k).toFloat();
    }
    const t = labels instanceof tf.Tensor ? labels : tf.tensor(Float32Array.from(labels));
    return t.toFloat().reshape([n, k]);
  };
  const meanNll = (z: tf.Tensor, y: tf.Tensor): tf.Scalar =>
    (likelihood.type === 'categorical'
      ? tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(z)), -1)))
      : tf.div(tf.mean(tf.sum(tf.square(tf.sub(z, y)), -1)), 2 * sigma * sigma)) as tf.Scalar;

  const setParameters = (w: ArrayLike<number>): void => {
    checkVec(w, 'w');
    tf.tidy(() => {
      const parts = split(w);
      vars.forEach((v, i) => {
        v.assign(parts[i]!);
      });
    });
  };
  const getParameters = (): Float32Array =>
    tidy(() => Float32Array.from(tf.concat(vars.map((v) => v.reshape([-1]))).dataSync()));

  const fisherVectorProduct = (
    x: tf.Tensor,
    v: ArrayLike<number>,
    o: TfjsFisherOptions = {},
  ): Float64Array => {
    checkVec(v, 'v');
    const type = o.type ?? 'exact';
    if (type === 'empirical' && o.labels === undefined)
      throw new InvalidArgumentError('options.labels', undefined, "labels for type 'empirical'");
    try {
      return fvpUnchecked(x, v, type, o.labels);
    } catch (e) {
      const m = /gradient function not found for (\w+)/.exec(String(e));
      if (m === null) throw e;
      throw new InvalidArgumentError(
        'network',
        m[1],
        'a network whose gradient ops are differentiable in their cotangent (double-VJP)',
        `tfjs registers no gradient for ${m[1]} (e.g. the elu activation); relu, tanh, sigmoid, selu, softplus, gelu work`,
      );
    }
  };
  const fvpUnchecked = (
    x: tf.Tensor,
    v: ArrayLike<number>,
    type: 'exact' | 'empirical',
    labels: TfjsLabels | undefined,
  ): Float64Array =>
    tidy(() => {
      const vs = split(v);
      let z: tf.Tensor | undefined; // the logits, kept out of the inner gradient scope
      try {
        // J v: differentiate the (linear) cotangent map u ↦ ⟨vjp(u), v⟩ with respect to u, at u = 0.
        const jv = tf.grad((u: tf.Tensor) => {
          const g = vjp(x, u, (zz) => {
            z ??= tf.keep(zz);
          });
          return tf.addN(g.map((gi, i) => tf.sum(tf.mul(gi, vs[i]!))));
        })(tf.zeros(outShape(x))) as tf.Tensor;
        const zz = z!;
        const n = zz.shape[0]!;
        let r: tf.Tensor;
        if (likelihood.type === 'categorical') {
          const p = tf.softmax(zz);
          if (type === 'exact') r = tf.sub(tf.mul(p, jv), tf.mul(p, tf.sum(tf.mul(p, jv), -1, true)));
          else {
            const res = tf.sub(p, targets(labels!, zz));
            r = tf.mul(res, tf.sum(tf.mul(res, jv), -1, true));
          }
        } else if (type === 'exact') r = tf.div(jv, sigma * sigma);
        else {
          const res = tf.div(tf.sub(zz, targets(labels!, zz)), sigma * sigma);
          r = tf.mul(res, tf.sum(tf.mul(res, jv), -1, true));
        }
        return flatten(vjp(x, tf.div(r, n)));
      } finally {
        (z as tf.Tensor | undefined)?.dispose();
      }
    });

  let outDim: number | undefined;
  const outShape = (x: tf.Tensor): [number, number] => {
    outDim ??= tf.tidy(() => forward(x.slice(0, 1)).shape[1]!);
    return [x.shape[0]!, outDim];
  };

  const predictive = (x: tf.Tensor, w: ArrayLike<number>): tf.Tensor => {
    setParameters(w);
    return forward(x);
  };

  return {
    dimension,
    likelihood,
    getParameters,
    setParameters,
    gradient: (x, labels) =>
      tidy(() => {
        const { grads } = tf.variableGrads(() => {
          const z = forward(x);
          return meanNll(z, targets(labels, z));
        }, vars);
        return flatten(vars.map((v) => grads[v.name]!));
      }),
    fisherVectorProduct,
    fisherOperator: (x, o = {}) => {
      const fo: TfjsFisherOptions = {};
      if (o.type !== undefined) fo.type = o.type;
      if (o.labels !== undefined) fo.labels = o.labels;
      return implicitFisher(dimension, (v) => fisherVectorProduct(x, v, fo), { cgTol: 1e-5, ...o });
    },
    kl: (x, w, w2) => {
      checkVec(w, 'w');
      checkVec(w2, 'w2');
      const saved = getParameters();
      try {
        return tidy(() => {
          const z1 = predictive(x, w);
          const z2 = predictive(x, w2);
          if (likelihood.type === 'gaussian')
            return tf.mean(tf.sum(tf.square(tf.sub(z1, z2)), -1)).dataSync()[0]! / (2 * sigma * sigma);
          const l1 = tf.logSoftmax(z1);
          const l2 = tf.logSoftmax(z2);
          return tf.mean(tf.sum(tf.mul(tf.exp(l1), tf.sub(l1, l2)), -1)).dataSync()[0]!;
        });
      } finally {
        setParameters(saved);
      }
    },
    dispose: () => {
      if (owned) for (const v of vars) v.dispose();
    },
  };
}

/**
 * A softmax classifier: {@link tfjsModel} with the categorical likelihood (the network outputs logits,
 * or probabilities with `output: 'probabilities'`).
 * @param network - a LayersModel or a functional network
 * @param options - output kind
 */
export function tfjsClassifier(
  network: tf.LayersModel | TfjsFunctionNetwork,
  options: Omit<TfjsModelOptions, 'likelihood'> = {},
): TfjsModel {
  return tfjsModel(network, { ...options, likelihood: { type: 'categorical' } });
}

/**
 * A Gaussian regressor with fixed noise σ: {@link tfjsModel} whose network outputs the means.
 * @param network - a LayersModel or a functional network
 * @param sigma - the noise standard deviation (default 1)
 */
export function tfjsRegressor(network: tf.LayersModel | TfjsFunctionNetwork, sigma = 1): TfjsModel {
  return tfjsModel(network, { likelihood: { type: 'gaussian', sigma } });
}
