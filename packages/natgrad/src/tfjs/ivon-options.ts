import { InvalidArgumentError, type Rng } from '@infogeom/linalg';
import type * as tf from '@tensorflow/tfjs';
import type { IvonLoss } from './ivon-network.js';

/** Training data attached to an IVON optimiser so that `step()` without arguments and `run()` work. */
export interface IvonData {
  /** Inputs [n, …]. Not copied or disposed: keep it alive while the optimiser uses it. */
  x: tf.Tensor;
  /** Targets [n, k] (or class indices [n] for softmax cross-entropy). Not copied or disposed. */
  y: tf.Tensor;
  /** Minibatch size (default 128, at most n); each epoch is a fresh seeded permutation, the remainder dropped. */
  batchSize?: number;
}

/**
 * Options of `createIvon`. Names and defaults follow Shen et al. (2024), "Variational Learning is
 * Effective for Large Deep Networks", and their reference `ivon` package.
 */
export interface IvonOptions {
  /** Learning rate α > 0 (required; the paper uses 0.1–0.5 with `rescaleLr`, like SGD's). */
  lr: number;
  /** Effective sample size λ > 0 (required): the posterior temperature, usually the training-set size N. */
  ess: number;
  /** The loss, a mean negative log-likelihood over the batch (default 'softmax-cross-entropy'). */
  loss?: IvonLoss;
  /** Noise standard deviation of the 'gaussian' loss (default 1). */
  sigma?: number;
  /** Gradient momentum β₁ ∈ [0, 1) (default 0.9). */
  beta1?: number;
  /** Hessian averaging β₂ ∈ [0, 1) (default 0.99999). */
  beta2?: number;
  /** Initial Hessian estimate h₀ > 0 (default 1): the initial posterior standard deviation is 1/√(λ(h₀ + δ)). */
  hessInit?: number;
  /** Weight decay δ ≥ 0 (default 1e-4): the prior N(0, 1/(λδ)) on every weight. */
  weightDecay?: number;
  /** Monte Carlo weight samples per step (default 1). */
  mcSamples?: number;
  /** Elementwise clip radius ξ > 0 of the preconditioned update (default ∞: no clipping). */
  clipRadius?: number;
  /** Multiply the learning rate by (h₀ + δ) so that the first steps match SGD with `lr` (default true, as the reference). */
  rescaleLr?: boolean;
  /** Bias-correct the momentum by 1 − β₁ᵗ (default true). */
  debias?: boolean;
  /** Source of all randomness (weight noise, minibatch order, predictive samples); default createRng(0). */
  rng?: Rng;
  /** Training data for `step()` without arguments and `run()`. */
  data?: IvonData;
}

/** {@link IvonOptions} with every default filled in (what `IvonOptimizer.options` shows). */
export interface ResolvedIvonOptions {
  /** See {@link IvonOptions.lr}. */
  lr: number;
  /** See {@link IvonOptions.ess}. */
  ess: number;
  /** See {@link IvonOptions.loss}. */
  loss: IvonLoss;
  /** See {@link IvonOptions.sigma}. */
  sigma: number;
  /** See {@link IvonOptions.beta1}. */
  beta1: number;
  /** See {@link IvonOptions.beta2}. */
  beta2: number;
  /** See {@link IvonOptions.hessInit}. */
  hessInit: number;
  /** See {@link IvonOptions.weightDecay}. */
  weightDecay: number;
  /** See {@link IvonOptions.mcSamples}. */
  mcSamples: number;
  /** See {@link IvonOptions.clipRadius}. */
  clipRadius: number;
  /** See {@link IvonOptions.rescaleLr}. */
  rescaleLr: boolean;
  /** See {@link IvonOptions.debias}. */
  debias: boolean;
}

function positive(name: string, v: number): number {
  if (!(v > 0) || Number.isNaN(v)) throw new InvalidArgumentError(`options.${name}`, v, 'a number > 0');
  return v;
}

function unit(name: string, v: number): number {
  if (!(v >= 0 && v < 1)) throw new InvalidArgumentError(`options.${name}`, v, 'a number in [0, 1)');
  return v;
}

/** Validates `options` and fills in the defaults; throws InvalidArgumentError naming a bad option. */
export function resolveIvonOptions(options: IvonOptions): ResolvedIvonOptions {
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError('options', options, 'an object with lr and ess');
  const mcSamples = options.mcSamples ?? 1;
  if (!Number.isInteger(mcSamples) || mcSamples < 1)
    throw new InvalidArgumentError('options.mcSamples', mcSamples, 'an integer ≥ 1');
  const weightDecay = options.weightDecay ?? 1e-4;
  if (!(weightDecay >= 0 && Number.isFinite(weightDecay)))
    throw new InvalidArgumentError('options.weightDecay', weightDecay, 'a finite number ≥ 0');
  const lr = positive('lr', options.lr);
  if (!Number.isFinite(lr)) throw new InvalidArgumentError('options.lr', lr, 'a finite number > 0');
  const ess = positive('ess', options.ess);
  if (!Number.isFinite(ess)) throw new InvalidArgumentError('options.ess', ess, 'a finite number > 0');
  const hessInit = positive('hessInit', options.hessInit ?? 1);
  if (!Number.isFinite(hessInit))
    throw new InvalidArgumentError('options.hessInit', hessInit, 'a finite number > 0');
  return {
    lr,
    ess,
    loss: options.loss ?? 'softmax-cross-entropy',
    sigma: positive('sigma', options.sigma ?? 1),
    beta1: unit('beta1', options.beta1 ?? 0.9),
    beta2: unit('beta2', options.beta2 ?? 0.99999),
    hessInit,
    weightDecay,
    mcSamples,
    clipRadius: positive('clipRadius', options.clipRadius ?? Number.POSITIVE_INFINITY),
    rescaleLr: options.rescaleLr ?? true,
    debias: options.debias ?? true,
  };
}
