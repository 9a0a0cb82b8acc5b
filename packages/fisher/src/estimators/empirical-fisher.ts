import type { Observation, Params } from '@infogeom/distributions';
import { DenseMatrix } from '@infogeom/linalg';
import type { FisherEstimate } from './fisher-estimate.js';
import type { Model, ModelData } from './model.js';
import { checkParameters, modelScore } from './model-jacobian.js';
import { resolveData } from './resolve-data.js';

/** The caveat attached to every {@link empiricalFisher} result. */
export const EMPIRICAL_FISHER_WARNING =
  'The empirical Fisher Σ sᵢsᵢᵀ uses observed labels, not labels drawn from the model: it matches the ' +
  'Fisher information only at the MLE of a well-specified model with many data, and differs elsewhere ' +
  '(Kunstner, Balles & Hennig, NeurIPS 2019). Prefer exactFisher or monteCarloFisher.';

/**
 * The empirical Fisher Σᵢ sᵢsᵢᵀ at `w`, sᵢ = ∇_w log p(yᵢ | w, inputᵢ) at the *observed* labels yᵢ. It is
 * the outer product of gradients, not the Fisher information: the two agree (in expectation) only at
 * the maximum-likelihood estimate of a well-specified model, and away from it Σ sᵢsᵢᵀ also contains the
 * squared mean gradient (Kunstner et al. 2019) — the result carries that caveat in `warning`.
 */
export function empiricalFisher<P extends Params, X extends Observation, I>(
  model: Model<P, X, I>,
  w: ArrayLike<number>,
  data: ModelData<X, I>,
): FisherEstimate {
  const wv = checkParameters(model, w);
  const pairs = resolveData(model, data);
  const p = model.dimension;
  const n = pairs.length;
  const value = new DenseMatrix(p, p);
  const squares = new Float64Array(p * p);
  for (const { y, input } of pairs) {
    const g = modelScore(model, wv, y, input);
    for (let i = 0; i < p; i++)
      for (let j = 0; j < p; j++) {
        const v = g[i]! * g[j]!;
        value.data[i * p + j]! += v;
        squares[i * p + j]! += v * v;
      }
  }
  // SE of the sum Σ vᵢ: √(n · sample variance of vᵢ).
  const standardError = new DenseMatrix(p, p);
  if (n > 1)
    for (let idx = 0; idx < p * p; idx++) {
      const m = value.data[idx]! / n;
      const v = Math.max(0, (squares[idx]! - n * m * m) / (n - 1));
      standardError.data[idx] = Math.sqrt(n * v);
    }
  return {
    value,
    standardError,
    method: 'empirical',
    terms: n,
    samples: 0,
    warning: EMPIRICAL_FISHER_WARNING,
  };
}
