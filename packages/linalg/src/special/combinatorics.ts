/** Log-scale beta, factorial and binomial coefficients through stdlib. */
import betaln from '@stdlib/math-base-special-betaln';
import binomcoefln from '@stdlib/math-base-special-binomcoefln';
import factorialln from '@stdlib/math-base-special-factorialln';

/** log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b), computed without cancellation (a, b > 0). */
export function lbeta(a: number, b: number): number {
  return betaln(a, b);
}

/** log n! = log Γ(n + 1) (defined for real n > −1; NaN below). */
export function lfactorial(n: number): number {
  return factorialln(n);
}

/** log C(n, k), the log binomial coefficient, for integers 0 ≤ k ≤ n (−∞ when k > n; NaN for non-integers). */
export function lchoose(n: number, k: number): number {
  return binomcoefln(n, k);
}
