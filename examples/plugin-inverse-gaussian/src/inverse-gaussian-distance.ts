import type { InverseGaussianParams } from './inverse-gaussian.js';

/**
 * The closed-form Fisher–Rao distance between two inverse Gaussians. With v = √(2/μ) and t = 1/√λ the
 * metric λ/μ³ dμ² + dλ²/(2λ²) becomes 2(dv² + dt²)/t², a hyperbolic half-plane of curvature −½, so
 * d = √2 · arccosh(1 + ((v₁ − v₂)² + (t₁ − t₂)²)/(2 t₁ t₂)).
 */
export function inverseGaussianDistance(p: InverseGaussianParams, q: InverseGaussianParams): number {
  const v1 = Math.sqrt(2 / p.mean);
  const v2 = Math.sqrt(2 / q.mean);
  const t1 = 1 / Math.sqrt(p.shape);
  const t2 = 1 / Math.sqrt(q.shape);
  const x = ((v1 - v2) ** 2 + (t1 - t2) ** 2) / (2 * t1 * t2);
  // arccosh(1 + x) = log1p(x + √(x(x + 2))), accurate for small x.
  return Math.SQRT2 * Math.log1p(x + Math.sqrt(x * (x + 2)));
}
