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
 * @example
 * ```ts
 * import { poisson } from '@infogeom/distributions';
 * import { standardErrors } from '@infogeom/fisher';
 *
 * const data = [2, 4, 3, 5, 1];
 * const se = standardErrors(poisson, poisson.fit(data), data.length); // [√(λ̂/n)], λ̂ = 3
 * console.log(Array.from(se, (v) => v.toFixed(12)), Math.sqrt(3 / 5).toFixed(12));
 * ```
 *
 * ```txt [output]
 * [ '0.774596669241' ] 0.774596669241
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
