import type { Decoder, LatentMetric } from '../decoders/decoder.js';
import type { GeodesicOptions, GeodesicResult } from './geodesic-types.js';
import { PolylineGeodesicSolver } from './polyline-geodesic-solver.js';

/** Options of {@link polylineGeodesic} and {@link polylineGeodesics}. */
export interface PolylineGeodesicOptions
  extends Pick<GeodesicOptions, 'nodes' | 'tol' | 'maxIterations' | 'signal'> {
  /**
   * Solve coarse to fine (default FALSE here, unlike `geodesic`): first on polylines with about ¼ and ½ of
   * the intervals. On the MNIST decoder the coarse chords skip over the decoder's features and the fine
   * level then needs more iterations than from the straight line.
   */
  multilevel?: boolean;
  /**
   * Accepted iterations between refreshes of the preconditioner (default 3: a Newton step, then L-BFGS
   * corrections on it; 1 is Newton with line search, fewer iterations but each refresh costs about three
   * energy evaluations; it is also refreshed at the start): one batched
   * Jacobian call (and one batched second-order call with `'newton'`) for all curves due.
   */
  hessianRefresh?: number;
  /**
   * Initial inverse Hessian of L-BFGS: `'newton'` (default) the block-tridiagonal energy Hessian — the
   * Gauss–Newton matrix plus the curvature blocks ∇²_z(uⱼᵀθ)(zⱼ) from d second-order products per node
   * (exact for a constant Fisher information; Gauss–Newton is used whenever it is indefinite) — or
   * `'gauss-newton'` (Jacobians only; converges linearly on curved decoders: it lacks the curvature term
   * of the second variation).
   */
  preconditioner?: 'newton' | 'gauss-newton';
  /**
   * Largest number of nodes per decoder call (default `Infinity`: one decode and one VJP of all pairs'
   * nodes per round). A finite value evaluates the pairs in groups of ⌊chunk / nodes⌋ curves (measured on
   * the MNIST decoder, 64 pairs: no gain with 512 on float64, a loss on tfjs).
   */
  chunk?: number;
  /** Initial nodes per pair (each `nodes`×d, ends equal to the pair), e.g. from graph paths. */
  init?: readonly (ArrayLike<number> | undefined)[];
  /** Called after each round with the number of pairs still running. */
  onProgress?: (progress: { round: number; active: number }) => void;
}

/**
 * Geodesics of a pullback metric by the decoded polyline energy (the discretisation stochman uses by
 * default), many pairs at once: the curve is N nodes z₀ = a, z₁, …, z_{N−1} = b and the energy
 * E = ½ (N − 1) Σᵢ d²(θ(zᵢ), θ(zᵢ₊₁)) sums squared Fisher chords in output space, d² = Δθᵀ I(θ̄) Δθ
 * with Δθ = θ(zᵢ₊₁) − θ(zᵢ) and θ̄ their midpoint (exactly ‖Δμ‖²/σ² for a Gaussian with fixed σ; for a
 * θ-dependent Fisher information the midpoint rule, which agrees with the symmetrised KL ×2 to third
 * order in Δθ). Its gradient needs θ at the nodes and ONE vector–Jacobian product per interior node —
 * no Jacobian, no second derivative — so every evaluation is one batched decode of all pairs' nodes and
 * one batched VJP (`chunk` splits it). L-BFGS (memory 10, Armijo backtracking) uses as initial inverse
 * Hessian the block-tridiagonal Newton matrix: the Gauss–Newton matrix of this least-squares problem
 * (diagonal 2(N−1)Jⱼᵀ I Jⱼ, off-diagonal −(N−1)Jⱼᵀ I Jⱼ₊₁) plus the curvature blocks ∇²_z(uⱼᵀθ)(zⱼ)
 * (see {@link PolylineGeodesicOptions.preconditioner}), one batched Jacobian and one batched second-order
 * call, refreshed every `hessianRefresh` iterations; from the straight line (or `init`), optionally
 * coarse to fine (`multilevel`).
 *
 * Result contract (as `geodesic`): `points` the N nodes (N×d); `length` = Σᵢ d(θᵢ, θᵢ₊₁), the polyline
 * length in output space — a consistent O(h²) discretisation of the Riemannian length (each chord equals
 * the length of the segment's image up to O(h³)); the minimiser converges to the continuous geodesic
 * (and the spline solver's) as N grows, the length with error O(1/N²); `energy` the E above (≈ ½
 * length² at equal chords); `residual` r = ‖∇_y E‖₂ · ‖b − a‖ / (2E), ∇_y E the exact gradient of the
 * discrete energy in the interior nodes (the same measure as the spline solver's, for this discrete
 * energy); `converged` when r ≤ `tol`, or r ≤ √tol when the line search stalls or the residual has not
 * halved for 10 iterations while the energy fell by less than 16 units of the decoder's `roundoff`
 * (rounding level: a float32 decoder floors r near 1e-5 on 32 nodes); above √tol the solve stops, unconverged, after
 * 30 iterations without halving;
 * `initialVelocity` (N−1)(z₁ − z₀); `method` `'energy'`. No shooting polish.
 * @param metric - a pullback metric with its `decoder`, or the decoder itself (its `output` family,
 *   default Gaussian with σ = 1); batched `decodeBatch`/`vjpBatch`/`jacobianBatch` are used when present
 * @param pairs - endpoint pairs [a, b]
 */
export function polylineGeodesics(
  metric: LatentMetric | Decoder,
  pairs: readonly (readonly [ArrayLike<number>, ArrayLike<number>])[],
  options: PolylineGeodesicOptions = {},
): GeodesicResult[] {
  return new PolylineGeodesicSolver(metric, pairs, options).run();
}

/** One geodesic by the decoded polyline energy: {@link polylineGeodesics} with one pair. */
export function polylineGeodesic(
  metric: LatentMetric | Decoder,
  z0: ArrayLike<number>,
  z1: ArrayLike<number>,
  options: Omit<PolylineGeodesicOptions, 'init'> & { init?: ArrayLike<number> } = {},
): GeodesicResult {
  const { init, ...rest } = options;
  return polylineGeodesics(metric, [[z0, z1]], {
    ...rest,
    ...(init !== undefined ? { init: [init] } : {}),
  })[0]!;
}
