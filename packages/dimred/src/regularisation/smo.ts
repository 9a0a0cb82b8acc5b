/** Result of {@link solveSvmDual}. */
export interface SvmDualSolution {
  /** The dual variables β (0 ≤ βᵢ ≤ C, Σ yᵢβᵢ = 0). */
  readonly beta: Float64Array;
  /** The bias b of the decision function. */
  readonly bias: number;
  /** Iterations (pair updates) performed. */
  readonly iterations: number;
  /** Final maximal KKT violation m(β) − M(β) (≤ tol when converged). */
  readonly gap: number;
  /** Whether the KKT gap met the tolerance. */
  readonly converged: boolean;
}

/**
 * The SVM dual min ½βᵀQβ − 1ᵀβ subject to yᵀβ = 0, 0 ≤ β ≤ C, by sequential minimal optimisation with the
 * maximal-violating-pair selection of LIBSVM (Fan, Chen & Lin 2005, first-order working set).
 * `Q` already carries the labels: Qᵢⱼ = yᵢyⱼ·(kernel)ᵢⱼ. Internal to LapSVM.
 * @param Q - l × l symmetric PSD matrix, row-major
 * @param y - labels ±1
 * @param C - box bound
 * @param tol - KKT tolerance (default 1e-8)
 * @param maxIterations - pair updates (default 100000)
 */
export function solveSvmDual(
  Q: Float64Array,
  y: Float64Array,
  C: number,
  tol = 1e-8,
  maxIterations = 100_000,
): SvmDualSolution {
  const l = y.length;
  const beta = new Float64Array(l);
  const G = new Float64Array(l).fill(-1); // gradient Qβ − 1
  const up = (t: number): boolean => (y[t]! > 0 ? beta[t]! < C : beta[t]! > 0);
  const low = (t: number): boolean => (y[t]! > 0 ? beta[t]! > 0 : beta[t]! < C);
  let it = 0;
  let gap = Number.POSITIVE_INFINITY;
  let m = 0;
  let M = 0;
  for (; it <= maxIterations; it++) {
    let i = -1;
    let j = -1;
    m = Number.NEGATIVE_INFINITY;
    M = Number.POSITIVE_INFINITY;
    for (let t = 0; t < l; t++) {
      const v = -y[t]! * G[t]!;
      if (up(t) && v > m) {
        m = v;
        i = t;
      }
      if (low(t) && v < M) {
        M = v;
        j = t;
      }
    }
    gap = m - M;
    if (i < 0 || j < 0 || gap <= tol || it === maxIterations) break;
    const yi = y[i]!;
    const yj = y[j]!;
    let curv = Q[i * l + i]! + Q[j * l + j]! - 2 * yi * yj * Q[i * l + j]!;
    if (!(curv > 1e-12)) curv = 1e-12;
    let t = (yj * G[j]! - yi * G[i]!) / curv;
    t = Math.min(t, yi > 0 ? C - beta[i]! : beta[i]!, yj > 0 ? beta[j]! : C - beta[j]!);
    if (!(t > 0)) break;
    beta[i]! += yi * t;
    beta[j]! -= yj * t;
    for (let s = 0; s < l; s++) G[s]! += t * (yi * Q[s * l + i]! - yj * Q[s * l + j]!);
  }
  // bias from the free variables (−yₜGₜ), or the middle of the feasible interval
  let sum = 0;
  let free = 0;
  for (let t = 0; t < l; t++)
    if (beta[t]! > 0 && beta[t]! < C) {
      sum += -y[t]! * G[t]!;
      free++;
    }
  const bias = free > 0 ? sum / free : Number.isFinite(m) && Number.isFinite(M) ? 0.5 * (m + M) : 0;
  return { beta, bias, iterations: it, gap: Math.max(0, gap), converged: gap <= tol };
}
