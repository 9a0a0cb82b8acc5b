/** Progress of a geodesic solver, reported after each iteration. */
export interface GeodesicProgress {
  /** Iterations so far. */
  iteration: number;
  /** Current curve energy ½∫ċᵀGċ dt. */
  energy: number;
  /** Current curve length. */
  length: number;
  /** Current residual (see {@link GeodesicResult.residual}). */
  residual: number;
}

/** Result of a geodesic solve. */
export interface GeodesicResult {
  /** Nodes of the curve, (N+1)×d row-major, equally spaced in arc length (constant speed) when converged. */
  points: Float64Array;
  /** Riemannian length. */
  length: number;
  /** Energy ½∫₀¹ ċᵀGċ dt (½ length² for a constant-speed geodesic). */
  energy: number;
  /**
   * Whether the tolerance was met — or its square root, when the energy stagnates at the rounding level of
   * the metric's evaluations (its `roundoff`: a float32 decoder floors the residual at a few 1e-6
   * on 32 nodes; the energy solver's float32 lengths still agree with float64 to ≈ 2e-8 on the MNIST decoder).
   */
  converged: boolean;
  /** Iterations (energy minimisation plus shooting Newton steps). */
  iterations: number;
  /**
   * Dimensionless optimality measure compared with `tol`. Energy minimisation: r = ‖∇_y E‖₂ · ‖z₁ − z₀‖ /
   * (2E), with ∇_y E the exact gradient of the discrete energy with respect to the interior nodes (all of
   * their coordinates, one vector): moving the interior nodes by δ with ‖δ‖₂ = ε‖z₁ − z₀‖ changes E by at
   * most 2E·r·ε, hence the length L = √(2E) of a constant-speed curve by at most about r·ε relative, to
   * first order. Shooting: the endpoint miss ‖exp(z₀, v) − z₁‖ / ‖z₁ − z₀‖.
   */
  residual: number;
  /** Which solver produced the result. */
  method: 'energy' | 'shooting';
  /** The initial velocity ċ(0) (the logarithm map log_{z₀}(z₁) for a geodesic). */
  initialVelocity: Float64Array;
}

/** Options shared by the geodesic solvers. */
export interface GeodesicOptions {
  /** Number of nodes N+1 of the discretised curve (default 32). */
  nodes?: number;
  /**
   * The discretisation (default `'spline'`): `'spline'` minimises the latent curve energy ∫ċᵀG(c)ċ dt of
   * the `curve` family by quadrature (then the shooting polish); `'polyline'` minimises the DECODED
   * polyline energy ½(N−1)Σ d²(θ(zᵢ), θ(zᵢ₊₁)) of squared Fisher chords in output space (stochman's
   * default; values and one VJP per node, see `polylineGeodesic`), reading only `nodes`, `tol`,
   * `maxIterations`, `init` and `signal` — an O(1/N²) approximation of the length, no shooting polish.
   * Not to be confused with `curve: 'polyline'` (a latent polyline under the midpoint pullback metric).
   */
  method?: 'spline' | 'polyline';
  /** Curve family: cubic spline (C², default) or polyline with midpoint metric. */
  curve?: 'spline' | 'polyline';
  /** Gauss–Legendre points per interval (default 4 for splines, 1 for polylines). */
  quadraturePoints?: number;
  /** Tolerance on the energy residual (default 1e-6). */
  tol?: number;
  /** Iteration cap of the energy minimisation (default 500). */
  maxIterations?: number;
  /** Initial nodes ((N+1)×d, ends equal to z₀ and z₁), e.g. from {@link GeodesicOptions}-free kNN graph paths. */
  init?: ArrayLike<number>;
  /**
   * Polish by shooting on the geodesic equation: lengths then come from ‖v‖_G. Default: on for float64
   * metrics, off when the metric's `roundoff` is coarser than 1e-12 (a float32 tfjs decoder: its Christoffel
   * symbols carry ~1e-7 noise, below which the polish's rtol-1e-10 integration cannot go — on the MNIST
   * decoder it spent minutes and was then discarded); `true` forces it.
   */
  refine?: boolean;
  /**
   * Initial inverse Hessian of the L-BFGS energy minimisation: `'hessian'` (default) the (shifted) Newton
   * inverse of the exact-structure energy Hessian (quasi-Newton with Newton restarts, see
   * `curveEnergyHessians`; after 150 iterations outside √tol the solve continues with `'metric'`);
   * `'metric'` the inverse of the discrete Laplacian ⊗ the metric at the nodes (cheaper per refresh, many
   * more iterations on curved decoders).
   */
  preconditioner?: 'hessian' | 'metric';
  /**
   * Solve coarse to fine (default true, ignored with `init`): `geodesic`/`geodesics` first minimise on
   * curves with about ¼ and ½ of the intervals (while ≥ 12), each level started from the previous one.
   */
  multilevel?: boolean;
  /** Iterations between Hessian refreshes with `preconditioner: 'hessian'` (default 4). */
  hessianRefresh?: number;
  /** Cancels the solve (throws AbortError). */
  signal?: AbortSignal;
  /** Called after each iteration. */
  onProgress?: (progress: GeodesicProgress) => void;
}
