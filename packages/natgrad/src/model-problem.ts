import type { Observation, Params } from '@infogeom/distributions';
import {
  denseFisher,
  diagonalFisher,
  exactFisher,
  type FisherOperator,
  type Model,
  type ModelData,
  modelScore,
} from '@infogeom/fisher';
import { DimensionMismatchError, InvalidArgumentError } from '@infogeom/linalg';
import type { NaturalGradientProblem } from './natural-gradient.js';

/** Options of {@link modelProblem}. */
export interface ModelProblemOptions {
  /**
   * The curvature: `'exact'` (default: the model's exact Fisher, Σᵢ JᵢᵀI(θᵢ)Jᵢ / n, as a dense operator),
   * `'exact-diagonal'` (its diagonal as a diagonal operator) or a function returning any Fisher
   * operator at w (K-FAC, low-rank, implicit, …), already normalised like the loss (per observation).
   */
  fisher?: 'exact' | 'exact-diagonal' | ((w: Float64Array) => FisherOperator);
  /** L2 penalty ½·l2·‖w‖² added to the loss (and l2·I to the Fisher; default 0). */
  l2?: number;
}

/**
 * The mean negative log-likelihood L(w) = −(1/n) Σᵢ log p(yᵢ | w, xᵢ) (+ ½·l2·‖w‖²) of a model from
 * @infogeom/fisher (e.g. `glmModel`) as a {@link NaturalGradientProblem}: gradient from the model's
 * score (its Jacobian pulled back), Fisher from the exact estimator or your own operator.
 * @throws DimensionMismatchError when the number of inputs and observations differ
 * @example
 * ```ts
 * import { bernoulli } from '@infogeom/distributions';
 * import { glmModel, logitLink } from '@infogeom/fisher';
 * import { DenseMatrix } from '@infogeom/linalg';
 * import { modelProblem, naturalGradient } from '@infogeom/natgrad';
 *
 * // logistic regression y ~ Bernoulli(σ(a + b·x)); with the exact Fisher this is Fisher scoring (IRLS)
 * const X = DenseMatrix.from([-2, -1, 0, 1, 2, 3].map((x) => [1, x]));
 * const problem = modelProblem(glmModel(bernoulli, X, logitLink), { observations: [0, 0, 1, 0, 1, 1] });
 * const result = naturalGradient(problem, { init: [0, 0] }).run({ gradientTolerance: 1e-10 });
 * console.log(result.converged, result.iterations, result.gradientNorm < 1e-10);
 * console.log(result.loss.toFixed(8));
 * ```
 *
 * ```txt [output]
 * true 6 true
 * 0.41299781
 * ```
 */
export function modelProblem<P extends Params, X extends Observation, I>(
  model: Model<P, X, I>,
  data: ModelData<X, I>,
  options: ModelProblemOptions = {},
): NaturalGradientProblem {
  const ys = data.observations;
  const inputs = data.inputs ?? model.inputs;
  const n = ys.length;
  if (n === 0) throw new InvalidArgumentError('data.observations.length', 0, 'at least one observation');
  if (inputs !== undefined && inputs.length !== n)
    throw new DimensionMismatchError('data.inputs.length', inputs.length, `${n} (one input per observation)`);
  const l2 = options.l2 ?? 0;
  if (!(l2 >= 0) || !Number.isFinite(l2))
    throw new InvalidArgumentError('options.l2', l2, 'a finite number ≥ 0');
  const p = model.dimension;
  const fam = model.family;
  const sq = (w: Float64Array): number => w.reduce((s, v) => s + v * v, 0);
  const choice = options.fisher ?? 'exact';
  const exact = (w: Float64Array) => {
    const F = exactFisher(model, w, inputs === undefined ? {} : { inputs }).value;
    for (let k = 0; k < p * p; k++) F.data[k]! /= inputs === undefined ? 1 : n;
    for (let k = 0; k < p; k++) F.data[k * p + k]! += l2;
    return F;
  };
  return {
    loss(w) {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const lp = fam.logProb(model.params(w, inputs?.[i]), ys[i]!);
        s -= lp;
      }
      return s / n + 0.5 * l2 * sq(w);
    },
    gradient(w) {
      const g = new Float64Array(p);
      for (let i = 0; i < n; i++) {
        const s = modelScore(model, w, ys[i]!, inputs?.[i]);
        for (let k = 0; k < p; k++) g[k]! -= s[k]! / n;
      }
      for (let k = 0; k < p; k++) g[k]! += l2 * w[k]!;
      return g;
    },
    fisher(w) {
      if (typeof choice === 'function') return choice(w);
      const F = exact(w);
      return choice === 'exact' ? denseFisher(F) : diagonalFisher(F.diag());
    },
  };
}
