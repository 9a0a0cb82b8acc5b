import type { Family, Observation, Params } from '@infogeom/distributions';
import type { DenseMatrix } from '@infogeom/linalg';

/**
 * A statistical model: parameters w ∈ ℝᵖ (and, for a conditional model such as a GLM, an input) mapped
 * to the params of a registered family. Every Fisher estimator of this package works on a `Model`; the
 * float64 helpers {@link familyModel} and {@link glmModel} build one, and an adapter for a tfjs network
 * implements the same interface (running the network in `params`, and supplying `jacobian` or `score`
 * from autodiff — the estimators fall back to finite differences only when both are absent).
 *
 * @typeParam P - the family's params
 * @typeParam X - the family's observations (labels)
 * @typeParam I - the model's input type (`undefined` for unconditional models)
 */
export interface Model<P extends Params = Params, X extends Observation = Observation, I = unknown> {
  /** The family of the conditional distribution p(y | w, input). */
  readonly family: Family<P, X>;
  /** Number of parameters p (length of w). */
  readonly dimension: number;
  /** Default inputs (e.g. the rows of a GLM's design matrix); absent for unconditional models. */
  readonly inputs?: readonly I[];
  /** The family's params at parameters `w` (and `input`, for conditional models). */
  params(w: Float64Array, input?: I): P;
  /**
   * ∂θ/∂w (k×p, θ the family's coordinates, see `family.space`) at `w`; when absent, Ridders finite
   * differences of w ↦ θ are used.
   */
  jacobian?(w: Float64Array, input?: I): DenseMatrix;
  /**
   * ∇_w log p(x | w, input); when absent, Jᵀ·score_θ (the chain rule through {@link Model.jacobian}).
   * An autodiff backend (tfjs) can supply per-example gradients here directly.
   */
  score?(w: Float64Array, x: X, input?: I): Float64Array;
}

/** Observed data for a model: labels, and for conditional models the input of each label. */
export interface ModelData<X extends Observation = Observation, I = unknown> {
  /** The observed labels yᵢ. */
  readonly observations: readonly X[];
  /** The input of each label (default: the model's `inputs`); omit for unconditional models. */
  readonly inputs?: readonly I[];
}
