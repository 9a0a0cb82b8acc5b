/**
 * Where a family's observations live. The support drives exact expectations (summation over a
 * discrete support, quadrature on an interval) and the conformance kit's normalisation check.
 */
export type Support = ContinuousSupport | DiscreteSupport | CircleSupport | VectorSupport;

/** Real numbers in [lower, upper] (either end may be infinite). */
export interface ContinuousSupport {
  /** Always `'continuous'`. */
  readonly kind: 'continuous';
  /** Lower end (may be −∞). */
  readonly lower: number;
  /** Upper end (may be +∞). */
  readonly upper: number;
  /** Interior points where the density is not smooth (the Laplace kink at μ): quadrature splits there. */
  readonly breakpoints?: readonly number[];
}

/** Integers in [lower, upper]. */
export interface DiscreteSupport {
  /** Always `'discrete'`. */
  readonly kind: 'discrete';
  /** Smallest value. */
  readonly lower: number;
  /** Largest value (may be +∞). */
  readonly upper: number;
}

/** Angles in (−π, π]. */
export interface CircleSupport {
  /** Always `'circle'`. */
  readonly kind: 'circle';
}

/** Vectors of a given length; expectations over them are by Monte Carlo. */
export interface VectorSupport {
  /** Always `'vector'`. */
  readonly kind: 'vector';
  /** Length of the observation vectors. */
  readonly dimension: number;
  /** Real vectors, points of the simplex, count vectors, or positive vectors. */
  readonly domain: 'real' | 'simplex' | 'counts' | 'positive';
}

/** An observation: a number for univariate families, a Float64Array for multivariate ones. */
export type Observation = number | Float64Array;

/** A mean or variance: a number for univariate families, a Float64Array (per coordinate) otherwise. */
export type Moment = number | Float64Array;
