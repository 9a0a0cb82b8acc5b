import { log1p } from '@infogeom/linalg';

/** log(a/b), through log1p((a − b)/b) when a ≈ b (a − b is then exact, so nothing cancels). */
export function logRatio(a: number, b: number): number {
  return a <= 2 * b && b <= 2 * a ? log1p((a - b) / b) : Math.log(a / b);
}

/**
 * log((1 − a)/(1 − b)) = log1p((b − a)/(1 − b)) when a ≈ b (b − a is then exact, and 1 − b is exact or
 * correct to an ulp): no difference of two logarithms, which would lose digits when a and b are small.
 */
export function logRatioComplement(a: number, b: number): number {
  return a <= 2 * b && b <= 2 * a ? log1p((b - a) / (1 - b)) : log1p(-a) - log1p(-b);
}

/** KL(Bernoulli(p) ‖ Bernoulli(q)) = p log(p/q) + (1 − p) log((1 − p)/(1 − q)), without cancellation. */
export function klBernoulli(p: number, q: number): number {
  return p * logRatio(p, q) + (1 - p) * logRatioComplement(p, q);
}

/**
 * KL between two failure-counting geometric laws with success probabilities p and q, per success:
 * log(p/q) + ((1 − p)/p) log((1 − p)/(1 − q)) (the negative binomial's is r times this).
 */
export function klGeometric(p: number, q: number): number {
  return logRatio(p, q) + ((1 - p) / p) * logRatioComplement(p, q);
}
