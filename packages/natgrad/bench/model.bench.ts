/**
 * Natural gradient against tuned first-order methods on three float64 problems (issue 8): the gamma MLE
 * and the normal MLE in unconstrained coordinates (log α, log β) / (μ, log σ), and logistic regression with
 * 20 features whose column j is scaled by 1000^(j/19). Target: gradient norm ≤ 1e-8 in ≥ 10× fewer
 * iterations than tuned Adam.
 *
 * Baselines: tfjs's float32 optimisers cannot reach ‖∇L‖ = 1e-8 (float32 rounding of a loss of order 1 is
 * ~1e-7), so the SGD and Adam peers are plain float64 implementations of exactly tfjs's update rules
 * (`tf.train.sgd`; `tf.train.adam` with β₁ = 0.9, β₂ = 0.999, bias correction folded into the rate,
 * ε = 1e-8), run on the same loss and gradient code, each at every learning rate of a printed grid; the
 * best rate is the one reaching 1e-8 in the fewest iterations (else the smallest final gradient norm).
 * One tfjs float32 Adam run (cpu backend, 1000 steps, full size only) at Adam's best rate shows the
 * float32 floor (the smallest float64 gradient norm among its iterates).
 * `INFOGEOM_BENCH_SIZE=small`: smaller data and iteration budgets (< 60 s).
 */
import { performance } from 'node:perf_hooks';
import { bernoulli, gamma, normal } from '@infogeom/distributions';
import { denseFisher, glmModel, logitLink } from '@infogeom/fisher';
import { createRng, DenseMatrix, digamma, lgamma, norm2 } from '@infogeom/linalg';
import * as tf from '@tensorflow/tfjs';
import { benchSize } from '../../../tooling/bench/harness.js';
import { familyNaturalGradient } from '../src/family-natural-gradient.js';
import { modelProblem } from '../src/model-problem.js';
import {
  type NaturalGradientOptions,
  type NaturalGradientProblem,
  naturalGradient,
} from '../src/natural-gradient.js';

const TOL = 1e-8;
const small = benchSize() === 'small';

/** A float64 objective with a fast loss and gradient, shared by every method. */
interface Objective {
  name: string;
  init: Float64Array;
  loss(w: Float64Array): number;
  gradient(w: Float64Array): Float64Array;
  /** The same objective as a tfjs float32 loss of a variable (for the float32 reference run). */
  tfLoss(w: tf.Variable): tf.Scalar;
}

/** Outcome of one optimiser run. */
interface Outcome {
  method: string;
  lr: string;
  /** Iterations until ‖∇L‖ ≤ TOL, or the budget when not reached. */
  iterations: number;
  reached: boolean;
  seconds: number;
  finalLoss: number;
  finalGrad: number;
}

function firstOrder(obj: Objective, kind: 'sgd' | 'adam', lr: number, budget: number): Outcome {
  const t0 = performance.now();
  const w = obj.init.slice();
  const m = new Float64Array(w.length);
  const v = new Float64Array(w.length);
  let g = obj.gradient(w);
  let it = 0;
  let gn = norm2(g);
  for (; it < budget && gn > TOL && Number.isFinite(gn); ) {
    it++;
    if (kind === 'sgd') for (let i = 0; i < w.length; i++) w[i]! -= lr * g[i]!;
    else {
      const lrT = (lr * Math.sqrt(1 - 0.999 ** it)) / (1 - 0.9 ** it);
      for (let i = 0; i < w.length; i++) {
        m[i] = 0.9 * m[i]! + 0.1 * g[i]!;
        v[i] = 0.999 * v[i]! + 0.001 * g[i]! * g[i]!;
        w[i]! -= (lrT * m[i]!) / (Math.sqrt(v[i]!) + 1e-8);
      }
    }
    g = obj.gradient(w);
    gn = norm2(g);
  }
  return {
    method: `${kind} (float64)`,
    lr: String(lr),
    iterations: it,
    reached: gn <= TOL,
    seconds: (performance.now() - t0) / 1000,
    finalLoss: obj.loss(w),
    finalGrad: gn,
  };
}

function better(a: Outcome, b: Outcome): boolean {
  if (a.reached !== b.reached) return a.reached;
  if (a.reached) return a.iterations < b.iterations;
  return (Number.isFinite(a.finalGrad) ? a.finalGrad : Number.POSITIVE_INFINITY) < b.finalGrad;
}

const fmt = (x: number): string => (Number.isFinite(x) ? x.toExponential(2) : String(x));
const iters = (o: Outcome): string => (o.reached ? String(o.iterations) : `> ${o.iterations} (not reached)`);

function tuned(obj: Objective, kind: 'sgd' | 'adam', grid: readonly number[], budget: number): Outcome {
  console.log(`\n${obj.name}: ${kind} grid (float64, budget ${budget} iterations)\n`);
  console.log('| lr | iterations to ‖∇L‖ ≤ 1e-8 | final ‖∇L‖ | final loss | seconds |');
  console.log('|---|---|---|---|---|');
  let best: Outcome | undefined;
  for (const lr of grid) {
    const o = firstOrder(obj, kind, lr, budget);
    console.log(
      `| ${lr} | ${iters(o)} | ${fmt(o.finalGrad)} | ${o.finalLoss.toPrecision(12)} | ${o.seconds.toFixed(3)} |`,
    );
    if (best === undefined || better(o, best)) best = o;
  }
  return best!;
}

/** tfjs float32 Adam at a given rate: the smallest float64 gradient norm its iterates reach. */
function tfAdam(obj: Objective, lr: number, budget: number): Outcome {
  const t0 = performance.now();
  const w = tf.variable(tf.tensor1d(Float32Array.from(obj.init), 'float32'));
  const opt = tf.train.adam(lr);
  let bestGrad = Number.POSITIVE_INFINITY;
  let bestW = obj.init;
  let it = 0;
  for (; it < budget; it++) {
    tf.tidy(() => {
      opt.minimize(() => obj.tfLoss(w), false, [w]);
    });
    if (it % 10 === 9 || it === budget - 1) {
      const w64 = Float64Array.from(w.dataSync());
      const gn = norm2(obj.gradient(w64));
      if (gn < bestGrad) [bestGrad, bestW] = [gn, w64];
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  w.dispose();
  opt.dispose();
  return {
    method: 'adam (tfjs float32)',
    lr: String(lr),
    iterations: it,
    reached: bestGrad <= TOL,
    seconds,
    finalLoss: obj.loss(bestW),
    finalGrad: bestGrad,
  };
}

function natural(
  obj: Objective,
  label: string,
  make: () => { run: (o: object) => { iterations: number; converged: boolean }; parameters: Float64Array },
): Outcome {
  const t0 = performance.now();
  const opt = make();
  const r = opt.run({ gradientTolerance: TOL, maxIterations: 500 });
  const seconds = (performance.now() - t0) / 1000;
  const w = opt.parameters;
  const gn = norm2(obj.gradient(w));
  return {
    method: label,
    lr: '—',
    iterations: r.iterations,
    reached: gn <= TOL,
    seconds,
    finalLoss: obj.loss(w),
    finalGrad: gn,
  };
}

function summary(obj: Objective, rows: Outcome[], adam: Outcome): void {
  console.log(`\n${obj.name}: summary (‖∇L‖ ≤ 1e-8; ratio = tuned Adam iterations / method iterations)\n`);
  console.log('| method | lr | iterations | seconds | final loss | final ‖∇L‖ | Adam/method iterations |');
  console.log('|---|---|---|---|---|---|---|');
  for (const o of rows) {
    const r = adam.iterations / Math.max(o.iterations, 1);
    const ratio = o.reached
      ? `${adam.reached ? '' : '> '}${r >= 10 ? r.toFixed(0) : r.toPrecision(2)}×`
      : '—';
    console.log(
      `| ${o.method} | ${o.lr} | ${iters(o)} | ${o.seconds.toFixed(3)} | ${o.finalLoss.toPrecision(12)} | ${fmt(o.finalGrad)} | ${ratio} |`,
    );
  }
}

function gammaObjective(data: number[]): Objective {
  const s1 = data.reduce((a, b) => a + b, 0) / data.length;
  const s2 = data.reduce((a, b) => a + Math.log(b), 0) / data.length;
  // Mean NLL in (a, b) = (log α, log β): lgamma(α) − α log β − (α − 1)·mean log x + β·mean x.
  return {
    name: `gamma MLE (n = ${data.length}, coordinates log α, log β)`,
    init: Float64Array.of(0, 0),
    loss: (w) => {
      const [al, be] = [Math.exp(w[0]!), Math.exp(w[1]!)];
      return lgamma(al) - al * w[1]! - (al - 1) * s2 + be * s1;
    },
    gradient: (w) => {
      const [al, be] = [Math.exp(w[0]!), Math.exp(w[1]!)];
      return Float64Array.of(al * (digamma(al) - w[1]! - s2), -al + be * s1);
    },
    tfLoss: (w) =>
      tf.tidy(() => {
        const al = tf.exp(w.gather(0));
        const lb = w.gather(1);
        // lgamma via tf.lgamma is not in tfjs 4.22: use Stirling with shift (accurate to float32 for α > 0).
        const z = al.add(6);
        const stirling = z
          .sub(0.5)
          .mul(z.log())
          .sub(z)
          .add(0.5 * Math.log(2 * Math.PI))
          .add(tf.scalar(1).div(z.mul(12)));
        const shift = al.mul(al.add(1)).mul(al.add(2)).mul(al.add(3)).mul(al.add(4)).mul(al.add(5)).log();
        const lg = stirling.sub(shift);
        return lg.sub(al.mul(lb)).sub(al.sub(1).mul(s2)).add(lb.exp().mul(s1)) as tf.Scalar;
      }),
  };
}

function normalObjective(data: number[]): Objective {
  const n = data.length;
  const s1 = data.reduce((a, b) => a + b, 0) / n;
  const s2 = data.reduce((a, b) => a + b * b, 0) / n;
  // Mean NLL in (μ, s = log σ): ½log 2π + s + (s2 − 2μ s1 + μ²) / (2σ²).
  return {
    name: `normal MLE (n = ${n}, coordinates μ, log σ)`,
    init: Float64Array.of(0, 0),
    loss: (w) =>
      0.5 * Math.log(2 * Math.PI) + w[1]! + (s2 - 2 * w[0]! * s1 + w[0]! ** 2) / (2 * Math.exp(2 * w[1]!)),
    gradient: (w) => {
      const iv = Math.exp(-2 * w[1]!);
      return Float64Array.of((w[0]! - s1) * iv, 1 - (s2 - 2 * w[0]! * s1 + w[0]! ** 2) * iv);
    },
    tfLoss: (w) =>
      tf.tidy(() => {
        const mu = w.gather(0);
        const ls = w.gather(1);
        const q = tf
          .scalar(s2)
          .sub(mu.mul(2 * s1))
          .add(mu.square());
        return ls.add(q.div(ls.mul(2).exp().mul(2))).add(0.5 * Math.log(2 * Math.PI)) as tf.Scalar;
      }),
  };
}

function logisticObjective(X: DenseMatrix, y: Float64Array): Objective {
  const [n, p] = [X.rows, X.cols];
  const logits = (w: Float64Array): Float64Array => {
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += X.data[i * p + j]! * w[j]!;
      z[i] = s;
    }
    return z;
  };
  const Xt = tf.tensor2d(Float32Array.from(X.data), [n, p], 'float32');
  const yt = tf.tensor1d(Float32Array.from(y), 'float32');
  return {
    name: `logistic regression (n = ${n}, 20 features, column j scaled by 1000^(j/19))`,
    init: new Float64Array(p),
    loss: (w) => {
      const z = logits(w);
      let s = 0;
      for (let i = 0; i < n; i++)
        s += (z[i]! > 0 ? z[i]! + Math.log1p(Math.exp(-z[i]!)) : Math.log1p(Math.exp(z[i]!))) - y[i]! * z[i]!;
      return s / n;
    },
    gradient: (w) => {
      const z = logits(w);
      const g = new Float64Array(p);
      for (let i = 0; i < n; i++) {
        const r = (1 / (1 + Math.exp(-z[i]!)) - y[i]!) / n;
        for (let j = 0; j < p; j++) g[j]! += r * X.data[i * p + j]!;
      }
      return g;
    },
    tfLoss: (w) =>
      tf.tidy(
        () => tf.losses.sigmoidCrossEntropy(yt, Xt.matMul(w.reshape([p, 1])).reshape([n])) as tf.Scalar,
      ),
  };
}

/** Runs one problem: the natural-gradient variants, the SGD and Adam grids, tfjs float32 Adam, summary. */
function compareOn(
  obj: Objective,
  ng: Outcome[],
  grids: { sgd: number[]; adam: number[] },
  budget: number,
): void {
  const sgd = tuned(obj, 'sgd', grids.sgd, budget);
  const adam = tuned(obj, 'adam', grids.adam, budget);
  // tfjs's cpu backend costs milliseconds per tiny op: the float32 reference run only in full size.
  const tfBest = small ? [] : [tfAdam(obj, Number(adam.lr), 1000)];
  summary(obj, [...ng, adam, sgd, ...tfBest], adam);
}

export async function run(): Promise<void> {
  const previousBackend = tf.getBackend();
  await tf.setBackend('cpu');
  const rng = createRng(2026);
  const budget = small ? 4000 : 30000;
  const lrGrid = small ? [1e-3, 1e-2, 0.03, 0.1, 0.3] : [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 0.03, 0.1, 0.3, 1];
  const sgdGrid = small ? [1e-3, 1e-2, 0.1, 0.5, 1] : [1e-4, 1e-3, 1e-2, 0.03, 0.1, 0.3, 0.5, 1, 2];

  // Gamma MLE.
  const gData = gamma.sample({ shape: 2.5, rate: 1.7 }, rng, small ? 500 : 2000);
  const gObj = gammaObjective(gData);
  compareOn(
    gObj,
    [
      natural(gObj, 'natural gradient, unconstrained (Fisher scoring, step 1)', () =>
        familyNaturalGradient(gamma, gData, { init: { shape: 1, rate: 1 } }),
      ),
      natural(gObj, 'natural gradient, same objective code + gamma.unconstrainedFisher', () =>
        naturalGradient(
          {
            loss: gObj.loss,
            gradient: gObj.gradient,
            fisher: (w) =>
              denseFisher(gamma.unconstrainedFisher(gamma.space.fromUnconstrained(w, { shape: 1, rate: 1 }))),
          },
          { init: gObj.init },
        ),
      ),
      natural(gObj, 'natural gradient, unconstrained, LM damping', () =>
        familyNaturalGradient(gamma, gData, {
          init: { shape: 1, rate: 1 },
          damping: { kind: 'levenberg-marquardt' },
        }),
      ),
      (() => {
        // Mean-parameter mirror step: one step lands on the MLE; report its coordinates as (log α, log β).
        const t0 = performance.now();
        const opt = familyNaturalGradient(gamma, gData, { init: { shape: 1, rate: 1 }, coordinates: 'mean' });
        opt.step();
        const w = Float64Array.of(Math.log(opt.params.shape), Math.log(opt.params.rate));
        const gn = norm2(gObj.gradient(w));
        return {
          method: 'mirror step in mean parameters (step 1)',
          lr: '—',
          iterations: 1,
          reached: gn <= TOL,
          seconds: (performance.now() - t0) / 1000,
          finalLoss: gObj.loss(w),
          finalGrad: gn,
        };
      })(),
    ],
    { sgd: sgdGrid, adam: lrGrid },
    budget,
  );

  // Normal MLE in (μ, log σ).
  const nData = normal.sample({ mu: 3, sigma: 0.5 }, rng, small ? 500 : 2000);
  const nObj = normalObjective(nData);
  compareOn(
    nObj,
    [
      natural(nObj, 'natural gradient, (μ, log σ) (step 1)', () =>
        familyNaturalGradient(normal, nData, { init: { mu: 0, sigma: 1 } }),
      ),
      natural(nObj, 'natural gradient, same objective code + normal.unconstrainedFisher', () =>
        naturalGradient(
          {
            loss: nObj.loss,
            gradient: nObj.gradient,
            fisher: (w) =>
              denseFisher(normal.unconstrainedFisher(normal.space.fromUnconstrained(w, { mu: 0, sigma: 1 }))),
          },
          { init: nObj.init },
        ),
      ),
      natural(nObj, 'mirror step in mean parameters (step 1)', () => {
        const opt = familyNaturalGradient(normal, nData, { init: { mu: 0, sigma: 1 }, coordinates: 'mean' });
        return {
          run: () => opt.run({ maxIterations: 1, gradientTolerance: 0 }),
          get parameters() {
            return Float64Array.of(opt.params.mu, Math.log(opt.params.sigma));
          },
        };
      }),
      natural(nObj, 'natural gradient, (μ, log σ), LM damping', () =>
        familyNaturalGradient(normal, nData, {
          init: { mu: 0, sigma: 1 },
          damping: { kind: 'levenberg-marquardt' },
        }),
      ),
    ],
    { sgd: sgdGrid, adam: lrGrid },
    budget,
  );

  // Logistic regression with features scaled from 1 to 1000.
  const n = small ? 400 : 1000;
  const p = 20;
  const scale = Float64Array.from({ length: p }, (_, j) => 1000 ** (j / 19));
  const X = DenseMatrix.fromFunction(n, p, (_i, j) => (j === 0 ? 1 : rng.normal()) * scale[j]!);
  const wTrue = Float64Array.from({ length: p }, (_, j) => (0.8 * rng.normal()) / scale[j]!);
  const y = Float64Array.from({ length: n }, (_, i) => {
    let z = 0;
    for (let j = 0; j < p; j++) z += X.data[i * p + j]! * wTrue[j]!;
    return rng.uniform() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  });
  const lObj = logisticObjective(X, y);
  const model = glmModel(bernoulli, X, logitLink);
  const fisher = modelProblem(model, { observations: Array.from(y) }).fisher;
  const lProblem: NaturalGradientProblem = { loss: lObj.loss, gradient: lObj.gradient, fisher };
  const ngRun = (label: string, o: Omit<NaturalGradientOptions, 'init'>) =>
    natural(lObj, label, () => naturalGradient(lProblem, { init: lObj.init, ...o }));
  compareOn(
    lObj,
    [
      ngRun('natural gradient, exact Fisher, dense (step 1)', { preconditioner: 'dense' }),
      ngRun('natural gradient, exact Fisher, LM damping', { damping: { kind: 'levenberg-marquardt' } }),
      ngRun('natural gradient, exact Fisher, CG, Armijo', {
        preconditioner: 'cg',
        stepRule: { kind: 'armijo' },
      }),
      ngRun('natural gradient, diagonal Fisher, LM + quadratic-model momentum', {
        preconditioner: 'diagonal',
        damping: { kind: 'levenberg-marquardt' },
        momentum: { kind: 'quadratic-model' },
      }),
    ],
    { sgd: small ? [1e-7, 1e-6, 1e-5] : [1e-8, 3e-8, 1e-7, 3e-7, 1e-6, 3e-6, 1e-5], adam: lrGrid },
    small ? 3000 : 20000,
  );
  if (previousBackend !== undefined && previousBackend !== 'cpu') await tf.setBackend(previousBackend);
}
