import { type NormalParams, normal } from '@infogeom/distributions';
import { denseFisher } from '@infogeom/fisher';
import {
  ConvergenceError,
  createRng,
  DenseMatrix,
  NonFiniteError,
  SingularMatrixError,
} from '@infogeom/linalg';
import {
  familyProblem,
  type NaturalGradientProblem,
  naturalGradient,
  naturalGradientFlow,
} from '@infogeom/natgrad';

/** A point (μ, σ) of the normal family. */
export type MuSigma = readonly [number, number];

/** The three coordinate charts of the figure. */
export type ChartId = 'sigma' | 'logsigma' | 'precision';

/** The three optimisers of the figure. */
export type OptimizerId = 'natural' | 'gd' | 'adam';

/** A chart (μ, y) of N(μ, σ) with y = g(σ) a smooth monotone function of σ. */
export interface Chart {
  /** Identifier. */
  readonly id: ChartId;
  /** The name of the second coordinate. */
  readonly label: string;
  /** y = g(σ). */
  toY(sigma: number): number;
  /** σ = g⁻¹(y) (NaN outside the chart). */
  toSigma(y: number): number;
  /** dσ/dy at y. */
  dSigma(y: number): number;
}

/** The charts (μ, σ), (μ, log σ) and (μ, τ = 1/σ²). */
export const CHARTS: Record<ChartId, Chart> = {
  sigma: { id: 'sigma', label: 'σ', toY: (s) => s, toSigma: (y) => y, dSigma: () => 1 },
  logsigma: {
    id: 'logsigma',
    label: 'log σ',
    toY: Math.log,
    toSigma: Math.exp,
    dSigma: Math.exp,
  },
  precision: {
    id: 'precision',
    label: 'τ = 1/σ²',
    toY: (s) => 1 / (s * s),
    toSigma: (y) => (y > 0 ? 1 / Math.sqrt(y) : Number.NaN),
    dSigma: (y) => -0.5 * y ** -1.5,
  },
};

/** Chart ids in display order. */
export const CHART_IDS: readonly ChartId[] = ['sigma', 'logsigma', 'precision'];
/** Optimiser ids in display order. */
export const OPTIMIZER_IDS: readonly OptimizerId[] = ['natural', 'gd', 'adam'];

/** The fixed data set: 40 draws from N(1, 1.5²), seed 7. */
export const DATA: readonly number[] = normal.sample({ mu: 1, sigma: 1.5 }, createRng(7), 40);
/** The maximum-likelihood fit of {@link DATA}. */
export const MLE: NormalParams = normal.fit(DATA).params;

const base = familyProblem(normal, DATA, { coordinates: 'family', init: MLE });

/** The mean negative log-likelihood of the data at (μ, σ) (+∞ for σ ≤ 0). */
export const nll = (p: MuSigma): number => base.loss(Float64Array.of(p[0], p[1]));

/** Coordinates (μ, y) of (μ, σ) in a chart. */
export const toChart = (chart: Chart, p: MuSigma): [number, number] => [p[0], chart.toY(p[1])];
/** (μ, σ) of chart coordinates (μ, y). */
export const fromChart = (chart: Chart, w: ArrayLike<number>): [number, number] => [
  w[0]!,
  chart.toSigma(w[1]!),
];

/**
 * The normal MLE as a natural-gradient problem in a chart: the loss of @infogeom/natgrad's family problem
 * in (μ, σ), its gradient pulled back by the chain rule (∇_w L = Jᵀ∇_θ L, J = ∂θ/∂w) and the family's Fisher
 * pulled back (JᵀI(θ)J). With the identity chart this is `familyProblem(normal, …, 'family')` itself.
 */
export function chartProblem(chart: Chart): NaturalGradientProblem {
  const theta = (w: Float64Array): Float64Array => Float64Array.of(w[0]!, chart.toSigma(w[1]!));
  return {
    loss: (w) => base.loss(theta(w)),
    gradient: (w) => {
      const g = base.gradient(theta(w));
      return Float64Array.of(g[0]!, g[1]! * chart.dSigma(w[1]!));
    },
    fisher: (w) => {
      const I = normal.fisher({ mu: w[0]!, sigma: chart.toSigma(w[1]!) });
      const j = chart.dSigma(w[1]!);
      return denseFisher(
        new DenseMatrix(
          2,
          2,
          Float64Array.of(I.get(0, 0), I.get(0, 1) * j, I.get(1, 0) * j, I.get(1, 1) * j * j),
        ),
      );
    },
  };
}

/** One optimiser's run in one chart, mapped back to (μ, σ). */
export interface OptimizerPath {
  /** The optimiser. */
  readonly optimizer: OptimizerId;
  /** The chart it stepped in. */
  readonly chart: ChartId;
  /** Iterates (μ, σ), the start first. */
  readonly path: MuSigma[];
  /** Steps taken (fewer than asked when a step left the parameter space). */
  readonly iterations: number;
  /**
   * Why the run stopped before `iterations` steps: a step left the parameter space (σ ≤ 0 or τ ≤ 0, loss
   * +∞), or σ grew so large that the Fisher underflowed to a singular matrix. Absent when it took every step.
   */
  readonly stopped?: 'left-domain' | 'singular-fisher';
  /** KL(p̂_MLE ‖ p_final) at the last iterate. */
  readonly finalKl: number;
}

/** Adam's constants (tfjs / PyTorch defaults; float64 here). */
/** Output times of each flow, and the Dormand–Prince tolerances. */
const FLOW_SAMPLES = 60;
const FLOW_TOLERANCES = { rtol: 1e-9, atol: 1e-11 };
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPS = 1e-8;

function runOptimizer(
  optimizer: OptimizerId,
  chart: Chart,
  start: MuSigma,
  stepSize: number,
  iterations: number,
): OptimizerPath {
  const problem = chartProblem(chart);
  let w = Float64Array.from(toChart(chart, start));
  const path: MuSigma[] = [start];
  let stopped: OptimizerPath['stopped'];
  const record = (x: Float64Array): void => {
    path.push(fromChart(chart, x));
  };
  if (optimizer === 'natural') {
    const opt = naturalGradient(problem, { init: w, stepRule: { kind: 'fixed', size: stepSize } });
    for (let k = 0; k < iterations; k++) {
      try {
        opt.step();
      } catch (e) {
        if (e instanceof NonFiniteError) stopped = 'left-domain';
        else if (e instanceof SingularMatrixError) stopped = 'singular-fisher';
        else throw e;
        break;
      }
      record(opt.parameters);
    }
  } else {
    const m = new Float64Array(2);
    const v = new Float64Array(2);
    for (let k = 1; k <= iterations; k++) {
      const g = problem.gradient(w);
      const next = new Float64Array(2);
      for (let i = 0; i < 2; i++) {
        if (optimizer === 'gd') next[i] = w[i]! - stepSize * g[i]!;
        else {
          m[i] = BETA1 * m[i]! + (1 - BETA1) * g[i]!;
          v[i] = BETA2 * v[i]! + (1 - BETA2) * g[i]! * g[i]!;
          const mHat = m[i]! / (1 - BETA1 ** k);
          const vHat = v[i]! / (1 - BETA2 ** k);
          next[i] = w[i]! - (stepSize * mHat) / (Math.sqrt(vHat) + EPS);
        }
      }
      if (!Number.isFinite(problem.loss(next))) {
        stopped = 'left-domain';
        break;
      }
      w = next;
      record(w);
    }
  }
  const last = path[path.length - 1]!;
  return {
    optimizer,
    chart: chart.id,
    path,
    iterations: path.length - 1,
    ...(stopped !== undefined ? { stopped } : {}),
    finalKl: normal.kl(MLE, { mu: last[0], sigma: last[1] }),
  };
}

/** Everything the figure draws for one state. */
export interface NaturalGradientPaths {
  /** The nine runs: every optimiser in every chart. */
  readonly runs: OptimizerPath[];
  /** The natural-gradient flow ẇ = −F⁻¹∇L integrated in each chart (Dormand–Prince), mapped to (μ, σ). */
  readonly flows: Record<ChartId, MuSigma[]>;
  /**
   * Largest (μ, σ) distance between the discrete natural-gradient iterates of the three charts (NaN when a
   * run stopped early, as the paths then have no common length).
   */
  readonly naturalGap: number;
  /** Largest (μ, σ) distance between the three flows. */
  readonly flowGap: number;
  /** Largest (μ, σ) distance between the gradient-descent iterates of the three charts (NaN as above). */
  readonly gdGap: number;
}

function maxGap(paths: MuSigma[][]): number {
  let gap = 0;
  const len = Math.min(...paths.map((p) => p.length));
  for (let k = 0; k < len; k++)
    for (let a = 0; a < paths.length; a++)
      for (let b = 0; b < a; b++)
        gap = Math.max(
          gap,
          Math.hypot(paths[a]![k]![0] - paths[b]![k]![0], paths[a]![k]![1] - paths[b]![k]![1]),
        );
  return gap;
}

/**
 * Runs natural gradient (@infogeom/natgrad, fixed step), gradient descent and Adam (float64, tfjs's update
 * with bias correction) from `start` in each of the three charts, `iterations` steps of size `stepSize`
 * (Adam's learning rate), and integrates the natural-gradient flow in each chart up to t = stepSize ·
 * iterations. Pure and deterministic: the figure and its test call it with the same arguments.
 */
export function naturalGradientPaths(
  start: MuSigma,
  stepSize: number,
  iterations: number,
  onProgress?: (fraction: number) => void,
): NaturalGradientPaths {
  const total = OPTIMIZER_IDS.length * CHART_IDS.length + CHART_IDS.length;
  let done = 0;
  const tick = (): void => onProgress?.(++done / total);
  const runs = OPTIMIZER_IDS.flatMap((o) =>
    CHART_IDS.map((c) => {
      const r = runOptimizer(o, CHARTS[c], start, stepSize, iterations);
      tick();
      return r;
    }),
  );
  const tEnd = stepSize * iterations;
  const samples = Math.min(FLOW_SAMPLES, 4 * iterations);
  // Quadratic spacing in time: the flow moves fastest at the start.
  const times = Array.from({ length: samples + 1 }, (_, i) => tEnd * (i / samples) ** 2);
  const flows = {} as Record<ChartId, MuSigma[]>;
  for (const c of CHART_IDS) {
    const chart = CHARTS[c];
    try {
      const ws = naturalGradientFlow(chartProblem(chart), toChart(chart, start), times, FLOW_TOLERANCES);
      flows[c] = ws.map((w) => fromChart(chart, w));
    } catch (e) {
      // The flow stays inside the parameter space; an integrator failure leaves this chart's flow undrawn.
      if (!(e instanceof ConvergenceError)) throw e;
      flows[c] = [];
    }
    tick();
  }
  const gapOf = (o: OptimizerId): number => {
    const mine = runs.filter((r) => r.optimizer === o);
    return mine.some((r) => r.stopped !== undefined) ? Number.NaN : maxGap(mine.map((r) => r.path));
  };
  return {
    runs,
    flows,
    naturalGap: gapOf('natural'),
    flowGap: maxGap(CHART_IDS.map((c) => flows[c])),
    gdGap: gapOf('gd'),
  };
}
