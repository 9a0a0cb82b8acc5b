/** Elementary functions that lose precision when written naively: log1p, expm1 and friends. */
import stdlibExpm1 from '@stdlib/math-base-special-expm1';
import stdlibLog1p from '@stdlib/math-base-special-log1p';

/** log(1 + x), accurate for tiny |x| (stdlib). */
export function log1p(x: number): number {
  return stdlibLog1p(x);
}

/** eˣ − 1, accurate for tiny |x| (stdlib). */
export function expm1(x: number): number {
  return stdlibExpm1(x);
}

/** log(1 + eˣ) (softplus) without overflow for large x or loss for very negative x. */
export function log1pexp(x: number): number {
  if (x <= -37) return Math.exp(x); // log1p(e^x) = e^x to double precision
  if (x <= 18) return stdlibLog1p(Math.exp(x));
  if (x <= 33.3) return x + Math.exp(-x);
  return x; // also handles +∞ and NaN
}

/**
 * log(1 − eˣ) for x ≤ 0 (Mächler's switch at −log 2 between log(−expm1(x)) and log1p(−eˣ));
 * −∞ at 0, NaN for x > 0.
 */
export function log1mexp(x: number): number {
  if (x > 0 || Number.isNaN(x)) return Number.NaN;
  return x > -Math.LN2 ? Math.log(-stdlibExpm1(x)) : stdlibLog1p(-Math.exp(x));
}

/** log(eᵃ + eᵇ) without overflow; −∞ when both are −∞. */
export function logAddExp(a: number, b: number): number {
  const m = Math.max(a, b);
  if (m === Number.NEGATIVE_INFINITY) return m;
  if (m === Number.POSITIVE_INFINITY) return Number.isNaN(a + b) ? Number.NaN : m;
  return m + stdlibLog1p(Math.exp(-Math.abs(a - b)));
}
