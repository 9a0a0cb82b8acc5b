import type { Params } from '@infogeom/distributions';
import { type DenseMatrix, InvalidArgumentError, spdInverse } from '@infogeom/linalg';
import { assertNonsingularFisher, type FisherPoint, type FisherSource, fisherAt } from './fisher-source.js';

/**
 * The Cramér–Rao bound (n·I(θ))⁻¹: the smallest covariance an unbiased estimator of θ from n independent
 * observations can have, and the asymptotic covariance of the MLE. For a family, `point` is its params and
 * I the Fisher information of one observation; for a {@link Model}, `point` is w and I is already summed
 * over the model's inputs (use n = 1 unless the inputs are replicated n times).
 *
 * @example
 * ```ts
 * import { normal } from '@infogeom/distributions';
 * import { cramerRaoBound } from '@infogeom/fisher';
 *
 * // (n·I)⁻¹ = diag(σ²/n, σ²/(2n)) for 100 observations of N(0, 2²)
 * const C = cramerRaoBound(normal, { mu: 0, sigma: 2 }, 100);
 * console.log(C.toArray().map((row) => row.map((v) => +v.toFixed(12))));
 * ```
 *
 * ```txt [output]
 * [ [ 0.04, 0 ], [ 0, 0.02 ] ]
 * ```
 * @throws SingularMatrixError naming `params` when I is singular (non-identifiable parameters)
 * @throws InvalidArgumentError when n is not a positive number
 */
export function cramerRaoBound<P extends Params>(
  source: FisherSource<P>,
  point: FisherPoint<P>,
  n = 1,
): DenseMatrix {
  if (!(n > 0) || !Number.isFinite(n))
    throw new InvalidArgumentError('n', n, 'a positive number of observations');
  const I = fisherAt(source, point);
  assertNonsingularFisher(I, 'params');
  const C = spdInverse(I);
  for (let i = 0; i < C.data.length; i++) C.data[i]! /= n;
  return C;
}
