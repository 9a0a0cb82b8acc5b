import { DimensionMismatchError, InvalidArgumentError } from '@infogeom/linalg';
import type { LatentMetric } from '../decoders/decoder.js';
import { completeMetric } from '../metrics/complete-metric.js';
import type { CurveBasis } from './curve-basis.js';
import { curveAtQuadrature } from './curve-energy.js';

/** Options of {@link curveEnergyHessians}. */
export interface CurveHessianOptions {
  /**
   * Relative step h of the central differences in z: zₖ ± h·max(1, ‖z‖∞) (default 1e-4: truncation ~h²
   * ≈ 1e-8 relative, rounding ~1e-12 in float64 and ~1e-3 for float32 decoders — ample for a Newton
   * model, whose gradient stays exact).
   */
  step?: number;
  /**
   * `'central'` (default): f_zz and f_zv from ±h shifts (2d stacked copies of the curve, error ~h²);
   * `'forward'`: from one +h shift per direction against the unshifted curve (d + 1 copies, error ~h) —
   * about 40 % cheaper for d = 2, ample for a Newton preconditioner that L-BFGS corrects.
   */
  differences?: 'central' | 'forward';
}

/**
 * Exact-structure Hessians ∂²E/∂y∂y of the curve energy E = ½ Σ_q w_q ċ(t_q)ᵀ G(c(t_q)) ċ(t_q) with respect
 * to all nodes ((N+1)d × (N+1)d, row-major, ends included), for several curves in ONE batched
 * `energyDensity` call. Per quadrature point the integrand f(z, v) = ½ vᵀG(z)v has the 2d×2d Hessian
 * with blocks f_zz, f_zv, f_vz and f_vv = G: G from the metric itself (`metricBatch`, exact; at the
 * same codes as the first density call, so a caching decoder reuses its forward pass), f_zz and f_vz by
 * central (or forward, `options.differences`) differences in z of the exact first derivatives
 * (½∇_z vᵀGv, Gv). These point blocks are then pulled
 * back through z_q = Σᵢ B_qi yᵢ, v_q = Σᵢ B′_qi yᵢ. Unlike a Gauss–Newton model it keeps the
 * second-fundamental-form terms uᵀ∇²θ (u = I J v), which dominate on strongly curved decoders.
 * Decoder calls: the density at the curves' own points, the metric there, then the density at the
 * shifted points (one call each, all curves stacked).
 * @param metric - the latent metric
 * @param basis - the curve basis of every curve
 * @param curves - node arrays, each (N+1)×d
 */
export function curveEnergyHessians(
  metric: LatentMetric,
  basis: CurveBasis,
  curves: readonly Float64Array[],
  options: CurveHessianOptions = {},
): Float64Array[] {
  const m = completeMetric(metric);
  const d = m.dimension;
  const n = basis.intervals + 1;
  const Q = basis.t.length;
  const h = options.step ?? 1e-4;
  if (!(h > 0 && h < 1)) throw new InvalidArgumentError('options.step', h, '(0, 1)');
  const C = curves.length;
  const forward = options.differences === 'forward';
  // Shifted blocks per curve: +h eₖ (forward) or ±h eₖ (central), with the curve's velocities.
  const blocks = forward ? d : 2 * d;
  const Zb = new Float64Array(C * Q * d);
  const Vb = new Float64Array(C * Q * d);
  const Z = new Float64Array(C * blocks * Q * d);
  const V = new Float64Array(C * blocks * Q * d);
  const hs = new Float64Array(C * Q);
  curves.forEach((Y, c) => {
    if (Y.length !== n * d) throw new DimensionMismatchError(`curves[${c}].length`, Y.length, `${n}×${d}`);
    const p = curveAtQuadrature(basis, Y, d);
    Zb.set(p.Z, c * Q * d);
    Vb.set(p.V, c * Q * d);
    for (let q = 0; q < Q; q++) {
      let zn = 1;
      for (let k = 0; k < d; k++) zn = Math.max(zn, Math.abs(p.Z[q * d + k]!));
      const hq = h * zn;
      hs[c * Q + q] = hq;
      for (let b = 0; b < blocks; b++) {
        const r = ((c * blocks + b) * Q + q) * d;
        Z.set(p.Z.subarray(q * d, (q + 1) * d), r);
        V.set(p.V.subarray(q * d, (q + 1) * d), r);
        if (forward) Z[r + b]! += hq;
        else Z[r + (b >> 1)]! += b & 1 ? -hq : hq;
      }
    }
  });
  const base = forward ? m.energyDensity(Zb, Vb, C * Q) : undefined;
  const Gs = m.metricBatch(Zb, C * Q);
  const dens = m.energyDensity(Z, V, C * blocks * Q);
  const dim = n * d;
  const d2 = d * d;
  return curves.map((_, c) => {
    const H = new Float64Array(dim * dim);
    // Point blocks: fzz[a·d+b] = ∂²f/∂z_a∂z_b, fzv[a·d+b] = ∂²f/∂z_a∂v_b, G.
    const fzz = new Float64Array(d * d);
    const fzv = new Float64Array(d * d);
    const G = new Float64Array(d * d);
    for (let q = 0; q < Q; q++) {
      const hq = hs[c * Q + q]!;
      const row = (b: number): number => ((c * blocks + b) * Q + q) * d;
      const b0 = (c * Q + q) * d;
      for (let k = 0; k < d; k++) {
        const p = row(forward ? k : 2 * k);
        for (let a = 0; a < d; a++) {
          // column k: ∂/∂z_k of ½∇_z f and of G v.
          if (base !== undefined) {
            fzz[a * d + k] = (0.5 * (dens.positionGradient[p + a]! - base.positionGradient[b0 + a]!)) / hq;
            fzv[k * d + a] = (dens.metricTimesVelocity[p + a]! - base.metricTimesVelocity[b0 + a]!) / hq;
          } else {
            const mi = row(2 * k + 1);
            fzz[a * d + k] =
              (0.5 * (dens.positionGradient[p + a]! - dens.positionGradient[mi + a]!)) / (2 * hq);
            fzv[k * d + a] =
              (dens.metricTimesVelocity[p + a]! - dens.metricTimesVelocity[mi + a]!) / (2 * hq);
          }
        }
      }
      G.set(Gs.subarray((c * Q + q) * d2, (c * Q + q + 1) * d2));
      for (let a = 0; a < d; a++)
        for (let b = 0; b < a; b++) {
          const s = 0.5 * (fzz[a * d + b]! + fzz[b * d + a]!);
          fzz[a * d + b] = s;
          fzz[b * d + a] = s;
          const t = 0.5 * (G[a * d + b]! + G[b * d + a]!);
          G[a * d + b] = t;
          G[b * d + a] = t;
        }
      const w = basis.w[q]!;
      const Bq = basis.B.subarray(q * n, (q + 1) * n);
      const dBq = basis.dB.subarray(q * n, (q + 1) * n);
      for (let i = 0; i < n; i++) {
        const bi = w * Bq[i]!;
        const dbi = w * dBq[i]!;
        if (bi === 0 && dbi === 0) continue;
        for (let j = 0; j <= i; j++) {
          const bj = Bq[j]!;
          const dbj = dBq[j]!;
          if (bj === 0 && dbj === 0) continue;
          const bb = bi * bj;
          const bd = bi * dbj;
          const db = dbi * bj;
          const dd = dbi * dbj;
          for (let a = 0; a < d; a++) {
            const o = (i * d + a) * dim + j * d;
            for (let b = 0; b < d; b++)
              H[o + b]! +=
                bb * fzz[a * d + b]! + bd * fzv[a * d + b]! + db * fzv[b * d + a]! + dd * G[a * d + b]!;
          }
        }
      }
    }
    for (let r = 0; r < dim; r++) for (let s = 0; s < r; s++) H[s * dim + r] = H[r * dim + s]!;
    return H;
  });
}

/**
 * A positive definite inverse of a symmetric matrix H (m×m) for a Newton model: (H + μI)⁻¹ by Cholesky,
 * with the smallest shift μ ∈ {0, 1e-10·max|Hᵢᵢ|, ×10…} that makes H + μI positive definite (the
 * Levenberg–Marquardt modification; near a minimum μ = 0 and this is the Newton step).
 */
export function shiftedNewtonInverse(H: Float64Array, m: number): (g: Float64Array) => Float64Array {
  let top = 0;
  for (let i = 0; i < m; i++) top = Math.max(top, Math.abs(H[i * m + i]!));
  if (!(top > 0) || !Number.isFinite(top))
    throw new InvalidArgumentError('H', 'diagonal', 'finite, not all zero');
  const L = new Float64Array(m * m);
  for (let mu = 0; mu <= 1e3 * top; mu = mu === 0 ? 1e-10 * top : mu * 10) {
    if (choleskyShifted(H, m, mu, L)) {
      return (g) => {
        const x = Float64Array.from(g);
        for (let i = 0; i < m; i++) {
          let s = x[i]!;
          for (let k = 0; k < i; k++) s -= L[i * m + k]! * x[k]!;
          x[i] = s / L[i * m + i]!;
        }
        for (let i = m - 1; i >= 0; i--) {
          let s = x[i]!;
          for (let k = i + 1; k < m; k++) s -= L[k * m + i]! * x[k]!;
          x[i] = s / L[i * m + i]!;
        }
        return x;
      };
    }
  }
  throw new InvalidArgumentError('H', 'spectrum', 'a symmetric matrix with a shiftable spectrum');
}

/** Lower Cholesky factor of H + μI into L; false when not positive definite. */
function choleskyShifted(H: Float64Array, m: number, mu: number, L: Float64Array): boolean {
  L.fill(0);
  for (let i = 0; i < m; i++)
    for (let j = 0; j <= i; j++) {
      let s = H[i * m + j]! + (i === j ? mu : 0);
      for (let k = 0; k < j; k++) s -= L[i * m + k]! * L[j * m + k]!;
      if (i === j) {
        if (!(s > 0)) return false;
        L[i * m + i] = Math.sqrt(s);
      } else L[i * m + j] = s / L[j * m + j]!;
    }
  return true;
}
