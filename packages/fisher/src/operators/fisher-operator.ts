import type { DenseMatrix, LinearOperator } from '@infogeom/linalg';

/** Options of {@link FisherOperator.topEigen}. */
export interface TopEigenOptions {
  /** Lanczos convergence tolerance, relative to ‖F‖ (default 1e-12); ignored by exact methods. */
  tol?: number;
  /** Seed of the Lanczos starting vector (default 0). */
  seed?: number;
  /** Maximum number of Fisher-vector products for Lanczos (default linalg's). */
  maxIterations?: number;
}

/** The k largest eigenpairs of a Fisher operator. */
export interface FisherEigenpairs {
  /** The k largest eigenvalues, in descending order. */
  values: Float64Array;
  /** dim×k matrix of orthonormal eigenvectors as columns; column j pairs with `values[j]`. */
  vectors: DenseMatrix;
}

/**
 * A symmetric positive semi-definite Fisher information matrix F (dim×dim) in some structured
 * representation. Every representation offers the same operations; those that are exact for the
 * structure are exact, the implicit one falls back to iterative or stochastic methods (documented
 * on {@link implicitFisher}).
 *
 * Damping: `solve(b, λ)` and `logdet(λ)` act on F + λI with λ ≥ 0. A negative or non-finite λ is
 * an `InvalidArgumentError` naming `damping`; λ = 0 on a (numerically) singular F is a
 * `SingularMatrixError` naming `damping`.
 */
export interface FisherOperator extends LinearOperator {
  /** Name of the representation: 'dense', 'diagonal', 'blockDiagonal', 'kfac', 'ekfac', 'lowRank', 'implicit'. */
  readonly kind: string;
  /** Number of parameters p (F is p×p). */
  readonly dim: number;
  /** [dim, dim]. */
  readonly shape: readonly [number, number];
  /** Always `true`: F is symmetric. */
  readonly symmetric: true;
  /**
   * y = F v. Writes into `out` when given (length dim, not aliasing v) and returns it.
   * @param v - vector of length dim
   * @param out - optional output of length dim
   */
  mv(v: Float64Array, out?: Float64Array): Float64Array;
  /**
   * x = (F + λI)⁻¹ b.
   * @param b - right-hand side of length dim
   * @param damping - λ ≥ 0
   */
  solve(b: Float64Array, damping: number): Float64Array;
  /** tr F (an unbiased estimate for the implicit representation). */
  trace(): number;
  /**
   * log det(F + λI).
   * @param damping - λ ≥ 0 (default 0)
   */
  logdet(damping?: number): number;
  /** The diagonal of F (length dim). */
  diag(): Float64Array;
  /**
   * The k largest eigenpairs: exact for structured representations where that is cheap, Lanczos otherwise.
   * @param k - number of eigenpairs, 1 ≤ k ≤ dim
   * @param options - Lanczos tolerance, seed, iteration cap
   */
  topEigen(k: number, options?: TopEigenOptions): FisherEigenpairs;
  /** F as a dense dim×dim matrix (O(dim²) memory). */
  toDense(): DenseMatrix;
}
