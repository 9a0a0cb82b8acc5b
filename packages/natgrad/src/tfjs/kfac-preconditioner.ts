import {
  captureDense,
  type DenseCapture,
  type DenseLayerView,
  denseLayers,
  type TfjsDenseNetwork,
  type TfjsLabels,
} from '@infogeom/fisher/tfjs';
import {
  createRng,
  DimensionMismatchError,
  InvalidArgumentError,
  NonFiniteError,
  type Rng,
  type RngState,
} from '@infogeom/linalg';
import * as tf from '@tensorflow/tfjs';
import { checkInvertible } from './kfac-eigen.js';
import { KfacLayerState, type KfacLayerStateJson } from './kfac-layer-state.js';
import {
  checkDampingValue,
  type KfacOptions,
  type ResolvedKfacOptions,
  resolveKfacOptions,
} from './kfac-options.js';
import { fisherQuadratic } from './kfac-quadratic.js';

/** What one K-FAC step did. */
export interface KfacStepInfo {
  /** Index of the step (0-based). */
  step: number;
  /** Mean loss of the batch before the step. */
  loss: number;
  /** Damping λ used by the step. */
  damping: number;
  /** KL-clipping factor ν ∈ (0, 1] applied to the preconditioned gradient. */
  klScale: number;
  /** Whether the factors were updated. */
  factorsUpdated: boolean;
  /** Whether the eigendecompositions were recomputed. */
  inversesUpdated: boolean;
  /** Levenberg–Marquardt reduction ratio ρ, when the damping was adapted at this step. */
  rho?: number;
}

/** The saved state of a {@link KfacPreconditioner} (JSON-safe; restores bit-identically). */
export interface KfacState {
  /** Format version (1). */
  version: 1;
  /** Steps taken. */
  step: number;
  /** Current damping λ. */
  damping: number;
  /** State of the label generator. */
  rng: RngState;
  /** Per-layer curvature. */
  layers: KfacLayerStateJson[];
}

/** Applies the preconditioned gradients (kernel layout [in', out] per layer) to the weights. */
export type KfacApply = (preconditioned: readonly tf.Tensor2D[]) => void;

/** A kernel-layout tensor split into a layer's parts ({@link splitKernelLayout}). */
export interface KernelLayoutParts {
  /** The kernel part [in, out]. */
  kernel: tf.Tensor2D;
  /** The bias part [out], or null for a layer without bias. */
  bias: tf.Tensor1D | null;
}

/**
 * Splits a kernel-layout [in', out] tensor into the kernel [in, out] and bias [out] of a layer.
 * @param l - the layer
 * @param V - tensor in kernel layout
 */
export function splitKernelLayout(l: DenseLayerView, V: tf.Tensor2D): KernelLayoutParts {
  if (l.bias === null) return { kernel: V, bias: null };
  return {
    kernel: V.slice([0, 0], [l.inputDim, l.outputDim]),
    bias: V.slice([l.inputDim, 0], [1, l.outputDim]).reshape([l.outputDim]) as tf.Tensor1D,
  };
}

/** The layer's weights in kernel layout [in', out] = [kernel; bias]. */
const kernelLayout = (l: DenseLayerView): tf.Tensor2D =>
  l.bias === null
    ? (l.kernel.clone() as tf.Tensor2D)
    : (tf.concat([l.kernel, l.bias.reshape([1, -1])], 0) as tf.Tensor2D);

/**
 * K-FAC / EK-FAC preconditioner for dense tfjs networks (Martens & Grosse 2015; George et al. 2018), usable
 * in front of any tfjs optimizer, as kfac-pytorch does: {@link KfacPreconditioner.step} computes the
 * loss and gradients itself (it needs the layer inputs and pre-activation gradients, which a
 * `tf.Optimizer` never sees), updates the running factors, preconditions the gradients by the damped
 * inverse K-FAC blocks, KL-clips them and hands them to `optimizer.applyGradients`.
 *
 * Factors are running averages A ← εA + (1−ε)A_batch every `factorUpdatePeriod` steps; eigenbases are
 * recomputed by linalg's float64 `eigh` every `inverseUpdatePeriod` steps; the damping is fixed or adapted
 * by the Levenberg–Marquardt rule with the exact Fisher quadratic model of the batch.
 */
export class KfacPreconditioner {
  /** The dense layers, input to output. */
  readonly layers: readonly DenseLayerView[];
  /** The resolved options. */
  readonly options: ResolvedKfacOptions;
  /** Per-layer curvature. */
  private readonly states: KfacLayerState[];
  /** The generator of the Monte Carlo labels (the trainer also shuffles with it); saved in the state. */
  readonly rng: Rng;
  /** Steps taken. */
  private t = 0;
  /** Current damping. */
  private lambda: number;

  /**
   * @param network - a Sequential, a chain functional LayersModel or a dense network
   * @param options - K-FAC options
   * @param defaultLearningRate - learning-rate default (KL clipping)
   * @throws UnsupportedLayerError naming a layer K-FAC cannot handle
   */
  constructor(
    network: tf.LayersModel | TfjsDenseNetwork,
    options: KfacOptions = {},
    defaultLearningRate = 0.01,
  ) {
    this.options = resolveKfacOptions(options, defaultLearningRate);
    this.layers = denseLayers(network);
    this.states = this.layers.map((l) => new KfacLayerState(l));
    this.rng = options.rng ?? createRng(0);
    this.lambda = this.options.damping;
  }

  /** Steps taken. */
  get stepCount(): number {
    return this.t;
  }

  /** Current damping λ. */
  get damping(): number {
    return this.lambda;
  }

  /**
   * Sets λ (checked: finite, ≥ 0; a λ that makes a factor singular is rejected at the next inverse).
   * @param value - new λ
   */
  set damping(value: number) {
    this.lambda = checkDampingValue(value);
  }

  /**
   * One step through a tfjs optimizer: loss, gradients and curvature of the batch, then
   * `optimizer.applyGradients` with the K-FAC-preconditioned gradients.
   * @param x - inputs [N, …]
   * @param y - labels: class indices/one-hot (categorical) or targets [N, k]
   * @param optimizer - any tfjs optimizer (SGD, momentum, Adam, …)
   * @throws NonFiniteError naming the step when the loss or gradient is not finite (weights unchanged)
   */
  step(x: tf.Tensor, y: TfjsLabels, optimizer: tf.Optimizer): KfacStepInfo {
    return this.stepWith(x, y, (pre) => {
      const map: tf.NamedTensorMap = {};
      this.layers.forEach((l, i) => {
        const { kernel, bias } = splitKernelLayout(l, pre[i]!);
        map[l.kernel.name] = kernel;
        if (l.bias !== null) map[l.bias.name] = bias!;
      });
      optimizer.applyGradients(map);
    });
  }

  /**
   * Preconditions per-layer gradients in kernel layout [in', out] with the current inverses (no KL
   * clipping): (A ⊗ G + λI)⁻¹ vec V for 'exact' damping, the π-adjusted factored inverse for
   * 'factored', (U_A ⊗ U_G)(S + λ)⁻¹(U_A ⊗ U_G)ᵀ for EK-FAC. Returns new tensors owned by the caller.
   * @param grads - one [in', out] tensor per layer
   * @throws InvalidArgumentError before the first inverse update
   */
  precondition(grads: readonly tf.Tensor2D[]): tf.Tensor2D[] {
    if (grads.length !== this.states.length)
      throw new DimensionMismatchError('grads.length', grads.length, `${this.states.length} layers`);
    if (this.states[0]!.eigA === null)
      throw new InvalidArgumentError(
        'precondition',
        this.t,
        'a preconditioner that has taken a step (no factors yet)',
      );
    return tf.tidy(() => this.preconditionAll(grads));
  }

  /** A JSON-safe snapshot of the curvature, damping, step count and generator state. */
  getState(): KfacState {
    return {
      version: 1,
      step: this.t,
      damping: this.lambda,
      rng: this.rng.getState(),
      layers: this.states.map((s) => s.toJson()),
    };
  }

  /**
   * Restores a snapshot of {@link KfacPreconditioner.getState} (the model's weights are not part of it).
   * @param state - the snapshot
   * @throws DimensionMismatchError when the layers differ
   */
  setState(state: KfacState): void {
    if (state.version !== 1) throw new InvalidArgumentError('state.version', state.version, '1');
    if (state.layers.length !== this.states.length)
      throw new DimensionMismatchError(
        'state.layers.length',
        state.layers.length,
        `${this.states.length} layers`,
      );
    state.layers.forEach((s, i) => {
      const st = this.states[i]!;
      if (s.A.length !== st.p * st.p || s.G.length !== st.q * st.q)
        throw new DimensionMismatchError(
          `state.layers[${i}]`,
          s.name,
          `factors of ${st.p}² and ${st.q}² entries`,
        );
    });
    state.layers.forEach((s, i) => {
      this.states[i]!.fromJson(s);
    });
    this.t = state.step;
    this.lambda = checkDampingValue(state.damping);
    this.rng.setState(state.rng);
  }

  /** Frees the preconditioner's tensors (not the model's). */
  dispose(): void {
    for (const s of this.states) s.dispose();
  }

  /** Preconditions every layer's gradient (inside the caller's tidy). */
  private preconditionAll(grads: readonly tf.Tensor2D[]): tf.Tensor2D[] {
    const ek = this.options.variant === 'ekfac' ? this.lambda : null;
    return this.states.map((s, i) => {
      if (ek === null) s.refreshInverse(this.lambda, this.options.dampingMode);
      return s.precondition(grads[i]!, ek);
    });
  }

  /**
   * One K-FAC step with a custom update rule: `apply` receives the KL-clipped preconditioned gradients
   * (kernel layout [in', out] per layer; they are disposed after `apply` returns) and must update the
   * weights. {@link KfacPreconditioner.step} and the trainer are built on it.
   * @param x - inputs [N, …]
   * @param y - labels
   * @param apply - the update rule
   * @throws NonFiniteError naming the step when the loss, gradient or preconditioned gradient is not finite
   */
  stepWith(x: tf.Tensor, y: TfjsLabels, apply: KfacApply): KfacStepInfo {
    const o = this.options;
    const t = this.t;
    const factorStep = t % o.factorUpdatePeriod === 0 || this.states[0]!.eigA === null;
    const inverseStep = t % o.inverseUpdatePeriod === 0 || this.states[0]!.eigA === null;
    const lmStep = o.adaptive !== null && (t + 1) % o.adaptive.interval === 0;
    const info: KfacStepInfo = {
      step: t,
      loss: Number.NaN,
      damping: this.lambda,
      klScale: 1,
      factorsUpdated: factorStep,
      inversesUpdated: inverseStep,
    };
    tf.tidy(() => {
      const c = captureDense(this.layers, x, y, {
        likelihood: o.likelihood,
        fisherType: o.fisherType,
        rng: this.rng,
        curvature: factorStep,
      });
      const grads = c.gradients!;
      const sq = tf.addN(grads.map((g) => tf.sum(tf.square(g))));
      const [loss, gn] = tf.stack([c.loss!, sq]).dataSync() as unknown as [number, number];
      if (!Number.isFinite(loss)) throw new NonFiniteError('loss', loss, 'a finite loss', `at step ${t}`);
      if (!Number.isFinite(gn)) throw new NonFiniteError('gradient', gn, 'a finite gradient', `at step ${t}`);
      info.loss = loss;
      if (factorStep) this.updateFactors(c, t === 0 || this.states[0]!.eigA === null);
      if (inverseStep) this.updateInverses();
      if (factorStep && o.variant === 'ekfac') this.updateScalings(c);
      const pre = this.preconditionAll(grads);
      const vg = tf.addN(pre.map((p, i) => tf.sum(tf.mul(p, grads[i]!))));
      const v = vg.dataSync()[0]!;
      if (!Number.isFinite(v))
        throw new NonFiniteError(
          'preconditioned gradient',
          v,
          'a finite preconditioned gradient',
          `at step ${t}`,
        );
      const eta = o.learningRate;
      const nu = o.klClip > 0 && v !== 0 ? Math.min(1, Math.sqrt(o.klClip / Math.abs(eta * eta * v))) : 1;
      info.klScale = nu;
      const scaled = nu === 1 ? pre : pre.map((p) => tf.mul(p, nu) as tf.Tensor2D);
      const before = lmStep
        ? this.layers.map((l) => ({ w: kernelLayout(l), k: l.kernel.clone() as tf.Tensor2D }))
        : null;
      apply(scaled);
      if (before !== null) info.rho = this.adaptDamping(c, x, y, grads, before, loss);
    });
    this.t++;
    return info;
  }

  /** Running-average factor update from a capture. */
  private updateFactors(c: DenseCapture, first: boolean): void {
    const d = this.options.factorDecay;
    this.states.forEach((s, i) => {
      const a = c.inputs[i]!;
      const g = c.curvatureRows[i]!;
      KfacLayerState.blend(s.A, tf.div(tf.matMul(tf.transpose(a), a), c.n), d, first);
      KfacLayerState.blend(s.G, tf.div(tf.matMul(tf.transpose(g), g), c.n), d, first);
    });
  }

  /** Recomputes every layer's eigendecompositions. */
  private updateInverses(): void {
    for (const s of this.states) {
      s.updateEigen();
      if (this.options.variant === 'kfac') s.refreshInverse(this.lambda, this.options.dampingMode);
    }
  }

  /** EK-FAC: S ← εS + (1−ε)·E[(U_Aᵀā)² (U_Gᵀg)²ᵀ] in the current eigenbasis */
  private updateScalings(c: DenseCapture): void {
    const d = this.options.factorDecay;
    this.states.forEach((s, i) => {
      const ah = tf.square(tf.matMul(c.inputs[i]!, s.eigA!.U));
      const gh = tf.sum(
        tf.square(tf.matMul(c.curvatureRows[i]!, s.eigG!.U)).reshape([c.n, c.rowsPerExample, s.q]),
        1,
      );
      KfacLayerState.blend(s.S, tf.div(tf.matMul(tf.transpose(ah), gh), c.n), d, false);
      if (this.lambda === 0) checkInvertible(s.S.dataSync(), `${s.layer.name} EK-FAC scalings`, 0);
    });
  }

  /** Levenberg–Marquardt: ρ = (L(θ+δ) − L(θ)) / (gᵀδ + ½δᵀ(F + λI)δ) */
  private adaptDamping(
    c: DenseCapture,
    x: tf.Tensor,
    y: TfjsLabels,
    grads: readonly tf.Tensor2D[],
    before: readonly { w: tf.Tensor2D; k: tf.Tensor2D }[],
    loss: number,
  ): number {
    const ad = this.options.adaptive!;
    const deltas = this.layers.map((l, i) => tf.sub(kernelLayout(l), before[i]!.w) as tf.Tensor2D);
    const quadF = fisherQuadratic(
      this.layers,
      c,
      before.map((b) => b.k),
      deltas,
      this.options.likelihood,
    );
    const gd = tf.addN(deltas.map((dl, i) => tf.sum(tf.mul(dl, grads[i]!))));
    const dd = tf.addN(deltas.map((dl) => tf.sum(tf.square(dl))));
    const after = captureDense(this.layers, x, y, { likelihood: this.options.likelihood, backward: false });
    const [q, g, n, l1] = tf.stack([quadF, gd, dd, after.loss!]).dataSync() as unknown as number[];
    const model = g! + 0.5 * q! + 0.5 * this.lambda * n!;
    const rho = (l1! - loss) / model;
    const omega = ad.decay ** ad.interval;
    if (Number.isFinite(rho)) {
      if (rho > 0.75) this.lambda = Math.max(ad.min, this.lambda * omega);
      else if (rho < 0.25) this.lambda = Math.min(ad.max, this.lambda / omega);
    } else this.lambda = Math.min(ad.max, this.lambda / omega);
    return rho;
  }
}
