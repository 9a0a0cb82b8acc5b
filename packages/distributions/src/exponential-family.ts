import type { DenseMatrix } from '@infogeom/linalg';
import type { Params } from './parameter.js';
import type { Observation } from './support.js';

/**
 * Exponential-family structure p(x | η) = h(x) exp(⟨η, T(x)⟩ − A(η)): natural parameters η, sufficient
 * statistic T, log-partition A, mean parameters μ = ∇A(η) and the conversions. The Fisher information in
 * natural coordinates is ∇²A(η) (the conformance kit checks this against a numerical Hessian of A).
 */
export interface ExponentialFamilyStructure<P extends Params, X extends Observation> {
  /** Natural parameters η of `params`. */
  toNatural(params: P): Float64Array;
  /** The params with natural parameters η (fixed hyperparameters taken from `base`). */
  fromNatural(eta: ArrayLike<number>, base: P): P;
  /** Sufficient statistic T(x). */
  sufficientStatistic(x: X, base: P): Float64Array;
  /** Log base measure log h(x) (depends on fixed hyperparameters such as a trial count). */
  logBaseMeasure(x: X, base: P): number;
  /** Log-partition A(η). */
  logPartition(eta: ArrayLike<number>, base: P): number;
  /** Mean parameters μ = ∇A(η) = E[T(x)]. */
  meanParameters(eta: ArrayLike<number>, base: P): Float64Array;
  /** The params whose mean parameters are μ (the moment-matching map, inverse of ∇A). */
  fromMean(mu: ArrayLike<number>, base: P): P;
  /** Fisher information in natural coordinates, ∇²A(η) (closed form). */
  naturalFisher(eta: ArrayLike<number>, base: P): DenseMatrix;
}
