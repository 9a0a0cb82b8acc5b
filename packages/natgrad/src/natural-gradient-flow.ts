import { dormandPrince } from '@infogeom/fisher';
import { ConvergenceError, InvalidArgumentError } from '@infogeom/linalg';
import type { NaturalGradientProblem } from './natural-gradient.js';

/** Options of {@link naturalGradientFlow}. */
export interface NaturalGradientFlowOptions {
  /** Relative local error tolerance of the Dormand–Prince integrator (default 1e-11). */
  rtol?: number;
  /** Absolute local error tolerance (default 1e-13). */
  atol?: number;
  /** Damping λ of (F + λI)⁻¹ (default 0: the exact flow). */
  damping?: number;
  /** Cancels the integration (throws AbortError). */
  signal?: AbortSignal;
}

/**
 * The continuous-time natural-gradient flow ẇ = −F(w)⁻¹∇L(w), integrated by Dormand–Prince 5(4) with
 * tight tolerances, returned at the requested times. Unlike discrete steps, the flow is invariant under
 * any smooth reparameterisation: if φ maps w to w′, the flow in w′ is φ of the flow in w. Use it to
 * draw the exact natural-gradient path, or as the reference a discrete optimiser approximates.
 * @param problem - loss, gradient and Fisher operator
 * @param init - w(0)
 * @param times - increasing times t ≥ 0 at which to return w(t)
 * @returns w(t) for each requested time
 * @throws ConvergenceError when the integrator cannot reach a time (the flow left the domain)
 */
export function naturalGradientFlow(
  problem: NaturalGradientProblem,
  init: ArrayLike<number>,
  times: readonly number[],
  options: NaturalGradientFlowOptions = {},
): Float64Array[] {
  const damping = options.damping ?? 0;
  const f = (_t: number, w: Float64Array): Float64Array => {
    const g = problem.gradient(w);
    const x = problem.fisher(w).solve(g, damping);
    return x.map((v) => -v);
  };
  const out: Float64Array[] = [];
  let t = 0;
  let y: Float64Array = Float64Array.from(init);
  for (const [i, target] of times.entries()) {
    if (!(target >= t)) throw new InvalidArgumentError(`times[${i}]`, target, `a time ≥ ${t} (increasing)`);
    if (target > t) {
      const res = dormandPrince(f, t, y, target, {
        rtol: options.rtol ?? 1e-11,
        atol: options.atol ?? 1e-13,
        ...(options.signal !== undefined ? { signal: options.signal } : {}),
      });
      if (!res.converged)
        throw new ConvergenceError(
          'times',
          target,
          'a time the flow reaches',
          `stopped at t = ${res.t} (${res.reason})`,
        );
      y = res.y;
      t = target;
    }
    out.push(y.slice());
  }
  return out;
}
