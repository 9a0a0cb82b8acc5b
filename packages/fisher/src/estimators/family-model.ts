import type { Family, Observation, Params } from '@infogeom/distributions';
import { DenseMatrix } from '@infogeom/linalg';
import type { Model } from './model.js';

/**
 * The unconditional model whose parameters are the family's own coordinates θ (w = θ, so J = I):
 * `exactFisher(familyModel(f, base), θ)` is `f.fisher`. `base` supplies fixed hyperparameters and shapes.
 *
 * @example
 * ```ts
 * import { normal } from '@infogeom/distributions';
 * import { exactFisher, familyModel } from '@infogeom/fisher';
 *
 * // w = (μ, σ): the normal's Fisher diag(1/σ², 2/σ²) at σ = 2
 * const m = familyModel(normal, { mu: 0, sigma: 1 });
 * console.log(exactFisher(m, [0, 2]).value.toArray());
 * ```
 *
 * ```txt [output]
 * [ [ 0.25, 0 ], [ 0, 0.5 ] ]
 * ```
 */
export function familyModel<P extends Params, X extends Observation>(
  family: Family<P, X>,
  base: P,
): Model<P, X, undefined> {
  family.validate(base, 'base');
  const dimension = family.space.dimension(base);
  return {
    family,
    dimension,
    params: (w) => family.space.fromCoordinates(w, base),
    jacobian: () => DenseMatrix.identity(dimension),
    score: (w, x) => family.score(family.space.fromCoordinates(w, base), x),
  };
}
