import { ConvergenceError, DenseMatrix, solve, throwIfAborted } from '@infogeom/linalg';
import type { OdeOptions } from './dormand-prince.js';
import { exponentialMap } from './exponential-map.js';
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
  /** Options of the exponential-map integrator (default rtol 1e-11, atol 1e-13). */
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
 * The Riemannian logarithm log_a(b) by shooting: Newton on the initial velocity v of F(v) = exp_a(v) − b, with
 * the Jacobian of exp by forward differences and a backtracking line search, initialised by discrete
 * path-energy relaxation ({@link relaxPath}). Non-convergence is reported (`converged: false`, the relaxed
 * path's estimate, `method: 'relaxation'`) or thrown on request — never a silent straight line.
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
  const shoot = (v: Float64Array): { F: Float64Array; r: number } | undefined => {
    const e = exponentialMap(manifold, a, v, ode);
    if (!e.converged) return undefined;
    const F = e.point.map((x, i) => x - b[i]!);
    return { F, r: Math.sqrt(Math.max(quadratic(Gb, F, F), 0)) };
  };
  let v = vRelax.slice();
  let cur = shoot(v);
  let iterations = 0;
  let converged = false;
  const target = () => tol * Math.max(1, Math.sqrt(quadratic(Ga, v, v)));
  while (cur !== undefined && iterations < maxIterations) {
    throwIfAborted(signal);
    onProgress?.({ stage: 'shooting', iteration: iterations, value: cur.r });
    if (cur.r <= target()) {
      converged = true;
      break;
    }
    iterations++;
    const speed = Math.sqrt(quadratic(Ga, v, v));
    const J = new DenseMatrix(n, n);
    let ok = true;
    for (let j = 0; j < n && ok; j++) {
      const h = 1e-7 * Math.max(Math.abs(v[j]!), speed / Math.sqrt(Ga.data[j * n + j]!));
      const w = v.slice();
      w[j]! += h;
      const s = shoot(w);
      if (s === undefined) ok = false;
      else for (let i = 0; i < n; i++) J.data[i * n + j] = (s.F[i]! - cur.F[i]!) / h;
    }
    if (!ok) break;
    let step: Float64Array;
    try {
      step = solve(J, cur.F);
    } catch {
      break;
    }
    let accepted = false;
    for (let alpha = 1, k = 0; k < 20; k++, alpha *= 0.5) {
      const w = v.map((x, i) => x - alpha * step[i]!);
      const s = shoot(w);
      if (s !== undefined && s.r < cur.r) {
        v = w;
        cur = s;
        accepted = true;
        break;
      }
    }
    if (!accepted) {
      converged = cur.r <= Math.sqrt(target());
      break;
    }
  }
  if (cur !== undefined && !converged && cur.r <= target()) converged = true;
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
