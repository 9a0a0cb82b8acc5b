import { InvalidArgumentError, throwIfAborted } from '@infogeom/linalg';
import type {
  RunOptions,
  RunResult,
  SteppableOptimizer,
  StepRecord,
  StepsOptions,
  StopReason,
} from './optimizer.js';

/** The minimal core an optimiser implements; {@link makeSteppable} adds `steps`, `run` and iteration. */
export interface SteppableCore<R extends StepRecord> {
  /** Steps taken so far. */
  readonly iteration: number;
  /** Loss at the current iterate. */
  readonly loss: number;
  /** Gradient norm at the current iterate. */
  readonly gradientNorm: number;
  /** `true` once the optimiser has declared convergence by itself. */
  readonly done: boolean;
  /** Takes one step. */
  step(): R;
}

function checkOptions<R extends StepRecord>(
  o: StepsOptions<R>,
): Required<Omit<StepsOptions<R>, 'signal' | 'onProgress'>> {
  const maxIterations = o.maxIterations ?? 1000;
  const gradientTolerance = o.gradientTolerance ?? 1e-8;
  const lossTolerance = o.lossTolerance ?? 0;
  const maxRejected = o.maxRejected ?? 30;
  if (!Number.isInteger(maxIterations) || maxIterations < 0)
    throw new InvalidArgumentError('options.maxIterations', maxIterations, 'an integer ≥ 0');
  if (!(gradientTolerance >= 0))
    throw new InvalidArgumentError('options.gradientTolerance', gradientTolerance, 'a number ≥ 0');
  if (!(lossTolerance >= 0))
    throw new InvalidArgumentError('options.lossTolerance', lossTolerance, 'a number ≥ 0');
  if (!Number.isInteger(maxRejected) || maxRejected < 1)
    throw new InvalidArgumentError('options.maxRejected', maxRejected, 'an integer ≥ 1');
  return { maxIterations, gradientTolerance, lossTolerance, maxRejected };
}

/**
 * The generator behind {@link SteppableOptimizer.steps}: checks the stopping rules before every step
 * (so a run started at a stationary point takes no step), yields each record and returns the summary
 * with the trace (every record, or only the last when `keepTrace` is false).
 */
export function* iterateSteps<R extends StepRecord>(
  core: SteppableCore<R>,
  options: StepsOptions<R> = {},
  keepTrace = true,
): Generator<R, RunResult<R>, void> {
  const { maxIterations, gradientTolerance, lossTolerance, maxRejected } = checkOptions(options);
  let taken = 0;
  let rejected = 0;
  let reason: StopReason = 'max-iterations';
  const trace: R[] = [];
  for (;;) {
    if (core.done) {
      reason = 'optimizer';
      break;
    }
    if (core.gradientNorm <= gradientTolerance) {
      reason = 'gradient-tolerance';
      break;
    }
    if (taken >= maxIterations) break;
    throwIfAborted(options.signal);
    const before = core.loss;
    const record = core.step();
    taken++;
    if (keepTrace) trace.push(record);
    else trace[0] = record;
    options.onProgress?.(record);
    yield record;
    if (record.accepted) {
      rejected = 0;
      if (
        lossTolerance > 0 &&
        Math.abs(before - record.loss) <= lossTolerance * Math.max(1, Math.abs(record.loss))
      ) {
        reason = 'loss-tolerance';
        break;
      }
    } else if (++rejected >= maxRejected) {
      reason = 'stalled';
      break;
    }
  }
  if (core.done && reason !== 'optimizer' && core.gradientNorm > gradientTolerance) reason = 'optimizer';
  else if (core.gradientNorm <= gradientTolerance && reason !== 'gradient-tolerance' && !core.done)
    reason = 'gradient-tolerance';
  return {
    trace,
    converged: reason === 'gradient-tolerance' || reason === 'loss-tolerance' || reason === 'optimizer',
    iterations: taken,
    reason,
    loss: core.loss,
    gradientNorm: core.gradientNorm,
  };
}

/**
 * Completes an optimiser core into a {@link SteppableOptimizer}: adds `steps()`, `run()` and
 * `[Symbol.iterator]`, and forwards the live state. Exported so that every optimiser (including the
 * tfjs trainers) shares one stopping logic.
 */
export function makeSteppable<R extends StepRecord, C extends SteppableCore<R>>(
  core: C,
): SteppableOptimizer<R> {
  const opt: SteppableOptimizer<R> = {
    get iteration() {
      return core.iteration;
    },
    get loss() {
      return core.loss;
    },
    get gradientNorm() {
      return core.gradientNorm;
    },
    get done() {
      return core.done;
    },
    step: () => core.step(),
    steps: (options) => iterateSteps(core, options),
    run(options: RunOptions<R> = {}) {
      const gen = iterateSteps(core, options, options.keepTrace ?? true);
      let next = gen.next();
      while (next.done !== true) next = gen.next();
      return next.value;
    },
    [Symbol.iterator]: () => iterateSteps(core),
  };
  return opt;
}
