import type { Family, FitResult, Observation, Params } from '@infogeom/distributions';
import { InvalidArgumentError } from '@infogeom/linalg';
import { twoSidedCriticalValue } from './normal-quantile.js';
import { standardErrors } from './standard-errors.js';

/** A Wald confidence interval for one coordinate of θ. */
export interface WaldInterval {
  /** The coordinate's name (e.g. `'mu'`, `'p[0]'`). */
  readonly name: string;
  /** The estimate θ̂ᵢ. */
  readonly estimate: number;
  /** Its asymptotic standard error √((n·I(θ̂))⁻¹)ᵢᵢ. */
  readonly standardError: number;
  /** θ̂ᵢ − z·SE. */
  readonly lower: number;
  /** θ̂ᵢ + z·SE. */
  readonly upper: number;
  /** The confidence level. */
  readonly level: number;
}

/**
 * Wald intervals θ̂ᵢ ± z·SEᵢ for every coordinate of a maximum-likelihood fit from n observations, with
 * z = Φ⁻¹((1 + level)/2) and SE from the Fisher information at θ̂ (asymptotically exact coverage; the
 * intervals ignore constraints, so near a boundary they may leave the parameter space).
 *
 * @example
 * ```ts
 * import { poisson } from '@infogeom/distributions';
 * import { waldIntervals } from '@infogeom/fisher';
 *
 * const data = [2, 4, 3, 5, 1];
 * for (const c of waldIntervals(poisson, poisson.fit(data), data.length))
 *   console.log(c.name, c.level, [c.estimate, c.standardError, c.lower, c.upper].map((v) => v.toFixed(4)));
 * ```
 *
 * ```txt [output]
 * rate 0.95 [ '3.0000', '0.7746', '1.4818', '4.5182' ]
 * ```
 * @throws InvalidArgumentError when `level` is not in (0, 1) or n is not positive
 * @throws SingularMatrixError when the Fisher information at θ̂ is singular
 */
export function waldIntervals<P extends Params>(
  family: Family<P, Observation>,
  fit: FitResult<P>,
  n: number,
  level = 0.95,
): WaldInterval[] {
  const z = twoSidedCriticalValue(level);
  if (!(n > 0)) throw new InvalidArgumentError('n', n, 'a positive number of observations');
  const se = standardErrors(family, fit.params, n);
  const theta = family.space.toCoordinates(fit.params);
  const names = family.space.coordinateNames(fit.params);
  return Array.from(theta, (estimate, i) => ({
    name: names[i]!,
    estimate,
    standardError: se[i]!,
    lower: estimate - z * se[i]!,
    upper: estimate + z * se[i]!,
    level,
  }));
}
