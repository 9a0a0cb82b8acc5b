import type { EstimateOptions, Observation, Params } from '@infogeom/distributions';
import { DenseMatrix } from '@infogeom/linalg';
import type { FisherEstimate } from './fisher-estimate.js';
import type { Model } from './model.js';
import { addCongruence, checkParameters, modelJacobian, resolveInputs } from './model-jacobian.js';

/** Options of {@link exactFisher}. */
export interface ExactFisherOptions<I> {
  /** Inputs to sum over (default: the model's `inputs`; a single term for unconditional models). */
  inputs?: readonly I[];
  /** Passed to `family.estimateFisher` (only used by families whose Fisher needs Monte Carlo). */
  familyOptions?: EstimateOptions;
}

/**
 * The model's Fisher information at `w`: Σᵢ Jᵢᵀ I_family(θᵢ) Jᵢ over the inputs, Jᵢ = ∂θ/∂w at inputᵢ and
 * I_family the family's Fisher (closed form, exact summation or quadrature; Monte Carlo — with its
 * standard error propagated — only for families on vector supports without a closed form).
 *
 * @example
 * ```ts
 * import { DenseMatrix } from '@infogeom/linalg';
 * import { bernoulli } from '@infogeom/distributions';
 * import { exactFisher, glmModel, logitLink } from '@infogeom/fisher';
 *
 * // logistic regression: I(w) = Xᵀ diag(p(1 − p)) X with p = σ(Xw)
 * const rows = [[1, 0.5], [1, -1], [1, 2]];
 * const w = [0.5, -1];
 * const { value } = exactFisher(glmModel(bernoulli, DenseMatrix.from(rows), logitLink), w);
 * console.log(value.toArray().map((r) => r.map((v) => v.toFixed(10))));
 * const byHand = [[0, 0], [0, 0]];
 * for (const x of rows) {
 *   const p = 1 / (1 + Math.exp(-(x[0]! * w[0]! + x[1]! * w[1]!)));
 *   for (const i of [0, 1]) for (const j of [0, 1]) byHand[i]![j]! += p * (1 - p) * x[i]! * x[j]!;
 * }
 * console.log(byHand.map((r) => r.map((v) => v.toFixed(10))));
 * ```
 *
 * ```txt [output]
 * [
 *   [ '0.5482929041', '0.2741464521' ],
 *   [ '0.2741464521', '0.8082322604' ]
 * ]
 * [
 *   [ '0.5482929041', '0.2741464521' ],
 *   [ '0.2741464521', '0.8082322604' ]
 * ]
 * ```
 */
export function exactFisher<P extends Params, X extends Observation, I>(
  model: Model<P, X, I>,
  w: ArrayLike<number>,
  options: ExactFisherOptions<I> = {},
): FisherEstimate {
  const wv = checkParameters(model, w);
  const p = model.dimension;
  const inputs = resolveInputs(model, options.inputs);
  const value = new DenseMatrix(p, p);
  const variance = new DenseMatrix(p, p);
  let stochastic = false;
  for (const input of inputs) {
    const J = modelJacobian(model, wv, input);
    const est = model.family.estimateFisher(model.params(wv, input), options.familyOptions);
    addCongruence(value, J, est.value);
    if (est.method === 'monte-carlo') {
      stochastic = true;
      // Var[(JᵀIJ)ᵢⱼ] ≈ Σ_ab (J_ai J_bj)² SE_ab², treating the entries of I as independent.
      const k = J.rows;
      for (let i = 0; i < p; i++)
        for (let j = 0; j < p; j++) {
          let s = 0;
          for (let a = 0; a < k; a++)
            for (let b = 0; b < k; b++) {
              const c = J.data[a * p + i]! * J.data[b * p + j]! * est.standardError.data[a * k + b]!;
              s += c * c;
            }
          variance.data[i * p + j]! += s;
        }
    }
  }
  const standardError = new DenseMatrix(p, p, stochastic ? variance.data.map(Math.sqrt) : undefined);
  return { value, standardError, method: 'exact', terms: inputs.length, samples: 0 };
}
