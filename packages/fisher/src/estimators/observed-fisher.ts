import type { Observation, Params } from '@infogeom/distributions';
import { DenseMatrix, hessianWithError, jacobianWithError, type NumDiffOptions } from '@infogeom/linalg';
import type { FisherEstimate } from './fisher-estimate.js';
import type { Model, ModelData } from './model.js';
import { checkParameters, modelScore } from './model-jacobian.js';
import { resolveData } from './resolve-data.js';

/** Options of {@link observedFisher}. */
export interface ObservedFisherOptions {
  /** Options of the numerical derivative (Ridders extrapolation). */
  numdiff?: NumDiffOptions;
}

/** The result of {@link observedFisher}: a {@link FisherEstimate} with the numerical-derivative error. */
export interface ObservedFisherEstimate extends FisherEstimate {
  /** Entry-wise error estimate of the numerical differentiation (Richardson tableau). */
  readonly differentiationError: DenseMatrix;
}

/**
 * The observed information −Σᵢ ∇²_w log p(yᵢ | w, inputᵢ) at `w`. When the model has an analytic score
 * path (its own `score` or `jacobian`), the Hessian is the Ridders Jacobian of the summed score
 * (symmetrised); otherwise linalg's Ridders Hessian of the log-likelihood. For a canonical-link GLM it
 * equals the Fisher information whatever the labels; for a non-canonical link it differs by the
 * curvature term Σ sᵢ·∇²_w θᵢ, which vanishes only in expectation.
 */
export function observedFisher<P extends Params, X extends Observation, I>(
  model: Model<P, X, I>,
  w: ArrayLike<number>,
  data: ModelData<X, I>,
  options: ObservedFisherOptions = {},
): ObservedFisherEstimate {
  const wv = checkParameters(model, w);
  const pairs = resolveData(model, data);
  const p = model.dimension;
  let H: { value: DenseMatrix; error: DenseMatrix };
  if (model.score !== undefined || model.jacobian !== undefined) {
    const totalScore = (v: Float64Array): Float64Array => {
      const g = new Float64Array(p);
      for (const { y, input } of pairs) {
        const s = modelScore(model, v, y, input);
        for (let j = 0; j < p; j++) g[j]! += s[j]!;
      }
      return g;
    };
    H = jacobianWithError(totalScore, wv, { name: 'score', ...options.numdiff });
    const a = H.value.data;
    for (let i = 0; i < p; i++)
      for (let j = 0; j < i; j++) a[i * p + j] = a[j * p + i] = 0.5 * (a[i * p + j]! + a[j * p + i]!);
  } else {
    const logLikelihood = (v: Float64Array): number => {
      let s = 0;
      for (const { y, input } of pairs) s += model.family.logProb(model.params(v, input), y);
      return s;
    };
    H = hessianWithError(logLikelihood, wv, { name: 'logLikelihood', ...options.numdiff });
  }
  return {
    value: new DenseMatrix(
      p,
      p,
      H.value.data.map((v) => -v),
    ),
    standardError: new DenseMatrix(p, p),
    differentiationError: H.error,
    method: 'observed',
    terms: pairs.length,
    samples: 0,
  };
}
