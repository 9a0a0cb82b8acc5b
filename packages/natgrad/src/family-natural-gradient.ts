import type { Family, Observation, Params } from '@infogeom/distributions';
import { type FamilyProblemOptions, familyProblem } from './family-problem.js';
import {
  type NaturalGradientOptimizer,
  type NaturalGradientOptions,
  naturalGradient,
} from './natural-gradient.js';

/** Options of {@link familyNaturalGradient}: where to start and step, plus the optimiser's rules. */
export interface FamilyNaturalGradientOptions<P extends Params>
  extends FamilyProblemOptions<P>,
    Omit<NaturalGradientOptions, 'init'> {}

/** A family MLE optimiser: a {@link NaturalGradientOptimizer} that also shows the current params. */
export interface FamilyNaturalGradientOptimizer<P extends Params> extends NaturalGradientOptimizer {
  /** The family's params at the current iterate. */
  readonly params: P;
}

/**
 * Maximum likelihood for any registered family by natural-gradient descent on the mean negative
 * log-likelihood, in unconstrained coordinates (default: the family's bijection, Fisher pulled back as
 * JᵀIJ), the family's own coordinates, or — for exponential families — mean parameters, where a step of
 * size 1 lands on the MLE. With the default fixed step 1 in unconstrained coordinates this is Fisher
 * scoring; add Levenberg–Marquardt damping or Armijo for robustness far from the optimum.
 *
 * @example
 * ```ts
 * import { gamma } from '@infogeom/distributions';
 * import { familyNaturalGradient } from '@infogeom/natgrad';
 *
 * const data = [1.2, 0.7, 3.1, 2.2, 1.9];
 * // in mean coordinates one natural-gradient step of size 1 lands on the MLE
 * const opt = familyNaturalGradient(gamma, data, { coordinates: 'mean' });
 * opt.step();
 * const mle = gamma.fit(data).params;
 * console.log(Object.entries(opt.params).map(([k, v]) => `${k} ${v.toFixed(6)}`));
 * console.log(Object.entries(mle).map(([k, v]) => `${k} ${v.toFixed(6)}`));
 * ```
 *
 * ```txt [output]
 * [ 'shape 4.279417', 'rate 2.351328' ]
 * [ 'shape 4.279417', 'rate 2.351328' ]
 * ```
 */
export function familyNaturalGradient<P extends Params, X extends Observation>(
  family: Family<P, X>,
  data: readonly X[],
  options: FamilyNaturalGradientOptions<P> = {},
): FamilyNaturalGradientOptimizer<P> {
  const problem = familyProblem(family, data, options);
  const opt = naturalGradient(problem, {
    init: problem.init,
    ...(options.preconditioner !== undefined ? { preconditioner: options.preconditioner } : {}),
    ...(options.damping !== undefined ? { damping: options.damping } : {}),
    ...(options.stepRule !== undefined ? { stepRule: options.stepRule } : {}),
    ...(options.momentum !== undefined ? { momentum: options.momentum } : {}),
  });
  return Object.defineProperty(opt, 'params', {
    get: () => problem.toParams(opt.parameters),
    enumerable: true,
  }) as FamilyNaturalGradientOptimizer<P>;
}
