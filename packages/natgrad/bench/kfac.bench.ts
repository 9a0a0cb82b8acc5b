/**
 * K-FAC against tfjs's own optimisers on real digits (wasm backend, one process, issue 8):
 * 1. MLP 784-128-10 (ReLU, softmax cross-entropy) on the 10,000 `loadMnist` digits: SGD and Adam are tuned
 *    on a printed learning-rate grid for 2 epochs; K-FAC must reach tuned Adam's 2-epoch training loss in
 *    less wall-clock time.
 * 2. Deep autoencoder 784-256-64-16-64-256-784 (tanh hidden layers, 784 logits, sigmoid cross-entropy):
 *    Adam tuned on a grid for a fixed step budget; K-FAC must reach Adam's best loss in ≤ 1/3 of Adam's
 *    iterations and no more wall-clock.
 * 3. Step cost: K-FAC step (factors every 5 steps, inverses every 20 steps) vs Adam step on the same net
 *    and batch, amortised over 40 steps, interleaved in chunks of 20; target ≤ 2×.
 * Seconds count training steps only (batch gather, step, loss read-back); full-data evaluations are excluded.
 * `INFOGEOM_BENCH_SIZE=small`: 1,000 digits and tiny budgets (< 60 s).
 */
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { createRng } from '@infogeom/linalg';
import { benchSize } from '../../../tooling/bench/harness.js';
import { loadMnist } from '../../../tooling/bench/mnist.js';
import { KfacTrainer, type KfacTrainerOptions } from '../src/tfjs/kfac-trainer.js';
import { batchSchedule, createMlp, meanLoss } from './tfjs-baselines.js';

/**
 * Full-data loss by `model.apply` (tfjs `predict` slices the data into batches of 32, which is pathologically
 * slow on the wasm backend: two minutes for 10,000 digits instead of 0.2 s).
 */
function fullLoss(
  model: tf.LayersModel,
  loss: (y: tf.Tensor, z: tf.Tensor) => tf.Scalar,
  x: tf.Tensor2D,
  y: tf.Tensor2D,
): number {
  return tf.tidy(() => loss(y, model.apply(x) as tf.Tensor).dataSync()[0]!);
}

interface GridRun {
  method: string;
  lr: number;
  iterations: number;
  seconds: number;
  finalLoss: number;
  curve: { iteration: number; seconds: number; loss: number }[];
}

/** tfjs SGD / Adam over a learning-rate grid, same initial weights and batches; prints the grid. */
function tfjsGrid(
  title: string,
  build: () => tf.LayersModel,
  init: tf.Tensor[],
  x: tf.Tensor2D,
  y: tf.Tensor2D,
  loss: (y: tf.Tensor, z: tf.Tensor) => tf.Scalar,
  grid: Record<'sgd' | 'adam', number[]>,
  batchSize: number,
  budget: number,
  evalEvery: number,
): Record<'sgd' | 'adam', GridRun | undefined> {
  const runs: GridRun[] = [];
  for (const method of ['sgd', 'adam'] as const)
    for (const lr of grid[method]) {
      const model = build();
      model.setWeights(init);
      const opt = method === 'sgd' ? tf.train.sgd(lr) : tf.train.adam(lr);
      const batches = batchSchedule(x.shape[0], batchSize, 0);
      const curve = [{ iteration: 0, seconds: 0, loss: fullLoss(model, loss, x, y) }];
      let seconds = 0;
      let it = 0;
      while (it < budget) {
        const idx = batches.next().value as Int32Array;
        const t0 = performance.now();
        const c = tf.tidy(() => {
          const ii = tf.tensor1d(idx, 'int32');
          const xb = tf.gather(x, ii);
          const yb = tf.gather(y, ii);
          return opt.minimize(() => loss(yb, model.apply(xb) as tf.Tensor), true) as tf.Scalar;
        });
        const v = c.dataSync()[0]!;
        c.dispose();
        seconds += (performance.now() - t0) / 1000;
        it++;
        if (!Number.isFinite(v)) break;
        if (it % evalEvery === 0 || it === budget)
          curve.push({ iteration: it, seconds, loss: fullLoss(model, loss, x, y) });
      }
      const last = curve[curve.length - 1]!;
      runs.push({
        method,
        lr,
        iterations: it,
        seconds,
        finalLoss: last.iteration === it ? last.loss : Number.POSITIVE_INFINITY,
        curve,
      });
      opt.dispose();
      model.dispose();
    }
  const best = (m: string) =>
    runs
      .filter((r) => r.method === m && Number.isFinite(r.finalLoss))
      .reduce<GridRun | undefined>(
        (a, b) => (a === undefined || b.finalLoss < a.finalLoss ? b : a),
        undefined,
      );
  const out = { sgd: best('sgd'), adam: best('adam') };
  console.log(`\n${title}: ${budget} steps of batch ${batchSize}`);
  console.log('| method | lr | iterations | seconds | final loss |');
  console.log('|---|---|---|---|---|');
  for (const r of runs)
    console.log(
      `| ${r.method}${out[r.method as 'sgd' | 'adam'] === r ? ' **best**' : ''} | ${r.lr} | ${r.iterations} | ${r.seconds.toFixed(2)} | ${r.finalLoss.toPrecision(4)} |`,
    );
  return out;
}

interface KfacRun {
  label: string;
  iterations: number;
  seconds: number;
  finalLoss: number;
  reached: { iteration: number; seconds: number } | null;
}

/** Trains a fresh copy of `init` with K-FAC until the full-data loss ≤ target or the budget ends. */
function runKfac(
  label: string,
  build: () => tf.LayersModel,
  init: tf.Tensor[],
  x: tf.Tensor2D,
  y: tf.Tensor2D,
  loss: (y: tf.Tensor, z: tf.Tensor) => tf.Scalar,
  options: KfacTrainerOptions,
  batchSize: number,
  budget: number,
  target: number,
  evalEvery: number,
): KfacRun {
  const model = build();
  model.setWeights(init);
  const trainer = new KfacTrainer(model, options);
  const full = (): number => fullLoss(model, loss, x, y);
  const batches = batchSchedule(x.shape[0], batchSize, 1);
  let seconds = 0;
  let it = 0;
  let last = full();
  let reached: KfacRun['reached'] = null;
  while (it < budget) {
    const idx = batches.next().value as Int32Array;
    const t0 = performance.now();
    const ii = tf.tensor1d(idx, 'int32');
    const xb = tf.gather(x, ii);
    const yb = tf.gather(y, ii);
    try {
      trainer.step(xb, yb);
    } catch (e) {
      console.log(`${label}: stopped at step ${it}: ${String(e)}`);
      tf.dispose([ii, xb, yb]);
      last = Number.POSITIVE_INFINITY;
      break;
    }
    tf.dispose([ii, xb, yb]);
    seconds += (performance.now() - t0) / 1000;
    it++;
    if (it % evalEvery === 0 || it === budget) {
      last = full();
      if (last <= target) {
        reached = { iteration: it, seconds };
        break;
      }
    }
  }
  trainer.dispose();
  model.dispose();
  return { label, iterations: it, seconds, finalLoss: last, reached };
}

function printRuns(
  title: string,
  rows: { label: string; iterations: number; seconds: number; loss: number; note: string }[],
): void {
  console.log(`\n${title}`);
  console.log('| method | iterations | seconds | final loss | note |');
  console.log('|---|---|---|---|---|');
  for (const r of rows)
    console.log(
      `| ${r.label} | ${r.iterations} | ${r.seconds.toFixed(2)} | ${r.loss.toPrecision(4)} | ${r.note} |`,
    );
}

/** Amortised step time of K-FAC and Adam on the same net and batch, interleaved in chunks. */
function stepCost(
  build: () => tf.LayersModel,
  x: tf.Tensor2D,
  y: tf.Tensor2D,
  lossName: 'softmax-cross-entropy' | 'sigmoid-cross-entropy',
  options: KfacTrainerOptions,
  steps: number,
): [number, number] {
  const lossFn = meanLoss(lossName);
  const mk = build();
  const ma = build();
  ma.setWeights(mk.getWeights());
  const trainer = new KfacTrainer(mk, { ...options, inverseUpdatePeriod: 20 });
  const adam = tf.train.adam(1e-3);
  const adamStep = (): void => {
    const c = adam.minimize(() => lossFn(y, ma.apply(x) as tf.Tensor), true) as tf.Scalar;
    c.dataSync();
    c.dispose();
  };
  for (let i = 0; i < 3; i++) {
    adamStep();
    trainer.step(x, y);
  }
  let tk = 0;
  let ta = 0;
  for (let c = 0; c < steps / 20; c++) {
    let t0 = performance.now();
    for (let i = 0; i < 20; i++) trainer.step(x, y);
    tk += performance.now() - t0;
    t0 = performance.now();
    for (let i = 0; i < 20; i++) adamStep();
    ta += performance.now() - t0;
  }
  trainer.dispose();
  adam.dispose();
  mk.dispose();
  ma.dispose();
  return [tk / steps, ta / steps];
}

export async function run(): Promise<void> {
  await tf.setBackend('wasm');
  const small = benchSize() === 'small';
  const n = small ? 1000 : 10_000;
  const digits = loadMnist(n);
  const x = tf.tensor2d(digits.images, [n, 784]);
  const y = tf.tidy(() =>
    tf.oneHot(tf.tensor1d(Array.from(digits.labels), 'int32'), 10).toFloat(),
  ) as tf.Tensor2D;
  console.log(`backend ${tf.getBackend()}, ${n} digits, ${small ? 'small' : 'full'} size`);

  // 1. MLP 784-128-10
  const mlp = () => createMlp([784, 128, 10], { activation: 'relu', seed: 3 });
  const batch = 100;
  const first = mlp();
  const init = first.getWeights().map((w) => w.clone());
  first.dispose();
  const ce = meanLoss('softmax-cross-entropy');
  const perEpoch = Math.floor(n / batch);
  const base = tfjsGrid(
    'MLP 784-128-10, 2 epochs',
    mlp,
    init,
    x,
    y,
    ce,
    small ? { sgd: [], adam: [1e-3, 3e-3] } : { sgd: [0.1, 0.3], adam: [3e-4, 1e-3, 3e-3, 1e-2] },
    batch,
    2 * perEpoch,
    perEpoch,
  );
  const adam = base.adam!;

  const kBatch = small ? 200 : Number(process.env['KFAC_MLP_BATCH'] ?? 500);
  const mlpOpts = (learningRate: number): KfacTrainerOptions => ({
    learningRate,
    damping: Number(process.env['KFAC_MLP_DAMPING'] ?? 0.03),
    momentum: 0.9,
    klClip: 1e-2,
    factorUpdatePeriod: 5,
    inverseUpdatePeriod: 20,
    rng: createRng(5),
  });
  const kRows = (small ? [0.3] : [0.1, 0.3]).map((lr) => {
    const k = runKfac(
      `K-FAC lr ${lr}`,
      mlp,
      init,
      x,
      y,
      ce,
      mlpOpts(lr),
      kBatch,
      adam.iterations,
      adam.finalLoss,
      5,
    );
    return {
      label: `${k.label} (batch ${kBatch})`,
      iterations: k.iterations,
      seconds: k.seconds,
      loss: k.finalLoss,
      note:
        k.reached === null
          ? 'target NOT reached'
          : `reached in ${(k.reached.seconds / adam.seconds).toFixed(2)}× Adam's time`,
    };
  });
  printRuns("MLP 784-128-10: time to tuned Adam's 2-epoch training loss", [
    {
      label: `Adam lr ${adam.lr} (batch ${batch})`,
      iterations: adam.iterations,
      seconds: adam.seconds,
      loss: adam.finalLoss,
      note: 'target',
    },
    ...kRows,
  ]);
  for (const t of init) t.dispose();

  // 2. Deep autoencoder
  const ae = () => createMlp([784, 256, 64, 16, 64, 256, 784], { activation: 'tanh', seed: 4 });
  const aeBatch = small ? 100 : 250;
  const aeBudget = small ? 30 : Number(process.env['KFAC_AE_BUDGET'] ?? 240);
  const aeFirst = ae();
  const aeInit = aeFirst.getWeights().map((w) => w.clone());
  aeFirst.dispose();
  const sce = meanLoss('sigmoid-cross-entropy');
  const aeBase = tfjsGrid(
    'Autoencoder 784-256-64-16-64-256-784',
    ae,
    aeInit,
    x,
    x,
    sce,
    small ? { sgd: [], adam: [1e-3] } : { sgd: [], adam: [1e-3, 3e-3] },
    aeBatch,
    aeBudget,
    Math.max(1, Math.floor(aeBudget / 10)),
  );
  const aeAdam = aeBase.adam!;

  const aeOpts: KfacTrainerOptions = {
    likelihood: { type: 'bernoulli' },
    learningRate: Number(process.env['KFAC_AE_LR'] ?? 0.3),
    damping: Number(process.env['KFAC_AE_DAMPING'] ?? 0.01),
    momentum: 0.9,
    klClip: 1e-2,
    factorUpdatePeriod: 5,
    inverseUpdatePeriod: 20,
    rng: createRng(6),
  };
  const kBudget = Math.floor(aeAdam.iterations / 3);
  const k2 = runKfac(
    'K-FAC',
    ae,
    aeInit,
    x,
    x,
    sce,
    aeOpts,
    aeBatch,
    kBudget,
    aeAdam.finalLoss,
    Math.max(1, Math.floor(kBudget / 30)),
  );
  const adamReach = aeAdam.curve.find((p) => p.loss <= aeAdam.finalLoss);
  printRuns("Autoencoder: iterations and time to tuned Adam's best loss", [
    {
      label: `Adam lr ${aeAdam.lr}`,
      iterations: aeAdam.iterations,
      seconds: aeAdam.seconds,
      loss: aeAdam.finalLoss,
      note: `target (reached at it ${adamReach?.iteration})`,
    },
    {
      label: 'K-FAC',
      iterations: k2.iterations,
      seconds: k2.seconds,
      loss: k2.finalLoss,
      note:
        k2.reached === null
          ? `target NOT reached within ${kBudget} iterations`
          : `${(k2.reached.iteration / aeAdam.iterations).toFixed(3)}× Adam's iterations, ${(k2.reached.seconds / aeAdam.seconds).toFixed(2)}× its time`,
    },
  ]);
  for (const t of aeInit) t.dispose();

  // 3. Step cost, amortised (inverses every 20 steps)
  const costSteps = small ? 20 : 40;
  const rows: string[] = [];
  const xb = x.slice([0, 0], [aeBatch, 784]);
  const yb = y.slice([0, 0], [aeBatch, 10]);
  const [km, am] = stepCost(mlp, xb, yb, 'softmax-cross-entropy', mlpOpts(0.3), costSteps);
  rows.push(
    `| MLP 784-128-10, batch ${aeBatch} | ${km.toFixed(1)} | ${am.toFixed(1)} | ${(km / am).toFixed(2)}× |`,
  );
  const [ka, aa] = stepCost(ae, xb, xb, 'sigmoid-cross-entropy', aeOpts, costSteps);
  rows.push(
    `| autoencoder, batch ${aeBatch} | ${ka.toFixed(1)} | ${aa.toFixed(1)} | ${(ka / aa).toFixed(2)}× |`,
  );
  console.log('\nStep cost, amortised (K-FAC factors every 5 steps, inverses every 20 steps; target ≤ 2×)');
  console.log('| network | K-FAC ms/step | Adam ms/step | ratio |');
  console.log('|---|---|---|---|');
  for (const r of rows) console.log(r);
  tf.dispose([x, y, xb, yb]);
}
