import { ConvergenceError } from '@infogeom/linalg';

/** Result of {@link tanhSinh}. */
export interface QuadratureResult {
  /** The integral. */
  value: number;
  /** Difference between the last two levels (an upper estimate of the error). */
  error: number;
  /** Integrand evaluations. */
  evaluations: number;
  /** Whether two successive levels agreed to the tolerance. */
  converged: boolean;
}

/** Options of {@link tanhSinh}. */
export interface TanhSinhOptions {
  /** Relative tolerance between successive halvings of the step (default 1e-10). */
  tol?: number;
  /** Largest level: the finest step is 2^−maxLevel (default 9). */
  maxLevel?: number;
  /** Throw ConvergenceError when the tolerance is not met (default false: return with the error estimate). */
  throwOnFailure?: boolean;
}

const HALF_PI = Math.PI / 2;
const T_MAX = 6.5;

/** Whether the node is so close to an end that the integrand may be undefined there. */
function nearEnd(d: number, r: number): boolean {
  return d < 1e-6 * r;
}

/**
 * Σ w_k f(x_k) over the nodes t = k·h (k ≡ 1 mod `stride` when `stride` = 2, i.e. only the nodes new at
 * this level; all k ≠ 0 when `stride` = 1), marching outwards from the midpoint in each direction.
 */
function nodeSum(
  f: (x: number) => number,
  a: number,
  b: number,
  h: number,
  stride: 1 | 2,
  count: { n: number },
  scale: number,
): number {
  const r = 0.5 * (b - a);
  let sum = 0;
  for (const side of [1, -1]) {
    for (let k = 1; k * h <= T_MAX; k += stride) {
      const t = k * h;
      const u = HALF_PI * Math.sinh(t);
      const ch = Math.cosh(u);
      const weight = (r * HALF_PI * Math.cosh(t)) / (ch * ch);
      const d = (2 * r) / (Math.exp(2 * u) + 1); // distance to the end, without cancellation
      const x = side > 0 ? b - d : a + d;
      if (!(weight > 0) || x <= a || x >= b) break;
      let y: number;
      try {
        y = f(x);
        count.n++;
      } catch (e) {
        if (nearEnd(d, r)) break;
        throw e;
      }
      if (!Number.isFinite(y)) {
        if (nearEnd(d, r)) break;
        throw new RangeError(`integrand is ${y} at ${x}`);
      }
      const term = weight * y;
      sum += term;
      if (t > 2 && Math.abs(term) <= 1e-18 * Math.max(Math.abs(sum), scale)) break;
    }
  }
  return sum;
}

/**
 * ∫ₐᵇ f by the double-exponential (tanh-sinh) rule, halving the step until two levels agree to `tol`.
 * Integrable end-point singularities (1/√(x − a)) are handled; nodes so close to an end that the
 * integrand throws or is not finite there end the sum in that direction (the neglected tail is of the
 * order of the integral over the last ~1e-16 of the interval).
 */
export function tanhSinh(
  f: (x: number) => number,
  a: number,
  b: number,
  options: TanhSinhOptions = {},
): QuadratureResult {
  const tol = options.tol ?? 1e-10;
  const maxLevel = options.maxLevel ?? 9;
  const count = { n: 0 };
  const center = HALF_PI * 0.5 * (b - a) * f(a + 0.5 * (b - a));
  count.n++;
  let h = 0.5;
  let sum = center + nodeSum(f, a, b, h, 1, count, Math.abs(center)); // Σ over all nodes at step h
  let previous = h * sum;
  let error = Number.POSITIVE_INFINITY;
  for (let l = 2; l <= maxLevel; l++) {
    h /= 2;
    sum += nodeSum(f, a, b, h, 2, count, Math.abs(sum));
    const current = h * sum;
    error = Math.abs(current - previous);
    previous = current;
    if (error <= tol * Math.abs(current) || error === 0)
      return { value: current, error, evaluations: count.n, converged: true };
  }
  if (options.throwOnFailure === true)
    throw new ConvergenceError('integrand', previous, `a tanh-sinh integral converged to ${tol}`);
  return { value: previous, error, evaluations: count.n, converged: false };
}
