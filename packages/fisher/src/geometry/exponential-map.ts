import { ConvergenceError, InvalidArgumentError } from '@infogeom/linalg';
import { dormandPrince, type OdeOptions } from './dormand-prince.js';
import type { FisherRaoManifold } from './fisher-rao-manifold.js';

/** Options of {@link exponentialMap}. */
export interface ExponentialMapOptions extends OdeOptions {
  /** Throw a ConvergenceError instead of returning `converged: false` (default false). */
  throwOnFailure?: boolean;
}

/** Result of {@link exponentialMap}. */
export interface ExponentialMapResult {
  /** exp_θ(v): the geodesic at t = 1 (or where it stopped when not converged). */
  point: Float64Array;
  /** The velocity γ̇ there. */
  velocity: Float64Array;
  /** Whether t = 1 was reached within the tolerances and inside the domain. */
  converged: boolean;
  /** The time reached (1 when converged). */
  t: number;
  /** Accepted integrator steps. */
  steps: number;
  /** Rejected integrator steps. */
  rejected: number;
  /** Why it stopped early (see {@link OdeResult.reason}). */
  reason?: 'max-steps' | 'domain' | 'step-underflow';
}

/** The geodesic equation ẍᵏ = −Γᵏᵢⱼ ẋⁱ ẋʲ as a first-order system in (x, ẋ). */
export function geodesicEquation(manifold: FisherRaoManifold): (t: number, y: Float64Array) => Float64Array {
  const n = manifold.dimension;
  return (_t, y) => {
    const x = y.subarray(0, n);
    if (!manifold.contains(x)) throw new InvalidArgumentError('theta', x, 'a point of the parameter domain');
    const G = manifold.christoffel(x.slice());
    const out = new Float64Array(2 * n);
    for (let k = 0; k < n; k++) {
      out[k] = y[n + k]!;
      let s = 0;
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) s += G[k * n * n + i * n + j]! * y[n + i]! * y[n + j]!;
      out[n + k] = -s;
    }
    return out;
  };
}

/**
 * The exponential map exp_θ(v) = γ(1) of the geodesic with γ(0) = θ, γ̇(0) = v, by Dormand–Prince 5(4) with
 * error control. A curve that leaves the parameter domain stops with `converged: false, reason: 'domain'`.
 * @throws InvalidArgumentError when θ is outside the domain or v has the wrong length
 * @throws ConvergenceError when `throwOnFailure` is set and the integration fails
 */
export function exponentialMap(
  manifold: FisherRaoManifold,
  theta: ArrayLike<number>,
  v: ArrayLike<number>,
  options: ExponentialMapOptions = {},
): ExponentialMapResult {
  const n = manifold.dimension;
  if (theta.length !== n || !manifold.contains(theta))
    throw new InvalidArgumentError('theta', theta, `a point of the ${manifold.family.name} parameter domain`);
  if (v.length !== n || !Array.from(v).every(Number.isFinite))
    throw new InvalidArgumentError('v', v, `a finite tangent vector of length ${n}`);
  const y0 = new Float64Array(2 * n);
  y0.set(Array.from(theta), 0);
  y0.set(Array.from(v), n);
  const r = dormandPrince(geodesicEquation(manifold), 0, y0, 1, options);
  if (!r.converged && options.throwOnFailure === true)
    throw new ConvergenceError('exponentialMap', r.t, 'the geodesic to reach t = 1', `stopped: ${r.reason}`);
  const out: ExponentialMapResult = {
    point: r.y.slice(0, n),
    velocity: r.y.slice(n),
    converged: r.converged,
    t: r.t,
    steps: r.steps,
    rejected: r.rejected,
  };
  if (r.reason !== undefined) out.reason = r.reason;
  return out;
}
