import { erfinv, InvalidArgumentError } from '@infogeom/linalg';

/** The two-sided standard normal critical value z with P(|Z| ≤ z) = level, i.e. Φ⁻¹((1 + level)/2). */
export function twoSidedCriticalValue(level: number, argument = 'level'): number {
  if (!(level > 0 && level < 1))
    throw new InvalidArgumentError(argument, level, 'a confidence level in (0, 1)');
  return Math.SQRT2 * erfinv(level);
}
