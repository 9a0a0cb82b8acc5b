import { createRng, InvalidArgumentError, NonFiniteError } from '@infogeom/linalg';
import * as tf from '@tensorflow/tfjs';
import type { SteppableOptimizer, StepRecord } from '../optimizer.js';
import { makeSteppable } from '../steppable.js';
import { createIvonBatches, type IvonBatches, type IvonBatchesState } from './ivon-batches.js';
import { type IvonNetworkInput, ivonNetworkAdapter, resolveIvonLoss } from './ivon-network.js';
import { createGaussianNoise, type GaussianNoise, type GaussianNoiseState } from './ivon-noise.js';
import { type IvonOptions, type ResolvedIvonOptions, resolveIvonOptions } from './ivon-options.js';
import {
  type IvonArrays,
  ivonAccumulate,
  ivonRefreshScale,
  ivonSampleWeights,
  ivonUpdate,
  sumOfSquares,
} from './ivon-update.js';

/** The record of one IVON step (see {@link StepRecord}); `loss` and `gradientNorm` are Monte Carlo estimates. */
export interface IvonStepRecord extends StepRecord {
  /** Mean minibatch loss over the step's weight samples θ ~ q (not at the posterior mean). */
  readonly loss: number;
  /** ‖ĝ‖: norm of the Monte Carlo gradient averaged over the step's weight samples. */
  readonly gradientNorm: number;
  /** The effective learning rate (lr, times h₀ + δ when `rescaleLr`). */
  readonly stepSize: number;
  /** The weight decay δ, which damps the Hessian estimate in the preconditioner (h + δ). */
  readonly damping: number;
  /** Weight samples drawn by this step. */
  readonly samples: number;
}

/** Options of {@link IvonOptimizer.predict}. */
export interface IvonPredictOptions {
  /** Posterior samples averaged (Bayesian model averaging; default 10); 0 predicts at the posterior mean. */
  samples?: number;
}

/** A snapshot of an IVON optimiser, restored exactly by {@link IvonOptimizer.setState}. */
export interface IvonState {
  /** Steps taken. */
  readonly iteration: number;
  /** Loss of the last step (NaN before the first). */
  readonly loss: number;
  /** Gradient norm of the last step (∞ before the first). */
  readonly gradientNorm: number;
  /** Posterior means m, one array per parameter tensor. */
  readonly mean: readonly Float32Array[];
  /** Hessian estimates h. */
  readonly hessian: readonly Float32Array[];
  /** Gradient momenta ḡ. */
  readonly momentum: readonly Float32Array[];
  /** Weight-noise stream of training steps. */
  readonly noise: GaussianNoiseState;
  /** Weight-noise stream of predictions. */
  readonly predictNoise: GaussianNoiseState;
  /** Minibatch schedule position, when data are attached. */
  readonly batches?: IvonBatchesState;
}

/**
 * IVON, the improved variational online Newton optimiser (Shen et al. 2024): a diagonal Gaussian posterior
 * q = N(m, diag σ²), σ² = 1/(λ(h + δ)), learnt at Adam-like cost. Each step draws θ = m + σε, takes the loss
 * gradient g at θ, estimates the Hessian by the reparameterisation trick ĥ = g·ε/σ, and updates
 * ḡ ← β₁ḡ + (1−β₁)g, h ← β₂h + (1−β₂)ĥ + ½(1−β₂)²(h−ĥ)²/(h+δ), m ← m − α clip((ḡ/(1−β₁ᵗ) + δm)/(h+δ), ξ).
 * The wrapped model's weights hold m between steps. Noise order: one draw per weight per sample, parameter
 * tensors concatenated in order. tfjs computes the gradients; the update itself is one fused pass over the
 * weights in JavaScript (fastest on the cpu and wasm backends; on a GPU backend each step reads the gradient back).
 */
export interface IvonOptimizer extends SteppableOptimizer<IvonStepRecord> {
  /**
   * One step on the minibatch (x, y), or on the next minibatch of the attached data when omitted.
   * @throws NonFiniteError naming the step when the loss or gradient is non-finite (m, h, ḡ untouched)
   */
  step(x?: tf.Tensor, y?: tf.Tensor): IvonStepRecord;
  /** Predictive mean of the link (softmax / sigmoid probabilities, Gaussian means) over posterior samples. */
  predict(x: tf.Tensor, options?: IvonPredictOptions): tf.Tensor;
  /** Copies of the posterior means m (caller disposes). */
  mean(): tf.Tensor[];
  /** Copies of the posterior standard deviations σ = 1/√(λ(h + δ)) (caller disposes). */
  posteriorStd(): tf.Tensor[];
  /** Copies of the Hessian estimates h (caller disposes). */
  hessian(): tf.Tensor[];
  /** The resolved hyperparameters. */
  readonly options: Readonly<ResolvedIvonOptions>;
  /** A snapshot of the full state. */
  getState(): IvonState;
  /** Restores a snapshot of an optimiser on the same network shapes; later steps repeat exactly. */
  setState(state: IvonState): void;
  /** Releases the optimiser (it holds no tensors between calls: its state lives in JavaScript arrays). */
  dispose(): void;
}

/** Creates an {@link IvonOptimizer} for a tfjs LayersModel or functional network. */
export function createIvon(network: IvonNetworkInput, options: IvonOptions): IvonOptimizer {
  const o = resolveIvonOptions(options);
  const { fn: lossFn, link } = resolveIvonLoss(o.loss, o.sigma);
  const net = ivonNetworkAdapter(network, lossFn);
  const sizes = net.shapes.map((s) => s.reduce((a, b) => a * b, 1));
  const offsets = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
  const total = sizes.reduce((a, b) => a + b, 0);
  const rng = options.rng ?? createRng(0);
  const noise = createGaussianNoise(rng);
  const predictNoise = createGaussianNoise(rng);
  const batches: IvonBatches | undefined =
    options.data === undefined ? undefined : createIvonBatches(options.data, rng.fork());
  const init = net.initial();
  const st: IvonArrays = {
    mean: new Float32Array(total),
    hessian: new Float32Array(total).fill(o.hessInit),
    momentum: new Float32Array(total),
    scale: new Float64Array(total),
  };
  ivonRefreshScale(st, o.ess, o.weightDecay);
  init.forEach((t, i) => {
    st.mean.set(t.dataSync(), offsets[i]);
  });
  tf.dispose(init);
  const hp = { ...o, lr: o.lr * (o.rescaleLr ? o.hessInit + o.weightDecay : 1) };
  const gHat = new Float64Array(total);
  const hHat = new Float64Array(total);
  let iteration = 0;
  let loss = Number.NaN;
  let gradientNorm = Number.POSITIVE_INFINITY;

  /** Tensors of a flat array, per parameter (copied: the cpu backend would otherwise alias the array). */
  const toTensors = (flat: Float32Array): tf.Tensor[] =>
    net.shapes.map((shape, i) =>
      tf.tensor(flat.slice(offsets[i], (offsets[i] as number) + (sizes[i] as number)), shape, 'float32'),
    );
  const writeMean = (): void => {
    if (net.writes) tf.tidy(() => net.write(toTensors(st.mean)));
  };
  const zBuf = new Float32Array(total);
  const thetaBuf = new Float32Array(total);
  /** Draws ε = zσ into the reused buffers (toTensors copies θ, so reuse is safe). */
  const draw = (src: GaussianNoise): { z: Float32Array; theta: Float32Array } => {
    const z = src.fill(zBuf);
    return { z, theta: ivonSampleWeights(st, z, thetaBuf) };
  };

  const step = (xIn?: tf.Tensor, yIn?: tf.Tensor): IvonStepRecord => {
    let owned: { x: tf.Tensor; y: tf.Tensor } | undefined;
    if (xIn === undefined || yIn === undefined) {
      if (batches === undefined)
        throw new InvalidArgumentError(
          'x',
          xIn,
          'a minibatch (x, y), or options.data attached to the optimiser',
        );
      owned = batches.next();
    }
    const x = owned?.x ?? (xIn as tf.Tensor);
    const y = owned?.y ?? (yIn as tf.Tensor);
    const t = iteration + 1;
    gHat.fill(0);
    hHat.fill(0);
    let lv = 0;
    const w = 1 / o.mcSamples;
    try {
      for (let s = 0; s < o.mcSamples; s++) {
        const { z, theta } = draw(noise);
        const r = tf.tidy(() => {
          const out = net.lossAndGrads(toTensors(theta), x, y);
          return [out.loss, ...out.grads];
        });
        lv += w * ((r[0] as tf.Tensor).dataSync()[0] as number);
        for (let i = 0; i < sizes.length; i++) {
          const gi = (r[i + 1] as tf.Tensor).dataSync() as Float32Array;
          ivonAccumulate(st, gi, z, offsets[i] as number, w, gHat, hHat);
        }
        tf.dispose(r);
      }
    } finally {
      if (owned !== undefined) tf.dispose([owned.x, owned.y]);
    }
    const g2 = sumOfSquares(gHat);
    if (!Number.isFinite(lv) || !Number.isFinite(g2) || !Number.isFinite(sumOfSquares(hHat))) {
      writeMean();
      const bad = Number.isFinite(lv) ? 'gradient' : 'loss';
      throw new NonFiniteError(
        `step ${t} ${bad}`,
        Number.isFinite(lv) ? g2 : lv,
        'finite values',
        'The weights were left at the last finite posterior mean.',
      );
    }
    ivonUpdate(st, gHat, hHat, hp, t);
    writeMean();
    iteration = t;
    loss = lv;
    gradientNorm = Math.sqrt(g2);
    return {
      iteration,
      loss,
      gradientNorm,
      stepSize: hp.lr,
      damping: o.weightDecay,
      accepted: true,
      momentum: o.beta1,
      samples: o.mcSamples,
    };
  };

  const predict = (x: tf.Tensor, po: IvonPredictOptions = {}): tf.Tensor => {
    const samples = po.samples ?? 10;
    if (!Number.isInteger(samples) || samples < 0)
      throw new InvalidArgumentError('options.samples', samples, 'an integer ≥ 0');
    const out = tf.tidy(() => {
      if (samples === 0) return link(net.forward(toTensors(st.mean), x, false));
      let acc: tf.Tensor | undefined;
      for (let s = 0; s < samples; s++) {
        const p = tf.tidy(() => link(net.forward(toTensors(draw(predictNoise).theta), x, false)));
        acc = acc === undefined ? p : tf.add(acc, p);
      }
      return tf.mul(acc as tf.Tensor, 1 / samples);
    });
    writeMean();
    return out;
  };

  const split = (flat: Float32Array): Float32Array[] =>
    sizes.map((n, i) => flat.slice(offsets[i], (offsets[i] as number) + n));
  const load = (arrays: readonly Float32Array[], name: string, into: Float32Array): void => {
    if (arrays.length !== sizes.length || arrays.some((a, i) => a.length !== sizes[i]))
      throw new InvalidArgumentError(
        `state.${name}`,
        arrays.length,
        `${sizes.length} arrays of sizes ${sizes.join(', ')}`,
      );
    arrays.forEach((a, i) => {
      into.set(a, offsets[i]);
    });
  };
  const stdFlat = (): Float32Array => st.hessian.map((v) => 1 / Math.sqrt(o.ess * (v + o.weightDecay)));

  const core = {
    get iteration() {
      return iteration;
    },
    get loss() {
      return loss;
    },
    get gradientNorm() {
      return gradientNorm;
    },
    done: false,
    step: () => step(),
  };
  const base = makeSteppable<IvonStepRecord, typeof core>(core);
  return {
    get iteration() {
      return iteration;
    },
    get loss() {
      return loss;
    },
    get gradientNorm() {
      return gradientNorm;
    },
    done: false,
    options: o,
    step,
    steps: base.steps,
    run: base.run,
    [Symbol.iterator]: base[Symbol.iterator],
    predict,
    mean: () => toTensors(st.mean),
    hessian: () => toTensors(st.hessian),
    posteriorStd: () => toTensors(stdFlat()),
    getState: () => ({
      iteration,
      loss,
      gradientNorm,
      mean: split(st.mean),
      hessian: split(st.hessian),
      momentum: split(st.momentum),
      noise: noise.getState(),
      predictNoise: predictNoise.getState(),
      ...(batches === undefined ? {} : { batches: batches.getState() }),
    }),
    setState(state) {
      load(state.mean, 'mean', st.mean);
      load(state.hessian, 'hessian', st.hessian);
      load(state.momentum, 'momentum', st.momentum);
      ivonRefreshScale(st, o.ess, o.weightDecay);
      noise.setState(state.noise);
      predictNoise.setState(state.predictNoise);
      if (batches !== undefined && state.batches !== undefined) batches.setState(state.batches);
      iteration = state.iteration;
      loss = state.loss;
      gradientNorm = state.gradientNorm;
      writeMean();
    },
    dispose: () => {},
  };
}
