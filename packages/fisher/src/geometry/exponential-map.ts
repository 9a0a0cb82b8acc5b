import { ConvergenceError, InvalidArgumentError } from '@infogeom/linalg';
import { dormandPrinceInPlace, type OdeOptions } from './dormand-prince.js';
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

/** Γ(θ) into `out`: the manifold's allocation-free path when it has one, else its `christoffel`. */
function christoffelWriter(manifold: FisherRaoManifold): (theta: Float64Array, out: Float64Array) => boolean {
  if (manifold.christoffelInto !== undefined) return manifold.christoffelInto.bind(manifold);
  return (theta, out) => {
    if (!manifold.contains(theta)) return false;
    try {
      out.set(manifold.christoffel(theta.slice()));
    } catch (e) {
      if (e instanceof InvalidArgumentError) return false;
      throw e;
    }
    return true;
  };
}

/** −Γᵏᵢⱼ uⁱ wʲ into `out` (n entries). */
function contract(
  n: number,
  G: Float64Array,
  u: Float64Array,
  uo: number,
  w: Float64Array,
  wo: number,
  out: Float64Array,
  oo: number,
): void {
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const ui = u[uo + i]!;
      const base = k * n * n + i * n;
      for (let j = 0; j < n; j++) s += G[base + j]! * ui * w[wo + j]!;
    }
    out[oo + k] = -s;
  }
}

/**
 * The geodesic equation as an allocation-free right-hand side for {@link dormandPrinceInPlace}: y = (x, ẋ)
 * (2n entries), or with `variational` also the sensitivities X = ∂x/∂ẋ(0) and V = ∂ẋ/∂ẋ(0) (n×n each,
 * row-major, appended), whose equations Ẋ = V, V̇ = −(∂Γ·X)ẋẋ − 2Γ(ẋ, V) take the derivative of Γ along
 * each column of X by a forward difference of relative size 2e-8. Returns false off the domain.
 */
export function geodesicRhsInPlace(
  manifold: FisherRaoManifold,
  variational = false,
): (t: number, y: Float64Array, dy: Float64Array) => boolean {
  const n = manifold.dimension;
  const n2 = n * n;
  const gamma = christoffelWriter(manifold);
  const G = new Float64Array(n2 * n);
  const Gs = new Float64Array(n2 * n);
  const xs = new Float64Array(n);
  const x = new Float64Array(n);
  const acc = new Float64Array(n);
  return (_t, y, dy) => {
    for (let k = 0; k < n; k++) x[k] = y[k]!;
    if (!gamma(x, G)) return false;
    for (let k = 0; k < n; k++) dy[k] = y[n + k]!;
    contract(n, G, y, n, y, n, dy, n);
    if (!variational) return true;
    let xmax = 0;
    for (let k = 0; k < n; k++) xmax = Math.max(xmax, Math.abs(x[k]!));
    const floor = Math.max(1e-3 * xmax, 1e-300);
    const Xo = 2 * n;
    const Vo = 2 * n + n2;
    // Ẋ = V.
    for (let e = 0; e < n2; e++) dy[Xo + e] = y[Vo + e]!;
    for (let c = 0; c < n; c++) {
      // Column c of X and V: entries (row k) at Xo + k·n + c.
      let ratio = 0;
      for (let k = 0; k < n; k++)
        ratio = Math.max(ratio, Math.abs(y[Xo + k * n + c]!) / (Math.abs(x[k]!) + floor));
      // −2Γ(ẋ, V_c): Γ is symmetric in its lower indices.
      for (let k = 0; k < n; k++) {
        let s = 0;
        for (let i = 0; i < n; i++) {
          const vi = y[n + i]!;
          const base = k * n2 + i * n;
          for (let j = 0; j < n; j++) s += G[base + j]! * vi * y[Vo + j * n + c]!;
        }
        acc[k] = -2 * s;
      }
      if (ratio > 0) {
        const eps = 2e-8 / ratio;
        for (let k = 0; k < n; k++) xs[k] = x[k]! + eps * y[Xo + k * n + c]!;
        if (!gamma(xs, Gs)) return false;
        for (let e = 0; e < n2 * n; e++) Gs[e] = (Gs[e]! - G[e]!) / eps;
        for (let k = 0; k < n; k++) {
          let s = 0;
          for (let i = 0; i < n; i++) {
            const vi = y[n + i]!;
            const base = k * n2 + i * n;
            for (let j = 0; j < n; j++) s += Gs[base + j]! * vi * y[n + j]!;
          }
          acc[k] = acc[k]! - s;
        }
      }
      for (let k = 0; k < n; k++) dy[Vo + k * n + c] = acc[k]!;
    }
    return true;
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
  const r = dormandPrinceInPlace(geodesicRhsInPlace(manifold), 0, y0, 1, options);
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
