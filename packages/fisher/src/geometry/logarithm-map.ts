import { ConvergenceError, DenseMatrix, InvalidArgumentError, solve, throwIfAborted } from '@infogeom/linalg';
import type { OdeOptions } from './dormand-prince.js';
import { dormandPrinceInPlace } from './dormand-prince.js';
import { geodesicRhsInPlace } from './exponential-map.js';
import { type FisherRaoManifold, quadratic } from './fisher-rao-manifold.js';
import { type GeodesicProgress, relaxPath } from './path-relaxation.js';

/** Options of {@link logarithmMap}. */
export interface LogarithmMapOptions {
  /** Tolerance on the endpoint residual ‖exp_a(v) − b‖_G(b), relative to max(1, length) (default 1e-10). */
  tol?: number;
  /** Newton (shooting) iteration cap (default 25). */
  maxIterations?: number;
  /** Segments of the relaxed discrete path that initialises shooting (default 24). */
  segments?: number;
  /** Iteration cap of the relaxation (default 60). */
  relaxationIterations?: number;
  /**
   * Options of the exponential-map integrator (default rtol 1e-11, atol 1e-13): the final tolerances, at
   * which convergence is declared; early Newton iterations integrate with looser ones (at most 1e-6, same
   * atol/rtol ratio) matched to the residual.
   */
  ode?: OdeOptions;
  /** Throw a ConvergenceError instead of returning `converged: false` (default false). */
  throwOnFailure?: boolean;
  /** Cancels the solver (throws AbortError). */
  signal?: AbortSignal;
  /** Called after every relaxation and shooting iteration. */
  onProgress?: (progress: GeodesicProgress) => void;
}

/** Result of {@link logarithmMap}: the initial velocity of the geodesic from a to b on [0, 1]. */
export interface LogarithmMapResult {
  /** log_a(b): the initial velocity v with exp_a(v) = b. */
  velocity: Float64Array;
  /** Whether shooting met its tolerance (false: `velocity`/`length` are the relaxation's approximation). */
  converged: boolean;
  /** Which solution is returned: the shooting solution, or the relaxed discrete path when shooting failed. */
  method: 'shooting' | 'relaxation';
  /** Shooting (Newton) iterations. */
  iterations: number;
  /** Relaxation iterations. */
  relaxationIterations: number;
  /** Final endpoint residual ‖exp_a(v) − b‖_G(b) (relaxation: its relative Newton decrement). */
  residual: number;
  /** Geodesic length ‖v‖_G(a) (the distance when converged). */
  length: number;
  /** Energy ∫₀¹ ‖γ̇‖² dt (= length² for a geodesic). */
  energy: number;
}

/**
 * The Riemannian logarithm log_a(b) by shooting: Newton on the initial velocity v of F(v) = exp_a(v) − b,
 * initialised by discrete path-energy relaxation ({@link relaxPath}). The Jacobian ∂exp_a/∂v comes from the
 * variational equations integrated alongside the geodesic (one ODE solve per Newton step), with integrator
 * tolerances that tighten with the residual (inexact Newton) and a backtracking line search; convergence is
 * only declared at the final tolerances of `ode`. Non-convergence is reported (`converged: false`, the
 * relaxed path's estimate, `method: 'relaxation'`) or thrown on request — never a silent straight line.
 * @throws InvalidArgumentError for invalid integrator tolerances
 */
export function logarithmMap(
  manifold: FisherRaoManifold,
  a: Float64Array,
  b: Float64Array,
  options: LogarithmMapOptions = {},
): LogarithmMapResult {
  const { tol = 1e-10, maxIterations = 25, signal, onProgress } = options;
  const n = manifold.dimension;
  const ode: OdeOptions = { rtol: 1e-11, atol: 1e-13, ...options.ode };
  if (signal !== undefined) ode.signal = signal;
  const Gb = manifold.metric(b);
  const Ga = manifold.metric(a);
  if (a.every((v, i) => v === b[i]))
    return {
      velocity: new Float64Array(n),
      converged: true,
      method: 'shooting',
      iterations: 0,
      relaxationIterations: 0,
      residual: 0,
      length: 0,
      energy: 0,
    };
  const relax = relaxPath(manifold, a, b, {
    segments: options.segments ?? 24,
    maxIterations: options.relaxationIterations ?? 60,
    tol: 1e-8,
    ...(signal === undefined ? {} : { signal }),
    ...(onProgress === undefined ? {} : { onProgress }),
  });
  const N = relax.points.length - 1;
  const [p0, p1, p2] = [relax.points[0]!, relax.points[1]!, relax.points[2] ?? b];
  const vRelax = p0.map((v, i) => (N * (-3 * v + 4 * p1[i]! - p2[i]!)) / 2);
  // Shooting: each exp solve also integrates the variational equations, giving the Jacobian ∂exp/∂v on the
  // same steps. Early Newton iterations integrate with tolerances matched to the residual (inexact Newton:
  // the ODE error stays ~1e-2·r², below the quadratic convergence); convergence is only declared at `ode`'s.
  const rhs = geodesicRhsInPlace(manifold, true);
  const plainRhs = geodesicRhsInPlace(manifold);
  const rtolTight = ode.rtol!;
  if (!(rtolTight > 0) || !(ode.atol! >= 0))
    throw new InvalidArgumentError('options.ode.rtol', rtolTight, 'rtol > 0 and atol ≥ 0');
  const atolRatio = ode.atol! / rtolTight;
  // Whole decades, so that re-solving at a tighter tolerance happens only on real progress.
  const rtolFor = (r: number): number =>
    Math.max(rtolTight, Math.min(1e-6, 10 ** Math.floor(Math.log10(1e-2 * r * r))));
  const y0 = new Float64Array(2 * n + 2 * n * n);
  interface Shot {
    F: Float64Array;
    r: number;
    J: DenseMatrix | undefined;
    rtol: number;
  }
  const shoot = (v: Float64Array, rtol: number, jacobian: boolean): Shot | undefined => {
    y0.fill(0);
    y0.set(a, 0);
    y0.set(v, n);
    for (let k = 0; k < n; k++) y0[2 * n + n * n + k * n + k] = 1;
    const e = dormandPrinceInPlace(jacobian ? rhs : plainRhs, 0, jacobian ? y0 : y0.subarray(0, 2 * n), 1, {
      ...ode,
      rtol,
      atol: atolRatio * rtol,
      errorComponents: 2 * n,
    });
    if (!e.converged || !manifold.contains(e.y.subarray(0, n))) return undefined;
    const F = Float64Array.from({ length: n }, (_x, i) => e.y[i]! - b[i]!);
    const J = jacobian ? new DenseMatrix(n, n, e.y.slice(2 * n, 2 * n + n * n)) : undefined;
    return { F, r: Math.sqrt(Math.max(quadratic(Gb, F, F), 0)), J, rtol };
  };
  let v = vRelax.slice();
  let cur = shoot(v, rtolFor(Number.POSITIVE_INFINITY), true);
  let iterations = 0;
  let converged = false;
  let previous = Number.POSITIVE_INFINITY;
  let tightOnly = false;
  const target = () => tol * Math.max(1, Math.sqrt(quadratic(Ga, v, v)));
  while (cur !== undefined && iterations < maxIterations) {
    throwIfAborted(signal);
    onProgress?.({ stage: 'shooting', iteration: iterations, value: cur.r });
    const goal = target();
    if (cur.r <= goal) {
      if (cur.rtol <= rtolTight) {
        converged = true;
        break;
      }
      // Small enough at a loose tolerance: confirm at the final one.
      cur = shoot(v, rtolTight, false);
      continue;
    }
    // The quadratic rate's prediction of the next residual: when it is below the goal, this step is the
    // last one, so its residual must be exact to the final tolerance and the next needs no Jacobian.
    const last = Number.isFinite(previous) && (cur.r / (previous * previous)) * cur.r * cur.r < 0.1 * goal;
    if (cur.J !== undefined && last && cur.rtol > rtolTight) {
      // The last step needs the residual at the final tolerance; the Jacobian here is accurate enough.
      const J = cur.J;
      cur = shoot(v, rtolTight, false);
      if (cur !== undefined) cur.J = J;
      continue;
    }
    if (cur.J === undefined || (cur.rtol > rtolTight && cur.rtol > 1e-2 * cur.r)) {
      // A Jacobian is needed, or the integration error may dominate the residual.
      cur = shoot(v, Math.min(cur.rtol, rtolFor(cur.r)), true);
      continue;
    }
    iterations++;
    let step: Float64Array;
    try {
      step = solve(cur.J, cur.F);
    } catch {
      break;
    }
    const rtol = tightOnly ? rtolTight : Math.min(cur.rtol, rtolFor(cur.r));
    const jacobian = !(rtol <= rtolTight && last);
    let accepted = false;
    for (let alpha = 1, k = 0; k < 20; k++, alpha *= 0.5) {
      const w = v.map((x, i) => x - alpha * step[i]!);
      const s = shoot(w, rtol, jacobian);
      if (s !== undefined && s.r < cur.r) {
        previous = cur.r;
        v = w;
        cur = s;
        accepted = true;
        break;
      }
    }
    if (!accepted) {
      if (cur.rtol > rtolTight) {
        tightOnly = true;
        cur = shoot(v, rtolTight, true);
        continue;
      }
      converged = cur.r <= Math.sqrt(target());
      break;
    }
  }
  if (cur !== undefined && !converged && cur.rtol <= rtolTight && cur.r <= target()) converged = true;
  if (converged && cur !== undefined) {
    const length = Math.sqrt(quadratic(Ga, v, v));
    return {
      velocity: v,
      converged,
      method: 'shooting',
      iterations,
      relaxationIterations: relax.iterations,
      residual: cur.r,
      length,
      energy: length * length,
    };
  }
  if (options.throwOnFailure === true)
    throw new ConvergenceError(
      'logarithmMap',
      cur?.r ?? Number.NaN,
      `an endpoint residual ≤ ${tol}`,
      `shooting stopped after ${iterations} iterations`,
    );
  return {
    velocity: vRelax,
    converged: false,
    method: 'relaxation',
    iterations,
    relaxationIterations: relax.iterations,
    residual: cur?.r ?? relax.residual,
    length: relax.length,
    energy: relax.energy,
  };
}
