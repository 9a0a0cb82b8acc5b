import type { Rng } from '@infogeom/linalg';
import type * as tf from '@tensorflow/tfjs';
import type { ImplicitFisher, ImplicitFisherOptions } from '../operators/implicit-fisher.js';

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
   * empirical Fisher approximation") and needs `labels`. 'mc': Monte Carlo, H replaced by
   * (1/S) Σₛ uₛuₛᵀ with uₛ = ∂(−log p(yₛ))/∂z for labels yₛ drawn from the model (`samples`, `rng`).
   */
  type?: 'exact' | 'empirical' | 'mc';
  /** Labels of the batch; required for 'empirical'. */
  labels?: TfjsLabels;
  /** Label draws per example for 'mc' (default 1). */
  samples?: number;
  /** Generator of the 'mc' labels (default `createRng(0)`: the same draws on every call). */
  rng?: Rng;
}

/** Options of {@link TfjsModel.mcFisherVectorProduct}. */
export interface TfjsMcFisherOptions {
  /** Independent label draws per example (default 16, at least 2); one VJP each. */
  samples?: number;
  /** Generator of the labels (default `createRng(0)`). */
  rng?: Rng;
}

/** A Monte Carlo Fisher-vector product with its standard error ({@link TfjsModel.mcFisherVectorProduct}). */
export interface TfjsMcFisherVectorProduct {
  /** The estimate of F v (mean over the draws). */
  value: Float64Array;
  /** Standard error of each entry: the sample standard deviation over the draws / √samples. */
  standardError: Float64Array;
  /** Number of draws. */
  samples: number;
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
   * Monte Carlo F v from labels sampled from the model, with a standard error per entry: draw s gives
   * Fₛ v = (1/N) Σᵢ Jᵢᵀ uᵢₛ uᵢₛᵀ Jᵢ v (one VJP per draw, J v shared), an unbiased estimate of F v.
   * @param x - inputs [N, …]
   * @param v - direction, length `dimension`
   * @param options - draws and generator
   */
  mcFisherVectorProduct(
    x: tf.Tensor,
    v: ArrayLike<number>,
    options?: TfjsMcFisherOptions,
  ): TfjsMcFisherVectorProduct;
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
