import type { Family, Observation, Params } from '@infogeom/distributions';
import { slogdet } from '@infogeom/linalg';

/** The (unnormalised) Jeffreys prior of a family, a density in the family's coordinates θ. */
export interface JeffreysPrior {
  /** Number of coordinates k. */
  readonly dimension: number;
  /** log √det I(θ) (unnormalised); −∞ outside the parameter space or where I is singular. */
  logDensity(theta: ArrayLike<number>): number;
}

/**
 * The Jeffreys prior π(θ) ∝ √det I(θ), invariant under reparameterisation, as an unnormalised log
 * density in the family's coordinates θ (fixed hyperparameters and shapes from `base`). Normalise it
 * over a bounded region with {@link fisherVolume}. E.g. Bernoulli ∝ 1/√(p(1 − p)) (the Beta(½, ½)),
 * normal (μ, σ) ∝ 1/σ², Poisson ∝ 1/√λ.
 *
 * @example
 * ```ts
 * import { poisson } from '@infogeom/distributions';
 * import { jeffreysPrior } from '@infogeom/fisher';
 *
 * // unnormalised: log √I(λ) = −½ log λ
 * const prior = jeffreysPrior(poisson, { rate: 1 });
 * console.log(prior.logDensity([4]).toFixed(12), (-0.5 * Math.log(4)).toFixed(12));
 * ```
 *
 * ```txt [output]
 * -0.693147180560 -0.693147180560
 * ```
 */
export function jeffreysPrior<P extends Params>(family: Family<P, Observation>, base: P): JeffreysPrior {
  family.validate(base, 'base');
  const dimension = family.space.dimension(base);
  return {
    dimension,
    logDensity(theta) {
      if (theta.length !== dimension) return Number.NEGATIVE_INFINITY;
      let params: P;
      try {
        params = family.space.fromCoordinates(theta, base);
        family.validate(params);
      } catch {
        return Number.NEGATIVE_INFINITY;
      }
      const { sign, logAbsDet } = slogdet(family.fisher(params));
      return sign > 0 ? 0.5 * logAbsDet : Number.NEGATIVE_INFINITY;
    },
  };
}
