import { InvalidArgumentError, throwIfAborted } from '@infogeom/linalg';
import {
  DORMAND_PRINCE_NODES as C,
  dormandPrinceError,
  dormandPrinceStage,
  dormandPrinceStepFactor,
} from './dormand-prince-step.js';

/** Options of {@link dormandPrince}. */
export interface OdeOptions {
  /** Relative tolerance of the local error (default 1e-10). */
  rtol?: number;
  /** Absolute tolerance of the local error (default 1e-12). */
  atol?: number;
  /** Maximum number of attempted steps (default 20,000). */
  maxSteps?: number;
  /** First step size (default: chosen from the initial derivative). */
  initialStep?: number;
  /** Cancels the integration (throws AbortError). */
  signal?: AbortSignal;
}

/** Result of {@link dormandPrince}. */
export interface OdeResult {
  /** The state at the last accepted time. */
  y: Float64Array;
  /** The last accepted time (the end time when converged). */
  t: number;
  /** Whether the end time was reached within the tolerances. */
  converged: boolean;
  /** Accepted steps. */
  steps: number;
  /** Rejected steps (error too large, or a stage left the domain). */
  rejected: number;
  /** Why the integration stopped early: `'max-steps'`, `'domain'` (the solution left the domain) or `'step-underflow'`. */
  reason?: 'max-steps' | 'domain' | 'step-underflow';
}

/** Options of {@link dormandPrinceInPlace}. */
export interface InPlaceOdeOptions extends OdeOptions {
  /**
   * Number of leading components of y that enter the error estimate (default all). The remaining ones
   * (e.g. variational equations) are integrated on the same steps without steering them.
   */
  errorComponents?: number;
}

/**
 * Integrates y' = f(t, y) from t0 to t1 by the Dormand–Prince 5(4) pair with local extrapolation, FSAL and
 * step-size control (error per component against atol + rtol·|y|, RMS norm). `f` may throw (or return
 * non-finite values) where y is outside its domain: the step is then rejected and shortened, and when it
 * cannot be, the result reports `reason: 'domain'`.
 */
export function dormandPrince(
  f: (t: number, y: Float64Array) => Float64Array,
  t0: number,
  y0: ArrayLike<number>,
  t1: number,
  options: OdeOptions = {},
): OdeResult {
  const m = y0.length;
  const g = (t: number, y: Float64Array, dy: Float64Array): boolean => {
    let d: Float64Array;
    try {
      d = f(t, y.slice());
    } catch (e) {
      if (e instanceof InvalidArgumentError) return false;
      throw e;
    }
    for (let i = 0; i < m; i++) dy[i] = d[i]!;
    return true;
  };
  return dormandPrinceInPlace(g, t0, y0, t1, options);
}

/**
 * {@link dormandPrince} without allocation per step: `f(t, y, dy)` writes y' into `dy` and returns false
 * (instead of throwing) where y is outside its domain; `y` is a scratch buffer it must not keep. Non-finite
 * derivatives count as outside the domain too.
 */
export function dormandPrinceInPlace(
  f: (t: number, y: Float64Array, dy: Float64Array) => boolean,
  t0: number,
  y0: ArrayLike<number>,
  t1: number,
  options: InPlaceOdeOptions = {},
): OdeResult {
  const { rtol = 1e-10, atol = 1e-12, maxSteps = 20_000, signal } = options;
  if (!(rtol > 0) || !(atol >= 0))
    throw new InvalidArgumentError('options.rtol', rtol, 'rtol > 0 and atol ≥ 0');
  const m = y0.length;
  const me = Math.min(options.errorComponents ?? m, m);
  const span = t1 - t0;
  const dir = Math.sign(span) || 1;
  let y = Float64Array.from(y0);
  let yNew = new Float64Array(m);
  let t = t0;
  const ks: Float64Array[] = Array.from({ length: 7 }, () => new Float64Array(m));
  const tmp = new Float64Array(m);
  const safe = (tt: number, yy: Float64Array, out: Float64Array): boolean => {
    if (!f(tt, yy, out)) return false;
    for (let i = 0; i < m; i++) if (!Number.isFinite(out[i]!)) return false;
    return true;
  };
  tmp.set(y);
  if (!safe(t, tmp, ks[0]!)) return { y, t, converged: false, steps: 0, rejected: 0, reason: 'domain' };
  let h = options.initialStep ?? Math.abs(span) * 0.05;
  let steps = 0;
  let rejected = 0;
  for (let attempt = 0; attempt < maxSteps; attempt++) {
    throwIfAborted(signal);
    if (dir * (t1 - t) <= 1e-14 * Math.max(1, Math.abs(t1)))
      return { y, t: t1, converged: true, steps, rejected };
    if (h < 1e-14 * Math.max(1, Math.abs(t))) break;
    const last = h >= Math.abs(t1 - t);
    const hh = last ? t1 - t : dir * h;
    let ok = true;
    for (let s = 1; s < 7 && ok; s++) {
      dormandPrinceStage(s, hh, y, ks, tmp, m);
      // Stage 7 is evaluated at the fifth-order solution y + h Σ b k (b = A[6]).
      if (s === 6) yNew.set(tmp);
      ok = safe(t + C[s]! * hh, tmp, ks[s]!);
    }
    if (!ok) {
      rejected++;
      h *= 0.25;
      if (h < 1e-12 * Math.abs(span)) return { y, t, converged: false, steps, rejected, reason: 'domain' };
      continue;
    }
    const err = dormandPrinceError(hh, y, yNew, ks, rtol, atol, me);
    if (err <= 1) {
      t = last ? t1 : t + hh;
      [y, yNew] = [yNew, y];
      [ks[0], ks[6]] = [ks[6]!, ks[0]!];
      steps++;
      h = Math.abs(hh) * dormandPrinceStepFactor(err);
    } else {
      rejected++;
      h = Math.abs(hh) * dormandPrinceStepFactor(err);
    }
  }
  const reason = h < 1e-14 * Math.max(1, Math.abs(t)) ? 'step-underflow' : 'max-steps';
  return { y, t, converged: false, steps, rejected, reason };
}
