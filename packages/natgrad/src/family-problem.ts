import type { Family, Observation, Params } from '@infogeom/distributions';
import { denseFisher } from '@infogeom/fisher';
import { DenseMatrix, InvalidArgumentError, inverse, matmul, solve } from '@infogeom/linalg';
import type { NaturalGradientProblem } from './natural-gradient.js';

/**
 * The coordinates a family MLE steps in:
 * - `'unconstrained'`: η = the family's bijection to ℝᵖ (log, logit, log-Cholesky, …); the Fisher is
 *   pulled back, Jᵀ I(θ) J. Every iterate is a valid distribution.
 * - `'family'`: the family's own coordinates θ (e.g. (μ, σ)); a step may leave the parameter space, in
 *   which case the loss is +∞ and the step fails (use small steps or Armijo).
 * - `'mean'`: mean parameters μ = E[T(x)] of an exponential family. The natural gradient there is
 *   F_μ⁻¹∇_μ L = μ − T̄, so a step of size α is μ ← (1 − α)μ + αT̄ — mirror descent on the natural
 *   parameters with mirror map A — and α = 1 reaches the MLE (μ = T̄) in one step. Iterates stay in
 *   the (convex) mean space for α ≤ 1.
 */
export type FamilyCoordinates = 'unconstrained' | 'family' | 'mean';

/** Options of {@link familyProblem}. */
export interface FamilyProblemOptions<P extends Params> {
  /** Starting point; also supplies fixed hyperparameters (default: the family's moment guess, else its first example). */
  init?: P;
  /** Fixed hyperparameters when no `init` is given (e.g. `{ n: 10 }` for a binomial). */
  fixed?: Partial<P>;
  /** Observation weights (default all 1). */
  weights?: ArrayLike<number>;
  /** The coordinates to step in (default `'unconstrained'`). */
  coordinates?: FamilyCoordinates;
}

/** A family MLE as a {@link NaturalGradientProblem}: the loss is the (weighted) mean negative log-likelihood. */
export interface FamilyProblem<P extends Params> extends NaturalGradientProblem {
  /** The starting coordinates. */
  readonly init: Float64Array;
  /** The params at coordinates w. */
  toParams(w: ArrayLike<number>): P;
  /** The coordinates of `params`. */
  fromParams(params: P): Float64Array;
}

/**
 * Builds the mean-negative-log-likelihood problem of `family` on `data` in the chosen coordinates, with
 * exact gradients (the family's score, pulled back) and the family's Fisher information. Works for any
 * registered family, built-in or third-party (score and Fisher fall back to finite differences and
 * Monte Carlo when the plugin has no closed form).
 * @throws InvalidArgumentError when `data` is empty, or `'mean'` is asked of a non-exponential family
 */
export function familyProblem<P extends Params, X extends Observation>(
  family: Family<P, X>,
  data: readonly X[],
  options: FamilyProblemOptions<P> = {},
): FamilyProblem<P> {
  if (data.length === 0) throw new InvalidArgumentError('data.length', 0, 'at least one observation');
  const w = options.weights;
  if (w !== undefined && w.length !== data.length)
    throw new InvalidArgumentError('options.weights.length', w.length, `${data.length}`);
  const wSum = w === undefined ? data.length : Array.from(w).reduce((a, b) => a + b, 0);
  if (!(wSum > 0)) throw new InvalidArgumentError('options.weights', wSum, 'a positive total weight');
  const weight = (i: number): number => (w === undefined ? 1 : w[i]!) / wSum;
  const start = { ...family.examples[0]!, ...(options.fixed ?? {}) } as P;
  const base = options.init ?? family.config.initialGuess?.(data, start) ?? start;
  family.validate(base, 'options.init');
  const coordinates = options.coordinates ?? 'unconstrained';
  const space = family.space;

  const nll = (params: P): number => {
    const lp = family.logProbBatch(params, data);
    let s = 0;
    for (let i = 0; i < lp.length; i++) s -= weight(i) * lp[i]!;
    return s;
  };
  const meanScore = (params: P): Float64Array => {
    const g = new Float64Array(space.dimension(params));
    data.forEach((x, i) => {
      const s = family.score(params, x);
      for (let k = 0; k < g.length; k++) g[k]! += weight(i) * s[k]!;
    });
    return g;
  };
  /** Loss at params that may be invalid: +∞ outside the parameter space. */
  const safeLoss = (toP: () => P): number => {
    let params: P;
    try {
      params = toP();
      family.validate(params);
    } catch {
      return Number.POSITIVE_INFINITY;
    }
    return nll(params);
  };

  if (coordinates === 'unconstrained') {
    const toParams = (eta: ArrayLike<number>): P => space.fromUnconstrained(eta, base);
    return {
      init: space.toUnconstrained(base),
      toParams,
      fromParams: (p) => space.toUnconstrained(p),
      loss: (eta) => safeLoss(() => toParams(eta)),
      gradient: (eta) => {
        const params = toParams(eta);
        const J = space.jacobian(eta, params);
        const g = matmul(J.transpose(), new DenseMatrix(eta.length, 1, meanScore(params))).data;
        return g.map((v) => -v);
      },
      fisher: (eta) => denseFisher(family.unconstrainedFisher(toParams(eta))),
    };
  }
  if (coordinates === 'family') {
    const toParams = (theta: ArrayLike<number>): P => space.fromCoordinates(theta, base);
    return {
      init: space.toCoordinates(base),
      toParams,
      fromParams: (p) => space.toCoordinates(p),
      loss: (theta) => safeLoss(() => toParams(theta)),
      gradient: (theta) => meanScore(toParams(theta)).map((v) => -v),
      fisher: (theta) => denseFisher(family.fisher(toParams(theta))),
    };
  }
  const ef = family.exponentialFamily;
  if (ef === undefined)
    throw new InvalidArgumentError(
      'options.coordinates',
      coordinates,
      `an exponential family (${family.name} is not one)`,
    );
  const tBar = new Float64Array(ef.sufficientStatistic(data[0]!, base).length);
  data.forEach((x, i) => {
    const t = ef.sufficientStatistic(x, base);
    for (let k = 0; k < tBar.length; k++) tBar[k]! += weight(i) * t[k]!;
  });
  const toParams = (mu: ArrayLike<number>): P => ef.fromMean(mu, base);
  const fromParams = (p: P): Float64Array => ef.meanParameters(ef.toNatural(p), p);
  return {
    init: fromParams(base),
    toParams,
    fromParams,
    loss: (mu) => safeLoss(() => toParams(mu)),
    // ∇_μ L = (∂η/∂μ)ᵀ ∇_η L = F_η⁻¹ (μ − T̄), since ∇_η L = ∇A(η) − T̄ = μ − T̄.
    gradient: (mu) => {
      const eta = ef.toNatural(toParams(mu));
      return solve(
        ef.naturalFisher(eta, base),
        Float64Array.from(mu, (m, k) => m - tBar[k]!),
      );
    },
    // F_μ = F_η⁻¹ (the Fisher metric in dual coordinates).
    fisher: (mu) => denseFisher(inverse(ef.naturalFisher(ef.toNatural(toParams(mu)), base))),
  };
}
