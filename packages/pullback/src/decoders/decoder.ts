/**
 * The two interfaces every latent geometry in this package is built on.
 *
 * Design note. A {@link Decoder} maps a latent code z ∈ ℝᵈ to the parameters θ(z) ∈ ℝᴰ of an output
 * family ({@link OutputFamily}: Gaussian with fixed σ, Gaussian with σ(z), Bernoulli, categorical, Poisson,
 * or any registered family). The latent metric is the pullback G(z) = J(z)ᵀ I(θ(z)) J(z) of the output
 * family's Fisher information I. Everything a geodesic solver needs is a handful of products:
 *
 * - `decode` / `decodeBatch`: θ(z) at one or many codes,
 * - `jacobian` / `jacobianBatch`: J(z) (D×d; d is small, so d JVPs or one VJP per output),
 * - `vjp` / `vjpBatch`: J(z)ᵀu (reverse mode),
 * - `secondOrder` / `secondOrderBatch` (optional): ∇_z (uᵀ J(z) v) = Σₖ uₖ ∇²θₖ(z) v, the second
 *   derivative the exact energy gradient (with ∂G/∂z) needs,
 * - `secondDirectional` (optional): H[v,v] = d²θ(z+εv)/dε², the one the geodesic equation needs.
 *
 * A decoder that cannot differentiate twice (TensorFlow.js: second derivatives through tanh/exp are broken
 * upstream, tfjs issue 3252) simply omits `secondOrder`: the pullback metric then forms it by central
 * differences of first-order products, (J(z+εv)ᵀu − J(z−εv)ᵀu)/(2ε), two batched VJPs (and H[v,v] from
 * J v at z ± εv). So a tfjs decoder
 * needs only VJPs (and JVPs as the VJP of a VJP) and batched evaluation over a whole curve. Batched methods
 * take row-major blocks: n codes as an n×d `Float64Array`, and return row-major n×D (values), n×D×d
 * (Jacobians) or n×d (products). float32 decoders convert at this boundary; the geometry stays float64.
 *
 * A {@link LatentMetric} is what the geometry works on: a Riemannian metric G(z) on (a domain of) ℝᵈ with,
 * optionally, its derivative and a batched "energy density" (vᵀGv, Gv and ∇_z vᵀGv at many points), which
 * is all the energy gradient needs. Pullback metrics implement it from a decoder; metric-only manifolds
 * (a user-supplied G(z), optionally ∂G/∂z) implement it directly.
 *
 * @module
 */

/**
 * The output distribution of a decoder, through its Fisher information in the decoder's output coordinates
 * θ ∈ ℝᴰ. Built-ins: `gaussianOutput`, `gaussianScaleOutput`, `bernoulliOutput`, `categoricalOutput`,
 * `poissonOutput`, `familyOutput` (any registered family).
 */
export interface OutputFamily {
  /** A short name for messages and docs (e.g. `'gaussian'`, `'bernoulli'`). */
  readonly name: string;
  /** Whether I(θ) does not depend on θ (then {@link OutputFamily.fisherQuadGradient} is zero). */
  readonly constantFisher: boolean;
  /**
   * Writes I(θ)·a into `out` (length D). Returns false when θ is outside the family's parameter domain
   * (e.g. a probability of exactly 0), so that callers can damp or report instead of producing NaN.
   */
  fisherApply(theta: Float64Array, a: Float64Array, out: Float64Array): boolean;
  /** Writes ∇_θ (aᵀ I(θ) a) into `out` (length D). Returns false outside the domain. */
  fisherQuadGradient(theta: Float64Array, a: Float64Array, out: Float64Array): boolean;
  /** Writes (d/dε I(θ + εa))·a at ε = 0 into `out` (length D). Returns false outside the domain. */
  fisherDirectional(theta: Float64Array, a: Float64Array, out: Float64Array): boolean;
}

/** A smooth map z ∈ ℝᵈ ↦ θ(z) ∈ ℝᴰ with first-order products and, optionally, second-order ones. */
export interface Decoder {
  /** Latent dimension d. */
  readonly latentDimension: number;
  /** Output dimension D (length of θ). */
  readonly outputDimension: number;
  /** The output family whose Fisher information is pulled back (default: Gaussian with σ = 1). */
  readonly output?: OutputFamily;
  /**
   * Unit roundoff of the decoder's arithmetic (default 2⁻⁵³, float64; 2⁻²⁴ for a float32 network such as
   * `tfjsDecoder`). The geodesic solvers read it to tell a rounding floor of the energy from slow progress
   * and, above 1e-12, to treat energy changes within 4 roundoff units as noise in their line search (then
   * the gradient norm decides), skip the default shooting polish, and stop at the floor.
   */
  readonly roundoff?: number;
  /** θ(z), length D. */
  decode(z: Float64Array): Float64Array;
  /** J(z) = ∂θ/∂z, row-major D×d. */
  jacobian(z: Float64Array): Float64Array;
  /** J(z)ᵀu, length d (default: from {@link Decoder.jacobian}). */
  vjp?(z: Float64Array, u: Float64Array): Float64Array;
  /** ∇_z (uᵀ J(z) v) = Σₖ uₖ ∇²θₖ(z) v, length d. Omit when unavailable: central differences of VJPs are used. */
  secondOrder?(z: Float64Array, u: Float64Array, v: Float64Array): Float64Array;
  /**
   * The second directional derivative H[v,v] = d²/dε² θ(z + εv) at ε = 0, length D (forward over forward;
   * used by the geodesic equation). Omit when unavailable: central differences of J v along v are used.
   */
  secondDirectional?(z: Float64Array, v: Float64Array): Float64Array;
  /** θ at n codes `Z` (n×d) → n×D. */
  decodeBatch?(Z: Float64Array, n: number): Float64Array;
  /** J at n codes `Z` (n×d) → n×D×d. */
  jacobianBatch?(Z: Float64Array, n: number): Float64Array;
  /** J(zᵢ)ᵀuᵢ for n codes `Z` (n×d) and cotangents `U` (n×D) → n×d. */
  vjpBatch?(Z: Float64Array, U: Float64Array, n: number): Float64Array;
  /** ∇_z (uᵢᵀ J(zᵢ) vᵢ) for `Z` (n×d), `U` (n×D), `V` (n×d) → n×d. */
  secondOrderBatch?(Z: Float64Array, U: Float64Array, V: Float64Array, n: number): Float64Array;
}

/**
 * The integrand of the curve energy at n points: for codes `Z` and velocities `V` (both n×d),
 * q = vᵀG(z)v, Gv and ∇_z (vᵀ G(z) v) (with v held fixed).
 */
export interface EnergyDensity {
  /** vᵢᵀ G(zᵢ) vᵢ, length n. */
  quad: Float64Array;
  /** G(zᵢ) vᵢ, n×d. */
  metricTimesVelocity: Float64Array;
  /** ∇_z (vᵢᵀ G(zᵢ) vᵢ), n×d. */
  positionGradient: Float64Array;
}

/**
 * The two halves of the Christoffel contraction of a pullback metric with a constant output Fisher I at n
 * codes: Γ(vᵢ, vᵢ) = G(zᵢ)⁻¹ forceᵢ with forceᵢ = J(zᵢ)ᵀ I H(zᵢ)[vᵢ, vᵢ], H the decoder's second derivative.
 */
export interface GeodesicForce {
  /** G(zᵢ) = J(zᵢ)ᵀ I J(zᵢ), n×d×d. */
  metric: Float64Array;
  /** J(zᵢ)ᵀ I H(zᵢ)[vᵢ, vᵢ], n×d. */
  force: Float64Array;
}

/** A Riemannian metric G(z) on a domain of ℝᵈ: what geodesics, exponential maps and curvature work on. */
export interface LatentMetric {
  /** Dimension d. */
  readonly dimension: number;
  /** G(z), row-major d×d, symmetric positive (semi-)definite. */
  metric(z: Float64Array): Float64Array;
  /** ∂G/∂z flattened as `k·d² + i·d + j` = ∂G_ij/∂z_k (default: finite differences of {@link LatentMetric.metric}). */
  metricDerivative?(z: Float64Array): Float64Array;
  /** G at n codes `Z` (n×d) → n×d×d. */
  metricBatch?(Z: Float64Array, n: number): Float64Array;
  /** The energy integrand at n points (default: from the metric and its derivative). */
  energyDensity?(Z: Float64Array, V: Float64Array, n: number): EnergyDensity;
  /**
   * The Christoffel contraction Γᵏᵢⱼ(z) vⁱ vʲ, length d: the geodesic equation is z̈ = −Γ(ż, ż)
   * (default: from {@link LatentMetric.metricDerivative}).
   */
  christoffelContraction?(z: Float64Array, v: Float64Array): Float64Array;
  /**
   * The Christoffel contraction at n points at once: Γ(vᵢ, vᵢ) at zᵢ for codes `Z` and velocities `V`
   * (both n×d row-major) → n×d, one batched decoder pass for a whole set of trajectories (what the
   * shooting polish integrates). Default: {@link LatentMetric.christoffelContraction} point by point.
   */
  christoffelContractionBatch?(Z: Float64Array, V: Float64Array, n: number): Float64Array;
  /** Whether z is in the domain (default: everywhere); e.g. y > 0 on the half-plane. */
  contains?(z: Float64Array): boolean;
  /** The decoder behind a pullback metric, when there is one (used to return decoded points). */
  readonly decoder?: Decoder;
  /**
   * Unit roundoff of the metric's evaluations (default: its decoder's {@link Decoder.roundoff}, else
   * 2⁻⁵³); see {@link metricRoundoff}.
   */
  readonly roundoff?: number;
}
