import { createRng, DimensionMismatchError, InvalidArgumentError, type Rng } from '@infogeom/linalg';
import * as tf from '@tensorflow/tfjs';
import type { DenseLayerView } from './dense-network.js';
import { UnsupportedLayerError } from './dense-network.js';
import type { TfjsCategoricalLikelihood, TfjsGaussianLikelihood, TfjsLabels } from './tfjs-model.js';

/** Independent Bernoulli outputs (sigmoid cross-entropy): the network gives one logit per output. */
export interface TfjsBernoulliLikelihood {
  /** Always 'bernoulli'. */
  type: 'bernoulli';
}

/** Output family of a K-FAC model: softmax, sigmoid (Bernoulli) or Gaussian with fixed σ. */
export type KfacLikelihood = TfjsCategoricalLikelihood | TfjsBernoulliLikelihood | TfjsGaussianLikelihood;

/**
 * Which labels drive the backward pass of the curvature statistics.
 * - 'mc' (default): labels sampled from the model's predictive p(y | x, w) with a seeded Rng — an
 *   unbiased estimate of the true Fisher's factors.
 * - 'exact': the expectation over labels in closed form, one backward row per column of a square root of
 *   the output Fisher (softmax: √pᶜ(p − e_c); Bernoulli: √(p(1−p)) e_c; Gaussian: e_c/σ) — k rows per
 *   example, so it costs k backward passes (k = output width).
 * - 'empirical': the observed labels. This is the empirical Fisher, which differs from the Fisher away
 *   from an optimum and can precondition badly (Kunstner, Balles & Hennig 2019, "Limitations of the
 *   empirical Fisher approximation").
 */
export type KfacFisherType = 'mc' | 'exact' | 'empirical';

/** Options of {@link captureDense}. */
export interface DenseCaptureOptions {
  /** Output family (default categorical). */
  likelihood?: KfacLikelihood;
  /** Labels of the curvature backward pass (default 'mc'). */
  fisherType?: KfacFisherType;
  /** Label draws per example for 'mc' (default 1). */
  samples?: number;
  /** Generator of the 'mc' labels (default `createRng(0)`, i.e. the same draws on every call). */
  rng?: Rng;
  /** Compute the curvature rows (default true). */
  curvature?: boolean;
  /** Run the backward pass (default true); with `false` only the forward pass and the loss are computed. */
  backward?: boolean;
}

/**
 * Tensors of one forward pass and one (stacked) backward pass through a dense network. All are fresh
 * tensors owned by the caller (wrap the call in `tf.tidy`).
 */
export interface DenseCapture {
  /** Batch size N. */
  n: number;
  /** Network outputs [N, k]: logits (categorical, Bernoulli) or means (Gaussian). */
  outputs: tf.Tensor2D;
  /** Mean negative log-likelihood of the labels (null without labels). */
  loss: tf.Scalar | null;
  /** Layer inputs ā_l [N, in'] with the constant 1 appended when the layer has a bias. */
  inputs: tf.Tensor2D[];
  /** Pre-activations s_l [N, out] (for the last layer of a categorical/Bernoulli model, the logits). */
  preactivations: tf.Tensor2D[];
  /**
   * Curvature rows g_l [N·r, out] of each layer (example-major, r = {@link DenseCapture.rowsPerExample}),
   * scaled so that G_l = g_lᵀ g_l / N; empty without curvature.
   */
  curvatureRows: tf.Tensor2D[];
  /** Curvature rows per example. */
  rowsPerExample: number;
  /** Gradients of the mean loss per layer, [in', out] = [∂kernel; ∂bias] (null without labels). */
  gradients: tf.Tensor2D[] | null;
}

/** Labels as a float [N, k] target tensor (class indices become one-hot). */
export function targetTensor(
  labels: TfjsLabels,
  likelihood: KfacLikelihood,
  n: number,
  k: number,
): tf.Tensor2D {
  if (likelihood.type === 'categorical') {
    const t = labels instanceof tf.Tensor ? labels : tf.tensor1d(Array.from(labels), 'int32');
    if (t.rank === 2) {
      if (t.shape[0] !== n || t.shape[1] !== k)
        throw new DimensionMismatchError('labels', t.shape, `one-hot [${n}, ${k}] or ${n} class indices`);
      return t.toFloat() as tf.Tensor2D;
    }
    if (t.size !== n) throw new DimensionMismatchError('labels', t.shape, `${n} class indices`);
    return tf.oneHot(t.toInt().reshape([n]), k).toFloat() as tf.Tensor2D;
  }
  const t = labels instanceof tf.Tensor ? labels : tf.tensor(Float32Array.from(labels));
  if (t.size !== n * k) throw new DimensionMismatchError('labels', t.shape, `${n}×${k} targets`);
  return t.toFloat().reshape([n, k]) as tf.Tensor2D;
}

/** Per-example cotangent ∂ℓₙ/∂s_L and mean loss at the output, from logits/means z. */
function dataCotangent(
  likelihood: KfacLikelihood,
  z: tf.Tensor2D,
  dz: tf.Tensor2D | null,
  y: tf.Tensor2D,
): { cot: tf.Tensor2D; loss: tf.Scalar } {
  if (likelihood.type === 'categorical') {
    const cot = tf.sub(tf.softmax(z), y) as tf.Tensor2D;
    return { cot, loss: tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(z)), -1))) as tf.Scalar };
  }
  if (likelihood.type === 'bernoulli') {
    const cot = tf.sub(tf.sigmoid(z), y) as tf.Tensor2D;
    const l = tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
    return { cot, loss: tf.mean(tf.sum(l, -1)) as tf.Scalar };
  }
  const s2 = (likelihood.sigma ?? 1) ** 2;
  const r = tf.sub(z, y);
  const cot = tf.div(dz === null ? r : tf.mul(r, dz), s2) as tf.Tensor2D;
  return { cot, loss: tf.div(tf.mean(tf.sum(tf.square(r), -1)), 2 * s2) as tf.Scalar };
}

/** Curvature cotangents [N, r, k] with respect to s_L (see {@link KfacFisherType}). */
function curvatureCotangent(
  likelihood: KfacLikelihood,
  type: 'mc' | 'exact',
  z: tf.Tensor2D,
  dz: tf.Tensor2D | null,
  samples: number,
  rng: Rng,
): tf.Tensor3D {
  const [n, k] = z.shape;
  if (type === 'exact') {
    const eye = tf.eye(k).expandDims(0);
    if (likelihood.type === 'categorical') {
      const p = tf.softmax(z);
      return tf.mul(tf.sqrt(p).expandDims(2), tf.sub(p.expandDims(1), eye)) as tf.Tensor3D;
    }
    const w =
      likelihood.type === 'bernoulli'
        ? tf.sqrt(tf.mul(tf.sigmoid(z), tf.sub(1, tf.sigmoid(z))))
        : tf.div(dz ?? tf.onesLike(z), likelihood.sigma ?? 1);
    return tf.mul(eye, w.expandDims(1)) as tf.Tensor3D;
  }
  const scale = 1 / Math.sqrt(samples);
  const draws = new Float32Array(n * samples * k);
  if (likelihood.type === 'gaussian') {
    for (let t = 0; t < draws.length; t++) draws[t] = rng.normal();
    const e = tf.tensor3d(draws, [n, samples, k]);
    return tf.mul(
      e,
      tf.div(dz ?? tf.onesLike(z), (likelihood.sigma ?? 1) / scale).expandDims(1),
    ) as tf.Tensor3D;
  }
  const pt = likelihood.type === 'categorical' ? tf.softmax(z) : tf.sigmoid(z);
  const p = pt.dataSync();
  if (likelihood.type === 'categorical') {
    for (let i = 0; i < n; i++)
      for (let s = 0; s < samples; s++) {
        const u = rng.uniform();
        let c = 0;
        let acc = p[i * k]!;
        while (u >= acc && c < k - 1) acc += p[i * k + ++c]!;
        draws[(i * samples + s) * k + c] = 1;
      }
  } else {
    for (let i = 0; i < n; i++)
      for (let s = 0; s < samples; s++)
        for (let c = 0; c < k; c++) draws[(i * samples + s) * k + c] = rng.uniform() < p[i * k + c]! ? 1 : 0;
  }
  return tf.mul(tf.sub(pt.expandDims(1), tf.tensor3d(draws, [n, samples, k])), scale) as tf.Tensor3D;
}

/**
 * One forward pass through a dense network, rebuilt layer by layer from the variables so that the
 * pre-activations s_l = a_l W_l + b_l are explicit, and one backward pass written out by hand
 * (g_{l−1} = (g_l W_lᵀ) ∘ φ′(s_{l−1})) that carries the data cotangent and the curvature cotangents
 * stacked, so the gradient and the K-FAC statistics share it. No tfjs autodiff is used, so no second
 * derivative is ever taken. Call inside `tf.tidy`.
 * @param layers - from {@link denseLayers}
 * @param x - inputs [N, …] (flattened to [N, in])
 * @param labels - observed labels (class indices / one-hot, or targets [N, k]); null for curvature only
 * @param options - likelihood, Fisher type, samples, rng
 * @throws UnsupportedLayerError when the output layer does not fit the likelihood
 */
export function captureDense(
  layers: readonly DenseLayerView[],
  x: tf.Tensor,
  labels: TfjsLabels | null,
  options: DenseCaptureOptions = {},
): DenseCapture {
  const likelihood = options.likelihood ?? { type: 'categorical' };
  const type = options.fisherType ?? 'mc';
  const samples = options.samples ?? 1;
  const backward = options.backward ?? true;
  const curvature = backward && (options.curvature ?? true);
  if (!Number.isInteger(samples) || samples < 1)
    throw new InvalidArgumentError('options.samples', samples, 'an integer ≥ 1');
  if (type !== 'mc' && type !== 'exact' && type !== 'empirical')
    throw new InvalidArgumentError('options.fisherType', type, "'mc', 'exact' or 'empirical'");
  if (labels === null && !curvature)
    throw new InvalidArgumentError('labels', null, 'labels, or a backward pass with curvature');
  if (type === 'empirical' && curvature && labels === null)
    throw new InvalidArgumentError('labels', null, "labels for fisherType 'empirical'");
  const last = layers[layers.length - 1]!;
  const link =
    likelihood.type === 'categorical' ? 'softmax' : likelihood.type === 'bernoulli' ? 'sigmoid' : null;
  if (link !== null && last.activation !== 'linear' && last.activation !== link)
    throw new UnsupportedLayerError(
      'network',
      last.name,
      `a ${likelihood.type} output layer with activation 'linear' or '${link}'`,
      `got '${last.activation}'`,
    );
  const n = x.shape[0]!;
  let a = x.reshape([n, -1]) as tf.Tensor2D;
  if (a.shape[1] !== layers[0]!.inputDim)
    throw new DimensionMismatchError('x', x.shape, `[N, ${layers[0]!.inputDim}]`);
  const inputs: tf.Tensor2D[] = [];
  const pre: tf.Tensor2D[] = [];
  const post: tf.Tensor2D[] = [];
  const ones = tf.ones([n, 1]);
  for (const l of layers) {
    inputs.push(l.bias === null ? a : (tf.concat([a, ones], 1) as tf.Tensor2D));
    let s = tf.matMul(a, l.kernel) as tf.Tensor2D;
    if (l.bias !== null) s = tf.add(s, l.bias) as tf.Tensor2D;
    pre.push(s);
    a = (l === last && link !== null ? s : l.rule.apply(s)) as tf.Tensor2D;
    post.push(a);
  }
  const sL = pre[pre.length - 1]!;
  const z = a;
  const dz =
    likelihood.type === 'gaussian' && last.activation !== 'linear'
      ? (last.rule.derivative(sL, z) as tf.Tensor2D)
      : null;
  const k = z.shape[1];
  const parts: tf.Tensor3D[] = [];
  let loss: tf.Scalar | null = null;
  let dataCot: tf.Tensor2D | null = null;
  if (labels !== null) {
    const d = dataCotangent(likelihood, z, dz, targetTensor(labels, likelihood, n, k));
    loss = d.loss;
    dataCot = d.cot;
    parts.push(d.cot.expandDims(1) as tf.Tensor3D);
  }
  let r = 0;
  if (!backward)
    return {
      n,
      outputs: z,
      loss,
      inputs,
      preactivations: pre,
      curvatureRows: [],
      rowsPerExample: 0,
      gradients: null,
    };
  if (curvature) {
    const c =
      type === 'empirical'
        ? (dataCot!.expandDims(1) as tf.Tensor3D)
        : curvatureCotangent(likelihood, type, z, dz, samples, options.rng ?? createRng(0));
    r = c.shape[1];
    if (type !== 'empirical' || labels === null) parts.push(c);
  }
  const m = parts.length === 1 ? parts[0]! : (tf.concat(parts, 1) as tf.Tensor3D);
  const width = m.shape[1];
  const off = labels !== null ? 1 : 0;
  const curvOff = type === 'empirical' ? 0 : off; // empirical rows are the data rows
  const curvatureRows: tf.Tensor2D[] = [];
  const gradients: tf.Tensor2D[] = [];
  let cot = m;
  for (let li = layers.length - 1; li >= 0; li--) {
    const l = layers[li]!;
    const out = l.outputDim;
    if (labels !== null) {
      const gd = cot.slice([0, 0, 0], [n, 1, out]).reshape([n, out]);
      // explicit transposes: the wasm backend's transposed matMul is several times slower
      gradients[li] = tf.div(tf.matMul(tf.transpose(inputs[li]!), gd), n) as tf.Tensor2D;
    }
    if (curvature) {
      const rows = width === r && curvOff === 0 ? cot : cot.slice([0, curvOff, 0], [n, r, out]);
      curvatureRows[li] = rows.reshape([n * r, out]) as tf.Tensor2D;
    }
    if (li > 0) {
      const prev = layers[li - 1]!;
      const back = tf
        .matMul(cot.reshape([n * width, out]), tf.transpose(l.kernel))
        .reshape([n, width, prev.outputDim]);
      cot = tf.mul(back, prev.rule.derivative(pre[li - 1]!, post[li - 1]!).expandDims(1)) as tf.Tensor3D;
    }
  }
  return {
    n,
    outputs: z,
    loss,
    inputs,
    preactivations: pre,
    curvatureRows,
    rowsPerExample: r,
    gradients: labels !== null ? gradients : null,
  };
}
