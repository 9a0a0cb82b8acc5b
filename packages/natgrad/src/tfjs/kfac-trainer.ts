import type { TfjsDenseNetwork, TfjsLabels } from '@infogeom/fisher/tfjs';
import { AbortError, DimensionMismatchError, InvalidArgumentError } from '@infogeom/linalg';
import * as tf from '@tensorflow/tfjs';
import type { KfacOptions } from './kfac-options.js';
import {
  KfacPreconditioner,
  type KfacState,
  type KfacStepInfo,
  splitKernelLayout,
} from './kfac-preconditioner.js';

/** Options of {@link KfacTrainer}. */
export interface KfacTrainerOptions extends KfacOptions {
  /** Heavy-ball momentum μ ∈ [0, 1) (default 0.9): b ← μb + ν·P⁻¹∇L, w ← w − ηb. */
  momentum?: number;
}

/** Options of {@link KfacTrainer.fit}. */
export interface KfacFitOptions {
  /** Passes over the data (default 1). */
  epochs?: number;
  /** Mini-batch size (default 128; the last batch of an epoch may be smaller). */
  batchSize?: number;
  /** Shuffle every epoch with the trainer's generator (default true). */
  shuffle?: boolean;
  /** Stops the fit with an AbortError between steps. */
  signal?: AbortSignal;
  /** Called after every step; returning `false` stops the fit early. */
  onProgress?: (info: KfacStepInfo) => boolean | undefined;
}

/** Result of {@link KfacTrainer.fit}. */
export interface KfacFitResult {
  /** Steps taken by this fit. */
  steps: number;
  /** Completed epochs. */
  epochs: number;
  /** Mean batch loss of every step (before the step). */
  losses: number[];
  /** Mean batch loss of every completed epoch. */
  epochLosses: number[];
  /** True when all epochs ran; false when `onProgress` stopped the fit early. */
  completed: boolean;
}

/** Saved state of a {@link KfacTrainer}: the preconditioner's plus the momentum buffers. */
export interface KfacTrainerState extends KfacState {
  /** Momentum buffers per layer in kernel layout [in', out] (float32 values), or null before the first step. */
  momentum: number[][] | null;
}

/**
 * A K-FAC (or EK-FAC) trainer that wraps a dense tfjs network: `step(x, y)` takes one natural-gradient
 * step with momentum, `fit` runs epochs of mini-batches. The curvature options are those of
 * {@link KfacPreconditioner}; the learning rate defaults to 0.1 (with KL clipping 1e-3, as kfac-pytorch).
 * Saves and restores its state exactly (the model's weights are saved by the caller).
 */
export class KfacTrainer {
  /** The curvature side. */
  readonly preconditioner: KfacPreconditioner;
  /** Momentum μ. */
  readonly momentum: number;
  private buffers: tf.Variable[] | null = null;

  /**
   * @param network - a Sequential, a chain functional LayersModel or a dense network
   * @param options - K-FAC options plus momentum
   * @throws UnsupportedLayerError naming a layer K-FAC cannot handle
   */
  constructor(network: tf.LayersModel | TfjsDenseNetwork, options: KfacTrainerOptions = {}) {
    const momentum = options.momentum ?? 0.9;
    if (!(momentum >= 0 && momentum < 1))
      throw new InvalidArgumentError('momentum', momentum, 'a number in [0, 1)');
    this.momentum = momentum;
    this.preconditioner = new KfacPreconditioner(network, options, 0.1);
  }

  /** Steps taken. */
  get stepCount(): number {
    return this.preconditioner.stepCount;
  }

  /** Current damping λ. */
  get damping(): number {
    return this.preconditioner.damping;
  }

  /**
   * One step on a batch.
   * @param x - inputs [N, …]
   * @param y - labels: class indices/one-hot (categorical) or targets [N, k]
   * @throws NonFiniteError naming the step when the loss or gradient is not finite (weights unchanged)
   */
  step(x: tf.Tensor, y: TfjsLabels): KfacStepInfo {
    const pc = this.preconditioner;
    const eta = pc.options.learningRate;
    return pc.stepWith(x, y, (pre) => {
      this.buffers ??= pre.map((p) => tf.variable(tf.zerosLike(p), false));
      pc.layers.forEach((l, i) => {
        const b = this.buffers![i]!;
        b.assign(this.momentum === 0 ? pre[i]! : tf.add(tf.mul(b, this.momentum), pre[i]!));
        const { kernel, bias } = splitKernelLayout(l, b as unknown as tf.Tensor2D);
        l.kernel.assign(tf.sub(l.kernel, tf.mul(kernel, eta)));
        if (l.bias !== null) l.bias.assign(tf.sub(l.bias, tf.mul(bias!, eta)));
      });
    });
  }

  /**
   * Runs epochs of mini-batch steps over (x, y).
   * @param x - inputs [N, …]
   * @param y - labels for all N examples (tensor or array)
   * @param options - epochs, batch size, shuffling, abort signal, progress callback
   * @throws AbortError when `signal` fires
   */
  fit(x: tf.Tensor, y: TfjsLabels, options: KfacFitOptions = {}): KfacFitResult {
    const epochs = options.epochs ?? 1;
    const batchSize = options.batchSize ?? 128;
    if (!Number.isInteger(epochs) || epochs < 0)
      throw new InvalidArgumentError('epochs', epochs, 'an integer ≥ 0');
    if (!Number.isInteger(batchSize) || batchSize < 1)
      throw new InvalidArgumentError('batchSize', batchSize, 'an integer ≥ 1');
    const n = x.shape[0]!;
    const yt =
      y instanceof tf.Tensor
        ? y
        : tf.tensor(
            Array.from(y),
            undefined,
            this.preconditioner.options.likelihood.type === 'categorical' ? 'int32' : 'float32',
          );
    if (yt.shape[0] !== n && !(yt.rank === 1 && yt.size === n)) {
      if (!(y instanceof tf.Tensor)) yt.dispose();
      throw new DimensionMismatchError('y', yt.shape, `${n} labels`);
    }
    const ys =
      yt.rank === 1 && this.preconditioner.options.likelihood.type !== 'categorical'
        ? yt.reshape([n, -1])
        : yt;
    const rng = this.preconditioner.rng;
    const result: KfacFitResult = { steps: 0, epochs: 0, losses: [], epochLosses: [], completed: true };
    try {
      for (let e = 0; e < epochs; e++) {
        const order = Int32Array.from({ length: n }, (_v, i) => i);
        if (options.shuffle ?? true)
          for (let i = n - 1; i > 0; i--) {
            const j = rng.int(i + 1);
            const t = order[i]!;
            order[i] = order[j]!;
            order[j] = t;
          }
        let sum = 0;
        let count = 0;
        for (let s = 0; s < n; s += batchSize) {
          if (options.signal?.aborted) throw new AbortError(options.signal.reason);
          const idx = tf.tensor1d(order.subarray(s, Math.min(n, s + batchSize)), 'int32');
          const xb = tf.gather(x, idx);
          const yb = tf.gather(ys, idx);
          let info: KfacStepInfo;
          try {
            info = this.step(xb, yb);
          } finally {
            tf.dispose([idx, xb, yb]);
          }
          result.steps++;
          result.losses.push(info.loss);
          sum += info.loss * (Math.min(n, s + batchSize) - s);
          count += Math.min(n, s + batchSize) - s;
          if (options.onProgress?.(info) === false) {
            result.completed = false;
            return result;
          }
        }
        result.epochs++;
        result.epochLosses.push(sum / count);
      }
      return result;
    } finally {
      if (ys !== yt) ys.dispose();
      if (!(y instanceof tf.Tensor)) yt.dispose();
    }
  }

  /** A JSON-safe snapshot: curvature, damping, step count, generator and momentum. */
  getState(): KfacTrainerState {
    return {
      ...this.preconditioner.getState(),
      momentum: this.buffers === null ? null : this.buffers.map((b) => Array.from(b.dataSync())),
    };
  }

  /**
   * Restores a snapshot of {@link KfacTrainer.getState}; with the same weights and batches the following
   * steps are bit-identical.
   * @param state - the snapshot
   */
  setState(state: KfacTrainerState): void {
    this.preconditioner.setState(state);
    for (const b of this.buffers ?? []) b.dispose();
    this.buffers = null;
    if (state.momentum !== null) {
      const layers = this.preconditioner.layers;
      if (state.momentum.length !== layers.length)
        throw new DimensionMismatchError(
          'state.momentum.length',
          state.momentum.length,
          `${layers.length} layers`,
        );
      this.buffers = state.momentum.map((m, i) => {
        const l = layers[i]!;
        const shape: [number, number] = [l.inputDim + (l.bias === null ? 0 : 1), l.outputDim];
        return tf.tidy(() => tf.variable(tf.tensor2d(Float32Array.from(m), shape), false));
      });
    }
  }

  /** Frees the trainer's tensors (not the model's). */
  dispose(): void {
    this.preconditioner.dispose();
    for (const b of this.buffers ?? []) b.dispose();
    this.buffers = null;
  }
}
