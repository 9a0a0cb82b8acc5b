import { InvalidArgumentError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import type { StepRecord } from './optimizer.js';
import { makeSteppable, type SteppableCore } from './steppable.js';

/** A scripted core: gradient norms and acceptance per step, loss halves on accepted steps. */
function scripted(gradNorms: number[], accepted: boolean[] = gradNorms.map(() => true), done = false) {
  let iteration = 0;
  let loss = 1;
  let gradientNorm = 1;
  return makeSteppable<StepRecord, SteppableCore<StepRecord>>({
    get iteration() {
      return iteration;
    },
    get loss() {
      return loss;
    },
    get gradientNorm() {
      return gradientNorm;
    },
    get done() {
      return done && iteration > 0;
    },
    step() {
      const ok = accepted[iteration] ?? true;
      gradientNorm = ok ? (gradNorms[iteration] ?? gradientNorm) : gradientNorm;
      if (ok) loss /= 2;
      iteration++;
      return { iteration, loss, gradientNorm, stepSize: ok ? 1 : 0, damping: 0, accepted: ok };
    },
  });
}

describe('makeSteppable: stopping rules', () => {
  it('stops on the gradient tolerance and returns the trace', () => {
    const res = scripted([0.1, 1e-3, 1e-9]).run();
    expect(res).toMatchObject({
      converged: true,
      iterations: 3,
      reason: 'gradient-tolerance',
      gradientNorm: 1e-9,
    });
    expect(res.trace.map((r) => r.iteration)).toEqual([1, 2, 3]);
  });

  it('reports max-iterations, keeps only the last record when asked, and stalls after rejected steps', () => {
    const res = scripted([0.5, 0.4, 0.3, 0.2]).run({ maxIterations: 3, keepTrace: false });
    expect(res).toMatchObject({ converged: false, iterations: 3, reason: 'max-iterations' });
    expect(res.trace.map((r) => r.iteration)).toEqual([3]);
    const stalled = scripted([0.5], [true, false, false, false]).run({ maxRejected: 3 });
    expect(stalled).toMatchObject({ reason: 'stalled', iterations: 4, converged: false });
  });

  it('stops on the loss tolerance and when the optimiser declares itself done', () => {
    // loss halves each step: |Δ| = loss ≤ 0.6·max(1, loss) from the first step on.
    expect(scripted([0.5, 0.5]).run({ lossTolerance: 0.6 }).reason).toBe('loss-tolerance');
    expect(scripted([0.5, 0.5], undefined, true).run()).toMatchObject({
      reason: 'optimizer',
      iterations: 1,
      converged: true,
    });
  });

  it('steps() yields and returns the summary; bad options are typed errors', () => {
    const gen = scripted([0.5, 1e-9]).steps();
    expect(gen.next().value).toMatchObject({ iteration: 1 });
    expect(gen.next().value).toMatchObject({ iteration: 2 });
    const end = gen.next();
    expect(end.done).toBe(true);
    expect(end.value).toMatchObject({ reason: 'gradient-tolerance', iterations: 2 });
    expect(() => scripted([1]).run({ maxIterations: -1 })).toThrow(InvalidArgumentError);
    expect(() => scripted([1]).run({ gradientTolerance: Number.NaN })).toThrow(InvalidArgumentError);
  });
});
