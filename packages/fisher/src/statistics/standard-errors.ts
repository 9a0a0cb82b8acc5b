import type { FitResult, Params } from '@infogeom/distributions';
import { cramerRaoBound } from './cramer-rao-bound.js';
import type { FisherPoint, FisherSource } from './fisher-source.js';

function isFit<P extends Params>(x: unknown): x is FitResult<P> {
  return typeof x === 'object' && x !== null && 'params' in x && 'logLikelihood' in x;
}

/**
 * Asymptotic standard errors √diag((n·I(θ))⁻¹) of the maximum-likelihood estimate, one per coordinate θ
 * (or w for a model), evaluated at the given params or at a fit's estimate.
 *
 * ```ts
 * const data = [2, 4, 3, 5, 1];
 * standardErrors(poisson, poisson.fit(data), data.length); // [√(λ̂/n)] = [√(3/5)]
 * ```
 * @throws SingularMatrixError when the Fisher information is singular there
 */
export function standardErrors<P extends Params>(
  source: FisherSource<P>,
  at: FisherPoint<P> | FitResult<P>,
  n = 1,
): Float64Array {
  const point = isFit<P>(at) ? at.params : at;
  return cramerRaoBound(source, point, n).diag().map(Math.sqrt);
}
