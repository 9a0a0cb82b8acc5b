import { jacobian } from '@infogeom/linalg';
import type { FisherRaoManifold } from './fisher-rao-manifold.js';

/** Curvature at a point: Riemann tensor, Ricci tensor and scalar curvature. */
export interface Curvature {
  /** Rᵖ_σμν flattened as ((ρ·n + σ)·n + μ)·n + ν. */
  riemann: Float64Array;
  /** R_σν = Rᵖ_σρν, row-major n×n. */
  ricci: Float64Array;
  /** R = g^σν R_σν. */
  scalar: number;
  /** Gaussian (sectional) curvature R/2 for a 2-dimensional manifold, else NaN. */
  gaussian: number;
}

/**
 * Curvature from the Christoffel symbols and their derivatives (numerical, Ridders differences of Γ):
 * Rᵖ_σμν = ∂_μ Γᵖ_νσ − ∂_ν Γᵖ_μσ + Γᵖ_μλ Γˡ_νσ − Γᵖ_νλ Γˡ_μσ, Ricci R_σν = Rᵖ_σρν, scalar R = g^σν R_σν.
 */
export function curvature(manifold: FisherRaoManifold, theta: ArrayLike<number>): Curvature {
  const n = manifold.dimension;
  const n2 = n * n;
  const x0 = Float64Array.from(theta);
  const scale = manifold.scales(x0);
  const gamma = manifold.christoffel(x0.slice());
  const x = new Float64Array(n);
  const J = jacobian(
    (s) => {
      for (let k = 0; k < n; k++) x[k] = x0[k]! + scale[k]! * s[k]!;
      return manifold.contains(x)
        ? manifold.christoffel(x.slice())
        : new Float64Array(n2 * n).fill(Number.NaN);
    },
    new Float64Array(n),
    { step: 0.1, name: 'christoffel' },
  );
  // dGamma(m, r, a, b) = ∂_m Γʳ_ab.
  const dGamma = (m: number, r: number, a: number, b: number): number =>
    J.data[(r * n2 + a * n + b) * n + m]! / scale[m]!;
  const G = (r: number, a: number, b: number): number => gamma[r * n2 + a * n + b]!;
  const riemann = new Float64Array(n2 * n2);
  for (let r = 0; r < n; r++)
    for (let s = 0; s < n; s++)
      for (let m = 0; m < n; m++)
        for (let v = 0; v < n; v++) {
          let t = dGamma(m, r, v, s) - dGamma(v, r, m, s);
          for (let l = 0; l < n; l++) t += G(r, m, l) * G(l, v, s) - G(r, v, l) * G(l, m, s);
          riemann[((r * n + s) * n + m) * n + v] = t;
        }
  const ricci = new Float64Array(n2);
  for (let s = 0; s < n; s++)
    for (let v = 0; v < n; v++) {
      let t = 0;
      for (let r = 0; r < n; r++) t += riemann[((r * n + s) * n + r) * n + v]!;
      ricci[s * n + v] = t;
    }
  let scalar = 0;
  for (let s = 0; s < n; s++) {
    const e = new Float64Array(n);
    e[s] = 1;
    const gInv = manifold.raise(x0, e);
    for (let v = 0; v < n; v++) scalar += gInv[v]! * ricci[s * n + v]!;
  }
  return { riemann, ricci, scalar, gaussian: n === 2 ? scalar / 2 : Number.NaN };
}

/** The scalar curvature R(θ) (see {@link curvature}); for a surface R = 2K, K the Gaussian curvature. */
export function scalarCurvature(manifold: FisherRaoManifold, theta: ArrayLike<number>): number {
  return curvature(manifold, theta).scalar;
}
