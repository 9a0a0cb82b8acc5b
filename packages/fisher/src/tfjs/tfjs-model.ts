import { createRng, InvalidArgumentError } from '@infogeom/linalg';
import * as tf from '@tensorflow/tfjs';
import { implicitFisher } from '../operators/implicit-fisher.js';
import { sampledOutputScores } from './sampled-output-scores.js';
import type {
  TfjsFisherOptions,
  TfjsFunctionNetwork,
  TfjsLabels,
  TfjsLikelihood,
  TfjsMcFisherOptions,
  TfjsMcFisherVectorProduct,
  TfjsModel,
  TfjsModelOptions,
} from './tfjs-model-types.js';

export type * from './tfjs-model-types.js';

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

  /** Maps tfjs's missing second-order gradient to a typed error naming the op. */
  const doubleVjp = <T>(fn: () => T): T => {
    try {
      return fn();
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
  /** J v and the outputs z by differentiating the (linear) cotangent map u ↦ ⟨vjp(u), v⟩ at u = 0. */
  const jvp = (x: tf.Tensor, v: ArrayLike<number>): { jv: tf.Tensor; z: tf.Tensor } => {
    const vs = split(v);
    let z: tf.Tensor | undefined; // the outputs, kept out of the inner gradient scope
    const jv = tf.grad((u: tf.Tensor) => {
      const g = vjp(x, u, (zz) => {
        z ??= tf.keep(zz);
      });
      return tf.addN(g.map((gi, i) => tf.sum(tf.mul(gi, vs[i]!))));
    })(tf.zeros(outShape(x))) as tf.Tensor;
    return { jv, z: z! };
  };
  const checkSamples = (samples: number, min: number): number => {
    if (!Number.isInteger(samples) || samples < min)
      throw new InvalidArgumentError('options.samples', samples, `an integer ≥ ${min}`);
    return samples;
  };

  const fisherVectorProduct = (
    x: tf.Tensor,
    v: ArrayLike<number>,
    o: TfjsFisherOptions = {},
  ): Float64Array => {
    checkVec(v, 'v');
    const type = o.type ?? 'exact';
    if (type !== 'exact' && type !== 'empirical' && type !== 'mc')
      throw new InvalidArgumentError('options.type', type, "'exact', 'empirical' or 'mc'");
    if (type === 'empirical' && o.labels === undefined)
      throw new InvalidArgumentError('options.labels', undefined, "labels for type 'empirical'");
    const samples = checkSamples(o.samples ?? 1, 1);
    return doubleVjp(() =>
      tidy(() => {
        const { jv, z: zz } = jvp(x, v);
        const n = zz.shape[0]!;
        let r: tf.Tensor;
        if (type === 'mc') {
          // H ≈ (1/S) Σₛ uₛuₛᵀ; the scores come pre-scaled by 1/√S
          const u = sampledOutputScores(likelihood, zz, samples, o.rng ?? createRng(0));
          r = tf.sum(tf.mul(u, tf.sum(tf.mul(u, jv.expandDims(1)), -1, true)), 1);
        } else if (likelihood.type === 'categorical') {
          const p = tf.softmax(zz);
          if (type === 'exact') r = tf.sub(tf.mul(p, jv), tf.mul(p, tf.sum(tf.mul(p, jv), -1, true)));
          else {
            const res = tf.sub(p, targets(o.labels!, zz));
            r = tf.mul(res, tf.sum(tf.mul(res, jv), -1, true));
          }
        } else if (type === 'exact') r = tf.div(jv, sigma * sigma);
        else {
          const res = tf.div(tf.sub(zz, targets(o.labels!, zz)), sigma * sigma);
          r = tf.mul(res, tf.sum(tf.mul(res, jv), -1, true));
        }
        const out = flatten(vjp(x, tf.div(r, n)));
        zz.dispose();
        return out;
      }),
    );
  };

  const mcFisherVectorProduct = (
    x: tf.Tensor,
    v: ArrayLike<number>,
    o: TfjsMcFisherOptions = {},
  ): TfjsMcFisherVectorProduct => {
    checkVec(v, 'v');
    const S = checkSamples(o.samples ?? 16, 2);
    const sum = new Float64Array(dimension);
    const sq = new Float64Array(dimension);
    doubleVjp(() =>
      tf.tidy(() => {
        const { jv, z } = jvp(x, v);
        const n = z.shape[0]!;
        // unscaled scores: one draw per slice
        const u = tf.mul(sampledOutputScores(likelihood, z, S, o.rng ?? createRng(0)), Math.sqrt(S));
        z.dispose();
        const r = tf.mul(u, tf.sum(tf.mul(u, jv.expandDims(1)), -1, true));
        for (let s = 0; s < S; s++) {
          const f = tidy(() => flatten(vjp(x, tf.div(r.slice([0, s, 0], [n, 1, -1]).squeeze([1]), n))));
          for (let i = 0; i < dimension; i++) {
            sum[i]! += f[i]!;
            sq[i]! += f[i]! * f[i]!;
          }
        }
      }),
    );
    const value = sum.map((t) => t / S);
    const standardError = value.map((m, i) => Math.sqrt(Math.max(0, (sq[i]! - S * m * m) / (S - 1)) / S));
    return { value, standardError, samples: S };
  };

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
    mcFisherVectorProduct,
    fisherOperator: (x, o = {}) => {
      const fo: TfjsFisherOptions = {};
      if (o.type !== undefined) fo.type = o.type;
      if (o.labels !== undefined) fo.labels = o.labels;
      if (o.samples !== undefined) fo.samples = o.samples;
      // one generator across the operator's products, so repeated products use fresh draws
      fo.rng = o.rng ?? createRng(0);
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
