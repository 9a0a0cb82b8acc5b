import type { FisherOperator } from '@infogeom/fisher';
import { dot } from '@infogeom/linalg';

/**
 * KFAC-JAX's step coefficients: (α, μ) minimising the damped quadratic model
 * M(U) = gᵀU + ½Uᵀ(F + λI)U over U = αd + μp (p the previous update; μ = 0 without one), scaled by
 * `size`. Falls back to the best α alone when the 2×2 system is singular (d ∥ p).
 */
export function quadraticModelCoefficients(
  g: Float64Array,
  d: Float64Array,
  prev: Float64Array | undefined,
  F: FisherOperator,
  damping: number,
  size: number,
): { alpha: number; mu: number } {
  const Fd = F.mv(d);
  const a11 = dot(d, Fd) + damping * dot(d, d);
  const b1 = -dot(g, d);
  const alphaOnly = { alpha: a11 > 0 ? (size * b1) / a11 : size, mu: 0 };
  if (prev === undefined) return alphaOnly;
  const Fp = F.mv(prev);
  const a12 = dot(d, Fp) + damping * dot(d, prev);
  const a22 = dot(prev, Fp) + damping * dot(prev, prev);
  const b2 = -dot(g, prev);
  const det = a11 * a22 - a12 * a12;
  if (!(det > 1e-14 * Math.abs(a11 * a22)) || !Number.isFinite(det)) return alphaOnly;
  return { alpha: (size * (b1 * a22 - a12 * b2)) / det, mu: (size * (a11 * b2 - a12 * b1)) / det };
}
