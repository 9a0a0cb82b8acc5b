/**
 * Where a family's observations live. The support drives exact expectations (summation over a
 * discrete support, quadrature on an interval) and the conformance kit's normalisation check.
 */
export type Support =
  /**
   * Real numbers in [lower, upper] (either end may be infinite). `breakpoints` lists interior points where
   * the density is not smooth (the Laplace kink at μ), so quadrature splits the range there.
   */
  | {
      readonly kind: 'continuous';
      readonly lower: number;
      readonly upper: number;
      readonly breakpoints?: readonly number[];
    }
  /** Integers in [lower, upper] (upper may be +∞). */
  | { readonly kind: 'discrete'; readonly lower: number; readonly upper: number }
  /** Angles in (−π, π]. */
  | { readonly kind: 'circle' }
  /** Vectors of the given length (real, positive, simplex or count vectors); expectations by Monte Carlo. */
  | {
      readonly kind: 'vector';
      readonly dimension: number;
      readonly domain: 'real' | 'simplex' | 'counts' | 'positive';
    };

/** An observation: a number for univariate families, a Float64Array for multivariate ones. */
export type Observation = number | Float64Array;

/** A mean or variance: a number for univariate families, a Float64Array (per coordinate) otherwise. */
export type Moment = number | Float64Array;
