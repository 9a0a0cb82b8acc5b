/**
 * LLE reconstruction weights of point x from its neighbours (scikit-learn's `barycenter_weights`):
 * with Z = X[neighbours] − x and C = ZZᵀ, solve (C + R·I) w = 1 with R = reg·tr(C) (or reg when
 * tr(C) = 0, e.g. all neighbours duplicates of x), then scale w to sum 1. The k × k system is solved
 * in place by Cholesky in `scratch` (called once per point, so nothing is allocated).
 * @param X - row-major data (n × D)
 * @param D - number of columns
 * @param x - the point (length D)
 * @param neighbours - indices of its k neighbours
 * @param reg - regularisation (scikit-learn default 1e-3)
 * @param out - the k weights
 * @param scratch - optional workspace of length ≥ k·k
 */
export function barycenterWeights(
  X: Float64Array,
  D: number,
  x: ArrayLike<number>,
  neighbours: ArrayLike<number>,
  reg: number,
  out: Float64Array,
  scratch: Float64Array = new Float64Array(neighbours.length * neighbours.length),
): Float64Array {
  const k = neighbours.length;
  const c = scratch;
  for (let a = 0; a < k; a++) {
    const ia = neighbours[a]! * D;
    for (let b = 0; b <= a; b++) {
      const ib = neighbours[b]! * D;
      let s = 0;
      for (let t = 0; t < D; t++) s += (X[ia + t]! - x[t]!) * (X[ib + t]! - x[t]!);
      c[a * k + b] = s;
    }
  }
  let trace = 0;
  for (let a = 0; a < k; a++) trace += c[a * k + a]!;
  const R = trace > 0 ? reg * trace : reg;
  for (let a = 0; a < k; a++) c[a * k + a]! += R;
  // Cholesky C = LLᵀ in the lower triangle (C + R·I is positive definite: R > 0)
  for (let j = 0; j < k; j++) {
    let djj = c[j * k + j]!;
    for (let p = 0; p < j; p++) djj -= c[j * k + p]! ** 2;
    const ljj = Math.sqrt(Math.max(djj, Number.MIN_VALUE));
    c[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let s = c[i * k + j]!;
      for (let p = 0; p < j; p++) s -= c[i * k + p]! * c[j * k + p]!;
      c[i * k + j] = s / ljj;
    }
  }
  // L z = 1, Lᵀ w = z
  for (let i = 0; i < k; i++) {
    let s = 1;
    for (let p = 0; p < i; p++) s -= c[i * k + p]! * out[p]!;
    out[i] = s / c[i * k + i]!;
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = out[i]!;
    for (let p = i + 1; p < k; p++) s -= c[p * k + i]! * out[p]!;
    out[i] = s / c[i * k + i]!;
  }
  let sum = 0;
  for (let a = 0; a < k; a++) sum += out[a]!;
  for (let a = 0; a < k; a++) out[a]! /= sum;
  return out;
}
