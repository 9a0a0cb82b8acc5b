import { DimensionMismatchError } from '../core/errors.js';

/** A signed log-scale number: the value is `sign · exp(logAbs)`. */
export interface SignedLog {
  /** log |value| (−∞ for zero). */
  readonly logAbs: number;
  /** −1, 0 or +1. */
  readonly sign: number;
}

/**
 * log Σᵢ wᵢ·exp(xᵢ) with signed weights, stably: the largest term (among nonzero weights) is
 * factored out. Returns the sign separately, so differences of exponentials are representable.
 * @param x - log-magnitudes (−∞ entries contribute nothing)
 * @param weights - optional weights of the same length (default all 1)
 * @throws DimensionMismatchError when the lengths differ
 */
export function logSumExpSigned(x: ArrayLike<number>, weights?: ArrayLike<number>): SignedLog {
  const n = x.length;
  if (weights !== undefined && weights.length !== n) {
    throw new DimensionMismatchError('weights.length', weights.length, `x.length = ${n}`);
  }
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    if (Number.isNaN(xi) || (weights !== undefined && Number.isNaN(weights[i]!))) {
      return { logAbs: Number.NaN, sign: Number.NaN };
    }
    if ((weights === undefined || weights[i] !== 0) && xi > max) max = xi;
  }
  if (max === Number.NEGATIVE_INFINITY) return { logAbs: Number.NEGATIVE_INFINITY, sign: 0 };
  if (max === Number.POSITIVE_INFINITY) {
    // Sum of the weights of the +∞ terms decides; mixed signs are ∞ − ∞.
    let w = 0;
    for (let i = 0; i < n; i++) if (x[i] === max) w += weights === undefined ? 1 : weights[i]!;
    return Number.isNaN(w) || w === 0
      ? { logAbs: Number.NaN, sign: Number.NaN }
      : { logAbs: max, sign: Math.sign(w) };
  }
  let s = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    if (w !== 0) s += w * Math.exp(x[i]! - max);
  }
  if (s === 0) return { logAbs: Number.NEGATIVE_INFINITY, sign: 0 };
  return { logAbs: max + Math.log(Math.abs(s)), sign: Math.sign(s) };
}

/**
 * log Σᵢ wᵢ·exp(xᵢ), stably (max subtracted). Handles −∞ entries; all −∞ (or an empty array) gives −∞;
 * NaN anywhere gives NaN. With weights, they must be ≥ 0 for a real result (a negative total gives NaN;
 * use {@link logSumExpSigned} for signed sums).
 * @param x - log-magnitudes
 * @param weights - optional non-negative weights of the same length
 * @throws DimensionMismatchError when the lengths differ
 * @example
 * ```ts
 * import { logsumexp } from '@infogeom/linalg';
 *
 * console.log(logsumexp([1000, 1000]).toFixed(10)); // exp(1000) overflows, the result does not
 * console.log((1000 + Math.log(2)).toFixed(10));
 * ```
 *
 * ```txt [output]
 * 1000.6931471806
 * 1000.6931471806
 * ```
 */
export function logsumexp(x: ArrayLike<number>, weights?: ArrayLike<number>): number {
  if (weights === undefined) {
    const n = x.length;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      if (xi > max) max = xi;
      else if (Number.isNaN(xi)) return Number.NaN;
    }
    if (max === Number.NEGATIVE_INFINITY || max === Number.POSITIVE_INFINITY) return max;
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.exp(x[i]! - max);
    return max + Math.log(s);
  }
  const r = logSumExpSigned(x, weights);
  return r.sign < 0 ? Number.NaN : r.logAbs;
}
