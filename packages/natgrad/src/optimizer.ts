/**
 * The steppable-optimiser convention of @infogeom/natgrad (DESIGN convention 11). Every optimiser of
 * the package — float64 natural gradient, family MLE, natural-gradient VI, and the tfjs K-FAC / IVON
 * trainers — exposes the same shape: `step()` advances by one iteration and returns a
 * {@link StepRecord}; `run()` steps until a stopping rule fires and returns a {@link RunResult} with the
 * trace; `steps()` (and `[Symbol.iterator]`) yields the records one by one so a page can animate the
 * optimisation. State is always "the current iterate": the record of a step describes the iterate
 * *after* the step.
 */

/** What one iteration did. Optimisers extend it with their own fields (e.g. CG iterations, KL). */
export interface StepRecord {
  /** Number of steps taken so far, including this one (1 for the first step). */
  readonly iteration: number;
  /** Loss at the iterate after the step (unchanged from before when the step was rejected). */
  readonly loss: number;
  /** Euclidean norm of the loss gradient at the iterate after the step. */
  readonly gradientNorm: number;
  /** The multiplier applied to the (preconditioned, momentum-combined) direction; 0 for a rejected step. */
  readonly stepSize: number;
  /** The damping λ used to precondition this step (0 when undamped). */
  readonly damping: number;
  /** Whether the step was taken (a Levenberg–Marquardt or line-search rejection leaves the iterate unchanged). */
  readonly accepted: boolean;
  /** ρ = actual / predicted reduction of the loss under the quadratic model, when computed. */
  readonly reductionRatio?: number;
  /** Momentum coefficient applied to the previous update, when momentum is on. */
  readonly momentum?: number;
  /** √(gᵀ(F + λI)⁻¹g) at the iterate before the step: the natural-gradient norm, when computed. */
  readonly naturalGradientNorm?: number;
}

/** Why {@link SteppableOptimizer.run} stopped. */
export type StopReason =
  /** The gradient norm reached `gradientTolerance`. */
  | 'gradient-tolerance'
  /** The relative loss change of an accepted step fell below `lossTolerance`. */
  | 'loss-tolerance'
  /** The optimiser itself declared convergence (e.g. an exact one-step solution). */
  | 'optimizer'
  /** `maxIterations` steps were taken without meeting a tolerance. */
  | 'max-iterations'
  /** `maxRejected` consecutive steps were rejected: no further progress is possible at working precision. */
  | 'stalled';

/** Options of {@link SteppableOptimizer.steps} and {@link SteppableOptimizer.run}. */
export interface StepsOptions<R extends StepRecord = StepRecord> {
  /** Maximum number of steps of this call (default 1000). */
  maxIterations?: number;
  /** Stop once the gradient norm is ≤ this (default 1e-8; 0 disables). Checked before the first step too. */
  gradientTolerance?: number;
  /** Stop once an accepted step changes the loss by ≤ this × max(1, |loss|) (default 0: disabled). */
  lossTolerance?: number;
  /** Stop after this many consecutive rejected steps (default 30). */
  maxRejected?: number;
  /** Checked before every step; an aborted signal throws `AbortError` (from @infogeom/linalg). */
  signal?: AbortSignal;
  /** Called after every step with its record. */
  onProgress?: (record: R) => void;
}

/** Options of {@link SteppableOptimizer.run}. */
export interface RunOptions<R extends StepRecord = StepRecord> extends StepsOptions<R> {
  /** Keep every record in `trace` (default true); false keeps only the last one (long runs). */
  keepTrace?: boolean;
}

/** What {@link SteppableOptimizer.run} returns. */
export interface RunResult<R extends StepRecord = StepRecord> {
  /** The step records of this run, in order (only the last when `keepTrace` is false). */
  trace: R[];
  /** Whether a tolerance was met (`reason` is `'gradient-tolerance'`, `'loss-tolerance'` or `'optimizer'`). */
  converged: boolean;
  /** Steps taken by this run. */
  iterations: number;
  /** Why the run stopped. */
  reason: StopReason;
  /** Loss at the final iterate. */
  loss: number;
  /** Gradient norm at the final iterate. */
  gradientNorm: number;
}

/**
 * A steppable optimiser: the live state (current iterate, its loss and gradient norm), one `step()`,
 * a generator of steps and `run()`. Iterating it (`for (const r of opt)`) is `steps()` with defaults.
 */
export interface SteppableOptimizer<R extends StepRecord = StepRecord> extends Iterable<R> {
  /** Steps taken so far (over all calls). */
  readonly iteration: number;
  /** Loss at the current iterate. */
  readonly loss: number;
  /** Gradient norm at the current iterate. */
  readonly gradientNorm: number;
  /** `true` once the optimiser has declared convergence by itself (further steps are no-ops). */
  readonly done: boolean;
  /**
   * Takes one step and returns its record.
   * @throws NonFiniteError naming the step when the loss or gradient at the trial point is non-finite
   *   (the iterate is left at its last finite value)
   */
  step(): R;
  /** Yields one record per step until a stopping rule of `options` fires (see {@link StepsOptions}). */
  steps(options?: StepsOptions<R>): Generator<R, RunResult<R>, void>;
  /** Steps until a stopping rule fires and returns the trace. */
  run(options?: RunOptions<R>): RunResult<R>;
}
