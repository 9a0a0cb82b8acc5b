import { SingularMatrixError } from '@infogeom/linalg';

/**
 * Solves G x = r for a small symmetric positive semi-definite G (row-major d×d) by Cholesky, adding the
 * smallest damping λ·I (λ = 1e-14·tr G, growing ×100) that makes it positive definite. Throws
 * SingularMatrixError when G is zero or not finite (a collapsed decoder), so callers never see NaN.
 * Returns the damping used.
 */
export function spdSolveDamped(G: Float64Array, r: Float64Array, d: number, out: Float64Array): number {
  let tr = 0;
  for (let i = 0; i < d; i++) tr += G[i * d + i]!;
  if (!(tr > 0) || !Number.isFinite(tr))
    throw new SingularMatrixError(
      'G',
      tr,
      'a metric with positive finite trace (the decoder is collapsed here)',
    );
  const L = new Float64Array(d * d);
  let lambda = 0;
  for (let attempt = 0; attempt < 8; attempt++) {
    if (choleskyInto(G, d, lambda, L)) {
      for (let i = 0; i < d; i++) {
        let s = r[i]!;
        for (let k = 0; k < i; k++) s -= L[i * d + k]! * out[k]!;
        out[i] = s / L[i * d + i]!;
      }
      for (let i = d - 1; i >= 0; i--) {
        let s = out[i]!;
        for (let k = i + 1; k < d; k++) s -= L[k * d + i]! * out[k]!;
        out[i] = s / L[i * d + i]!;
      }
      return lambda;
    }
    lambda = lambda === 0 ? 1e-14 * tr : lambda * 100;
  }
  throw new SingularMatrixError('G', tr, 'a positive definite metric (damping up to 1e-2·tr G failed)');
}

function choleskyInto(G: Float64Array, d: number, lambda: number, L: Float64Array): boolean {
  for (let j = 0; j < d; j++) {
    let s = G[j * d + j]! + lambda;
    for (let k = 0; k < j; k++) s -= L[j * d + k]! * L[j * d + k]!;
    if (!(s > 0)) return false;
    const l = Math.sqrt(s);
    L[j * d + j] = l;
    for (let i = j + 1; i < d; i++) {
      let t = 0.5 * (G[i * d + j]! + G[j * d + i]!);
      for (let k = 0; k < j; k++) t -= L[i * d + k]! * L[j * d + k]!;
      L[i * d + j] = t / l;
    }
  }
  return true;
}
