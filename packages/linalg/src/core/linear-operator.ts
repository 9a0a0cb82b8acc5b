/**
 * A matrix known only through its action: the matrix-free interface every iterative solver,
 * Fisher operator and graph Laplacian in infogeom implements.
 */
export interface LinearOperator {
  /** [rows, cols]. */
  readonly shape: readonly [number, number];
  /**
   * y = A x. Writes into `out` when given (length rows, not aliasing x) and returns it.
   */
  mv(x: Float64Array, out?: Float64Array): Float64Array;
  /** y = Aᵀ x, when the operator supports it (length cols → rows reversed). */
  rmv?(x: Float64Array, out?: Float64Array): Float64Array;
  /** The diagonal of A (for Jacobi preconditioning, Hutchinson control variates, …). */
  diag?(): Float64Array;
  /** `true` when A is known to be symmetric (Aᵀ = A). */
  readonly symmetric?: boolean;
}
