/**
 * The gamma family through `@stdlib/math-base-special-*` (ports of FreeBSD msun, Cephes and Boost),
 * under infogeom's names so other packages need not know where they come from.
 */
import stdlibDigamma from '@stdlib/math-base-special-digamma';
import stdlibGammainc from '@stdlib/math-base-special-gammainc';
import gammaln from '@stdlib/math-base-special-gammaln';
import stdlibPolygamma from '@stdlib/math-base-special-polygamma';
import stdlibTrigamma from '@stdlib/math-base-special-trigamma';

/**
 * log|Γ(x)|. Finite for negative non-integers (log of the absolute value), +∞ at the poles
 * 0, −1, −2, …, NaN for NaN (and −∞ for x = −∞).
 */
export function lgamma(x: number): number {
  return gammaln(x);
}

/** The digamma function ψ(x) = Γ′(x)/Γ(x) (NaN at the poles 0, −1, −2, …). */
export function digamma(x: number): number {
  return stdlibDigamma(x);
}

/** The trigamma function ψ′(x) = d²/dx² log Γ(x) (NaN at the poles 0, −1, −2, …, like stdlib). */
export function trigamma(x: number): number {
  return stdlibTrigamma(x);
}

/**
 * The polygamma function ψ⁽ⁿ⁾(x), the (n+1)-th derivative of log Γ; n = 0 is {@link digamma}.
 * @param n - order, a non-negative integer (NaN otherwise)
 * @param x - argument
 */
export function polygamma(n: number, x: number): number {
  return stdlibPolygamma(n, x);
}

/**
 * The regularised lower incomplete gamma function P(a, x) = γ(a, x)/Γ(a), the CDF of
 * Gamma(a, rate 1) at x. Note the argument order (a, x), as in SciPy's `gammainc`.
 */
export function gammaincLower(a: number, x: number): number {
  return stdlibGammainc(x, a, true, false);
}

/** The regularised upper incomplete gamma function Q(a, x) = 1 − P(a, x), accurate in the tail. */
export function gammaincUpper(a: number, x: number): number {
  return stdlibGammainc(x, a, true, true);
}
