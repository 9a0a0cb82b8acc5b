import type { Family, Observation, Params } from '@infogeom/distributions';
import { DenseMatrix, InvalidArgumentError } from '@infogeom/linalg';
import type { GlmLink } from './glm-link.js';
import type { Model } from './model.js';

/** Options of {@link glmModel}. */
export interface GlmModelOptions<P extends Params> {
  /** Fixed hyperparameters of the family (e.g. `{ mu: 0, sigma: 2 }` for a known σ; default `family.examples[0]`). */
  base?: P;
}

function linearPredictor(w: Float64Array, x: Float64Array): number {
  let eta = 0;
  for (let j = 0; j < x.length; j++) eta += x[j]! * w[j]!;
  return eta;
}

/**
 * A generalised linear model: yᵢ ~ family with mean μᵢ = g⁻¹(xᵢᵀw), xᵢ the i-th row of `design` (n×p).
 * The family must have one coordinate, its mean — `bernoulli` (logistic regression with
 * {@link logitLink}), `poisson` ({@link logLink}), `normalKnownSigma` (linear regression with
 * {@link identityLink}, σ from `options.base`). Inputs are design rows (Float64Array); the model's
 * default inputs are the rows of `design`. The Jacobian ∂θ/∂w = g⁻¹′(xᵀw)·xᵀ is exact.
 *
 * @example
 * ```ts
 * import { DenseMatrix } from '@infogeom/linalg';
 * import { bernoulli } from '@infogeom/distributions';
 * import { exactFisher, glmModel, logitLink } from '@infogeom/fisher';
 *
 * // at w = 0 every p = ½, so the Fisher is XᵀX/4
 * const X = DenseMatrix.from([[1, 0.5], [1, -1], [1, 2]]);
 * console.log(exactFisher(glmModel(bernoulli, X, logitLink), [0, 0]).value.toArray());
 * ```
 *
 * ```txt [output]
 * [ [ 0.75, 0.375 ], [ 0.375, 1.3125 ] ]
 * ```
 * @throws InvalidArgumentError when the family has more than one coordinate
 */
export function glmModel<P extends Params, X extends Observation>(
  family: Family<P, X>,
  design: DenseMatrix,
  link: GlmLink,
  options: GlmModelOptions<P> = {},
): Model<P, X, Float64Array> {
  const base = options.base ?? family.examples[0];
  if (base === undefined)
    throw new InvalidArgumentError('options.base', base, 'the family’s fixed parameters');
  family.validate(base, 'options.base');
  if (family.space.dimension(base) !== 1)
    throw new InvalidArgumentError(
      'family',
      family.name,
      'a family with one coordinate, its mean (bernoulli, poisson, normalKnownSigma)',
    );
  const p = design.cols;
  const inputs = Array.from({ length: design.rows }, (_, i) => design.row(i));
  const rowOf = (input: Float64Array | undefined): Float64Array => {
    if (input === undefined) throw new InvalidArgumentError('input', input, 'a design row (Float64Array)');
    if (input.length !== p) throw new InvalidArgumentError('input.length', input.length, `${p}`);
    return input;
  };
  return {
    family,
    dimension: p,
    inputs,
    params: (w, input) => family.space.fromCoordinates([link.mean(linearPredictor(w, rowOf(input)))], base),
    jacobian: (w, input) => {
      const x = rowOf(input);
      const d = link.meanDerivative(linearPredictor(w, x));
      return new DenseMatrix(
        1,
        p,
        Float64Array.from(x, (v) => d * v),
      );
    },
  };
}
