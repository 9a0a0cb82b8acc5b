import { DimensionMismatchError, jacobian } from '@infogeom/linalg';
import type { LatentMetric } from '../decoders/decoder.js';
import { completeMetric } from '../metrics/complete-metric.js';
import { spdSolveDamped } from '../metrics/spd-solve-damped.js';
import { christoffel } from './christoffel.js';

/** Curvature of a latent metric at a point. */
export interface LatentCurvature {
  /** Scalar curvature R = gˢᵛ R_sv. */
  scalar: number;
  /** Gaussian curvature K = R/2 (2-D latent spaces; NaN otherwise). */
  gaussian: number;
  /** Ricci tensor R_sv, row-major d×d. */
  ricci: Float64Array;
}

/**
 * Riemann, Ricci and scalar curvature at z from the Christoffel symbols and their derivatives
 * (Richardson-extrapolated central differences of Γ, which is itself exact for analytic decoders):
 * Rᵖ_σμν = ∂_μΓᵖ_νσ − ∂_νΓᵖ_μσ + Γᵖ_μλΓˡ_νσ − Γᵖ_νλΓˡ_μσ.
 */
export function latentCurvature(metric: LatentMetric, z: ArrayLike<number>): LatentCurvature {
  const m = completeMetric(metric);
  const n = m.dimension;
  if (z.length !== n) throw new DimensionMismatchError('z.length', z.length, `${n}`);
  const n2 = n * n;
  const x0 = Float64Array.from(z);
  const G0 = christoffel(m, x0);
  const J = jacobian(
    (x) => (m.contains(x) ? christoffel(m, x) : new Float64Array(n2 * n).fill(Number.NaN)),
    x0,
    { step: 0.02, name: 'christoffel' },
  ).data;
  const dG = (mu: number, r: number, a: number, b: number): number => J[(r * n2 + a * n + b) * n + mu]!;
  const g = (r: number, a: number, b: number): number => G0[r * n2 + a * n + b]!;
  const ricci = new Float64Array(n2);
  for (let s = 0; s < n; s++)
    for (let v = 0; v < n; v++) {
      let t = 0;
      for (let r = 0; r < n; r++) {
        t += dG(r, r, v, s) - dG(v, r, r, s);
        for (let l = 0; l < n; l++) t += g(r, r, l) * g(l, v, s) - g(r, v, l) * g(l, r, s);
      }
      ricci[s * n + v] = t;
    }
  const Gm = m.metric(x0);
  let scalar = 0;
  const col = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    const e = new Float64Array(n);
    e[v] = 1;
    spdSolveDamped(Gm, e, n, col);
    for (let s = 0; s < n; s++) scalar += col[s]! * ricci[s * n + v]!;
  }
  return { scalar, gaussian: n === 2 ? scalar / 2 : Number.NaN, ricci };
}

/** The scalar curvature R(z) (for a 2-D latent space R = 2K, K the Gaussian curvature). */
export function scalarCurvature(metric: LatentMetric, z: ArrayLike<number>): number {
  return latentCurvature(metric, z).scalar;
}
