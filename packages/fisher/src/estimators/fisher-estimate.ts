import type { DenseMatrix } from '@infogeom/linalg';

/** How a model's Fisher information was estimated. */
export type FisherMethod = 'exact' | 'monte-carlo' | 'empirical' | 'observed';

/**
 * A p×p Fisher information of a model (a sum over its inputs or observations — the total, not the
 * per-observation average) with entry-wise standard errors and metadata.
 */
export interface FisherEstimate {
  /** The p×p estimate. */
  readonly value: DenseMatrix;
  /**
   * Entry-wise standard errors: 0 for exact values; the Monte Carlo error for `monte-carlo` (and for
   * exact Fisher of families whose own Fisher is a Monte Carlo estimate); for `empirical`, the sampling
   * error of Σ sᵢsᵢᵀ as an estimate of its expectation under the data distribution; 0 for `observed`.
   */
  readonly standardError: DenseMatrix;
  /** How it was obtained. */
  readonly method: FisherMethod;
  /** Number of terms summed (inputs for `exact`/`monte-carlo`, observations otherwise). */
  readonly terms: number;
  /** Labels drawn per input (`monte-carlo` only; 0 otherwise). */
  readonly samples: number;
  /** A caveat about what the estimate means (set by `empiricalFisher`). */
  readonly warning?: string;
}
