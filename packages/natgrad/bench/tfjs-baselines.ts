/**
 * Shared tfjs baseline runner for the natgrad benchmarks (K-FAC, IVON, …): trains a model with tfjs's own
 * `tf.train.sgd`, `tf.train.momentum` and `tf.train.adam` at every learning rate of a grid, on the same
 * initial weights and the same seeded minibatch sequence, prints the grid as a Markdown table and returns
 * every run with its loss curve (full-data loss vs iteration and training seconds), and the best run per
 * method.
 *
 * API (stable; other benches import it):
 * - {@link runTfjsBaselines}(options) → {@link BaselineResult}: the grid search.
 * - {@link createMlp}(sizes, options): a seeded Sequential dense network (identical weights per seed).
 * - {@link batchSchedule}(n, batchSize, seed): the minibatch index sequence the runner uses, so a
 *   competing optimiser can train on exactly the same batches.
 * - {@link meanLoss}(kind): the loss functions by name (sum over outputs, mean over the batch).
 * - {@link firstReach}(curve, target): the first curve point at or below a target loss.
 *
 * Conventions: `x` is [n, d] and `y` is [n, k] (one-hot for softmax cross-entropy, targets in [0, 1] for
 * sigmoid cross-entropy, real targets for Gaussian); the model outputs logits / means [n, k]. Losses sum
 * over the k outputs and average over the batch. Seconds count training steps only (the optimiser
 * step plus reading its loss, which synchronises the backend); full-data evaluations are excluded.
 */
import { performance } from 'node:perf_hooks';
import { createRng } from '@infogeom/linalg';
import * as tf from '@tensorflow/tfjs';

/** A tfjs baseline optimiser. */
export type BaselineMethod = 'sgd' | 'momentum' | 'adam';

/** Built-in losses; see {@link meanLoss}. */
export type BaselineLossKind = 'softmax-cross-entropy' | 'sigmoid-cross-entropy' | 'gaussian';

/** A batch loss: (targets [b, k], model outputs [b, k]) ↦ scalar mean over the batch. */
export type BaselineLossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar;

/** One point of a loss curve. */
export interface CurvePoint {
  /** Optimiser steps taken so far. */
  iteration: number;
  /** Training seconds so far (evaluation excluded). */
  seconds: number;
  /** Loss on the evaluation data (default: the full training set). */
  loss: number;
}

/** One training run of the grid. */
export interface BaselineRun {
  /** The optimiser. */
  method: BaselineMethod;
  /** Its learning rate. */
  lr: number;
  /** Steps taken (fewer than the budget if the run diverged). */
  iterations: number;
  /** Training seconds (steps only). */
  seconds: number;
  /** Full-data loss at the end (NaN/∞ if diverged). */
  finalLoss: number;
  /** Full-data loss at iteration 0, every `evalEvery` steps and at the end. */
  curve: CurvePoint[];
  /** Minibatch loss of every step (as returned by `minimize`). */
  batchLosses: Float64Array;
  /** True when a minibatch loss became non-finite (the run stopped there). */
  diverged: boolean;
  /** The value {@link BaselineOptions.select} minimised (default `finalLoss`). */
  score: number;
  /** Extra metrics from {@link BaselineOptions.evaluate} on the final model. */
  metrics: Record<string, number>;
}

/** Result of {@link runTfjsBaselines}. */
export interface BaselineResult {
  /** Every run, in grid order. */
  runs: BaselineRun[];
  /** Best (lowest score, not diverged) run per method that was run. */
  best: Partial<Record<BaselineMethod, BaselineRun>>;
  /** Best run over all methods. */
  bestOverall: BaselineRun;
}

/** Options of {@link runTfjsBaselines}. */
export interface BaselineOptions {
  /** Label printed above the grid. */
  label?: string;
  /**
   * Builds the model. Called once per run; the runner copies the weights of the FIRST model it builds
   * into every later one, so all runs start from identical weights even if the factory is unseeded.
   */
  createModel: () => tf.LayersModel;
  /** Training inputs [n, d] (not disposed by the runner). */
  x: tf.Tensor2D;
  /** Training targets [n, k] (not disposed by the runner). */
  y: tf.Tensor2D;
  /** Loss by name or as a function (must average over the batch). */
  loss: BaselineLossKind | BaselineLossFn;
  /** Minibatch size (each epoch is a fresh seeded permutation; the last partial batch is dropped). */
  batchSize: number;
  /** Budget in epochs (ignored when `iterations` is given). */
  epochs?: number;
  /** Budget in optimiser steps. */
  iterations?: number;
  /** Learning-rate grid per method; methods absent here are not run. Default {@link DEFAULT_LR_GRID}. */
  lrGrid?: Partial<Record<BaselineMethod, readonly number[]>>;
  /** Momentum coefficient of `tf.train.momentum` (default 0.9). */
  momentum?: number;
  /** Seed of the minibatch schedule (default 0). */
  seed?: number;
  /** Evaluate the full-data loss every this many steps (default: once per epoch). */
  evalEvery?: number;
  /** Data the curve's loss is evaluated on (default the training data). */
  evalData?: { x: tf.Tensor2D; y: tf.Tensor2D };
  /** Extra metrics of a finished run's model (e.g. test NLL, accuracy); runs inside no tidy. */
  evaluate?: (model: tf.LayersModel) => Record<string, number>;
  /** Which run is best: minimise this (default the final full-data loss). */
  select?: (run: Omit<BaselineRun, 'score'>) => number;
  /** Print the grid table (default true). */
  print?: boolean;
}

/** Default learning-rate grids (half-decades). */
export const DEFAULT_LR_GRID: Record<BaselineMethod, readonly number[]> = {
  sgd: [0.01, 0.03, 0.1, 0.3, 1],
  momentum: [0.003, 0.01, 0.03, 0.1, 0.3],
  adam: [1e-4, 3e-4, 1e-3, 3e-3, 1e-2],
};

/**
 * The named losses, each summed over the outputs and averaged over the batch:
 * softmax cross-entropy −Σ_k y_k log softmax(z)_k (y one-hot or probabilities), sigmoid cross-entropy
 * Σ_k [max(z,0) − z y + log(1 + e^{−|z|})], Gaussian ½ Σ_k (y − z)² (the NLL with σ = 1 up to a constant).
 */
export function meanLoss(kind: BaselineLossKind): BaselineLossFn {
  switch (kind) {
    case 'softmax-cross-entropy':
      return (y, z) => tf.tidy(() => tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(z)), -1))) as tf.Scalar);
    case 'sigmoid-cross-entropy':
      return (y, z) =>
        tf.tidy(
          () =>
            tf.mean(
              tf.sum(tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.log1p(tf.exp(tf.neg(tf.abs(z))))), -1),
            ) as tf.Scalar,
        );
    case 'gaussian':
      return (y, z) => tf.tidy(() => tf.mul(0.5, tf.mean(tf.sum(tf.square(tf.sub(y, z)), -1))) as tf.Scalar);
  }
}

/** Options of {@link createMlp}. */
export interface MlpOptions {
  /** Hidden activation (default 'relu'); the output layer is linear (logits / means). */
  activation?: 'relu' | 'tanh' | 'sigmoid' | 'linear';
  /** Seed of the Glorot-uniform kernel initialisers (default 0); biases start at zero. */
  seed?: number;
}

/** A dense Sequential network with layer sizes `sizes` (input first), seeded Glorot-uniform init. */
export function createMlp(sizes: readonly number[], options: MlpOptions = {}): tf.Sequential {
  const seed = options.seed ?? 0;
  const net = tf.sequential();
  for (let l = 1; l < sizes.length; l++) {
    net.add(
      tf.layers.dense({
        ...(l === 1 ? { inputShape: [sizes[0] as number] } : {}),
        units: sizes[l] as number,
        activation: l === sizes.length - 1 ? 'linear' : (options.activation ?? 'relu'),
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed * 1000 + l }),
        biasInitializer: 'zeros',
      }),
    );
  }
  return net;
}

/**
 * The minibatch sequence of the runner: an endless iterator of row-index arrays of length `batchSize`,
 * a fresh permutation of 0..n−1 (seeded Fisher–Yates) per epoch, the last partial batch dropped.
 */
export function* batchSchedule(n: number, batchSize: number, seed = 0): Generator<Int32Array> {
  if (batchSize < 1 || batchSize > n) throw new RangeError(`batchSize ${batchSize} not in [1, ${n}]`);
  const rng = createRng(seed);
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  for (;;) {
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = perm[i] as number;
      perm[i] = perm[j] as number;
      perm[j] = t;
    }
    for (let s = 0; s + batchSize <= n; s += batchSize) yield perm.slice(s, s + batchSize);
  }
}

/** The first curve point whose loss is ≤ `target`, or undefined. */
export function firstReach(curve: readonly CurvePoint[], target: number): CurvePoint | undefined {
  return curve.find((p) => p.loss <= target);
}

function makeOptimizer(method: BaselineMethod, lr: number, momentum: number): tf.Optimizer {
  if (method === 'sgd') return tf.train.sgd(lr);
  if (method === 'momentum') return tf.train.momentum(lr, momentum);
  return tf.train.adam(lr);
}

function fullLoss(model: tf.LayersModel, lossFn: BaselineLossFn, x: tf.Tensor2D, y: tf.Tensor2D) {
  return tf.tidy(() => lossFn(y, model.predict(x) as tf.Tensor).dataSync()[0] as number);
}

function trainOne(
  o: BaselineOptions,
  method: BaselineMethod,
  lr: number,
  init: tf.Tensor[],
  budget: number,
  evalEvery: number,
): Omit<BaselineRun, 'score'> {
  const lossFn = typeof o.loss === 'string' ? meanLoss(o.loss) : o.loss;
  const model = o.createModel();
  model.setWeights(init);
  const opt = makeOptimizer(method, lr, o.momentum ?? 0.9);
  const ev = o.evalData ?? { x: o.x, y: o.y };
  const curve: CurvePoint[] = [{ iteration: 0, seconds: 0, loss: fullLoss(model, lossFn, ev.x, ev.y) }];
  const batchLosses = new Float64Array(budget);
  const batches = batchSchedule(o.x.shape[0], o.batchSize, o.seed ?? 0);
  let seconds = 0;
  let it = 0;
  let diverged = false;
  while (it < budget) {
    const idx = batches.next().value as Int32Array;
    const t0 = performance.now();
    const cost = tf.tidy(() => {
      const ii = tf.tensor1d(idx, 'int32');
      const xb = tf.gather(o.x, ii);
      const yb = tf.gather(o.y, ii);
      return opt.minimize(() => lossFn(yb, model.apply(xb) as tf.Tensor), true) as tf.Scalar;
    });
    const value = cost.dataSync()[0] as number;
    seconds += (performance.now() - t0) / 1000;
    cost.dispose();
    batchLosses[it++] = value;
    if (!Number.isFinite(value)) {
      diverged = true;
      break;
    }
    if (it % evalEvery === 0 || it === budget) {
      curve.push({ iteration: it, seconds, loss: fullLoss(model, lossFn, ev.x, ev.y) });
    }
  }
  const finalLoss = diverged ? Number.POSITIVE_INFINITY : (curve.at(-1) as CurvePoint).loss;
  const metrics = diverged || o.evaluate === undefined ? {} : o.evaluate(model);
  opt.dispose();
  model.dispose();
  return {
    method,
    lr,
    iterations: it,
    seconds,
    finalLoss,
    curve,
    batchLosses: batchLosses.subarray(0, it),
    diverged,
    metrics,
  };
}

function fmt(v: number): string {
  return Number.isFinite(v) ? v.toPrecision(4) : String(v);
}

/**
 * Trains with tfjs SGD, momentum and Adam at every learning rate of the grid (same initial weights, same
 * minibatches), prints the grid (method, lr, iterations, seconds, final loss, score, extra metrics, the
 * best per method marked) and returns all runs and the best ones. Throws if every run diverged.
 */
export function runTfjsBaselines(options: BaselineOptions): BaselineResult {
  const n = options.x.shape[0];
  const perEpoch = Math.floor(n / options.batchSize);
  const budget = options.iterations ?? perEpoch * (options.epochs ?? 1);
  const evalEvery = Math.max(1, options.evalEvery ?? perEpoch);
  const grid = options.lrGrid ?? DEFAULT_LR_GRID;
  const first = options.createModel();
  const init = first.getWeights().map((w) => w.clone());
  first.dispose();
  const runs: BaselineRun[] = [];
  const best: Partial<Record<BaselineMethod, BaselineRun>> = {};
  for (const method of ['sgd', 'momentum', 'adam'] as const) {
    for (const lr of grid[method] ?? []) {
      const r = trainOne(options, method, lr, init, budget, evalEvery);
      const raw = r.diverged ? Number.POSITIVE_INFINITY : (options.select?.(r) ?? r.finalLoss);
      const run: BaselineRun = { ...r, score: Number.isFinite(raw) ? raw : Number.POSITIVE_INFINITY };
      runs.push(run);
      const b = best[method];
      if (!run.diverged && (b === undefined || run.score < b.score)) best[method] = run;
    }
  }
  for (const t of init) t.dispose();
  const finite = Object.values(best);
  if (finite.length === 0) throw new Error('runTfjsBaselines: every run diverged');
  const bestOverall = finite.reduce((a, b) => (b.score < a.score ? b : a));
  if (options.print ?? true) {
    const keys = [...new Set(runs.flatMap((r) => Object.keys(r.metrics)))];
    console.log(`\n${options.label ?? 'tfjs baselines'}: ${budget} steps of batch ${options.batchSize}`);
    console.log(
      `| method | lr | iterations | seconds | final loss | score |${keys.map((k) => ` ${k} |`).join('')}`,
    );
    console.log(`|---|---|---|---|---|---|${keys.map(() => '---|').join('')}`);
    for (const r of runs) {
      const mark = best[r.method] === r ? ' **best**' : r.diverged ? ' (diverged)' : '';
      console.log(
        `| ${r.method}${mark} | ${r.lr} | ${r.iterations} | ${r.seconds.toFixed(2)} | ${fmt(r.finalLoss)} | ${fmt(r.score)} |` +
          keys.map((k) => ` ${fmt(r.metrics[k] ?? Number.NaN)} |`).join(''),
      );
    }
  }
  return { runs, best, bestOverall };
}
