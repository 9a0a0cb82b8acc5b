import type { DenseMatrix, Rng } from '@infogeom/linalg';

/** A synthetic data set drawn from a known manifold, with the truth needed to score an embedding. */
export interface GeneratedData {
  /** The n × D ambient points, one row per sample. */
  readonly points: DenseMatrix;
  /** The n × d intrinsic coordinates each point was generated from (the "unrolled" truth). */
  readonly coordinates: DenseMatrix;
  /** Class labels where the data set has them (two moons: 0 or 1), else absent. */
  readonly labels?: Int32Array;
  /** The intrinsic dimension d of the manifold. */
  readonly intrinsicDimension: number;
}

/** Options shared by every generator. */
export interface GeneratorOptions {
  /** Number of points n (integer ≥ 1). */
  readonly n: number;
  /** Standard deviation of isotropic Gaussian noise added to the ambient points (default 0). */
  readonly noise?: number;
  /** Seed or generator; the same seed gives bit-identical data (default seed 0). */
  readonly seed?: number | Rng;
}
