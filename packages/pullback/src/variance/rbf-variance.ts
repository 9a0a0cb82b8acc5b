import { DimensionMismatchError, InvalidArgumentError, type Rng } from '@infogeom/linalg';
import type { Decoder } from '../decoders/decoder.js';
import { kMeans } from './k-means.js';

/** Options of {@link fitRbfVariance}. */
export interface RbfVarianceOptions {
  /** Number of RBF centres (k-means on the codes; default 32). */
  centres?: number;
  /** Bandwidth scale a: λₖ = ½ (a·sₖ)⁻², sₖ the mean distance of cluster k's codes to its centre (default 1). */
  bandwidth?: number;
  /** Precision floor ζ > 0 far from the data (default 1e-3: σ → 1/√ζ ≈ 31.6 off the data). */
  zeta?: number;
  /** Seeded generator for k-means. */
  rng: Rng;
  /** Multiplicative-update iterations for W ≥ 0 (default 200). */
  iterations?: number;
}

/** A fitted RBF variance network σ(z) = (W v(z) + ζ)^(−1/2), vₖ(z) = exp(−λₖ‖z − cₖ‖²). */
export interface RbfVariance extends Decoder {
  /** Centres, K×d. */
  readonly centres: Float64Array;
  /** Bandwidths λₖ. */
  readonly lambdas: Float64Array;
  /** Non-negative weights, D×K. */
  readonly weights: Float64Array;
  /** The precision floor ζ. */
  readonly zeta: number;
}

/**
 * The RBF variance network of Arvanitidis, Hansen & Hauberg (2018, "Latent space oddity"): precision
 * β(z) = W v(z) + ζ with k-means centres and W ≥ 0 fitted by maximum likelihood to the squared
 * reconstruction residuals (multiplicative updates, which keep W ≥ 0), so σ(z) is small on the data and
 * grows to 1/√ζ off it. Stack it with the mean decoder (`stackDecoders([mean, sigma])`, Gaussian output)
 * for the expected metric J_μᵀJ_μ + J_σᵀJ_σ, which grows off the data so geodesics avoid holes.
 */
export function fitRbfVariance(
  codes: ArrayLike<number>,
  latentDimension: number,
  squaredResiduals: ArrayLike<number>,
  outputDimension: number,
  options: RbfVarianceOptions,
): RbfVariance {
  const d = latentDimension;
  const D = outputDimension;
  if (codes.length % d !== 0)
    throw new DimensionMismatchError('codes.length', codes.length, `a multiple of ${d}`);
  const n = codes.length / d;
  if (squaredResiduals.length !== n * D)
    throw new DimensionMismatchError('squaredResiduals.length', squaredResiduals.length, `${n}×${D}`);
  const K = options.centres ?? Math.min(32, n);
  const a = options.bandwidth ?? 1;
  const zeta = options.zeta ?? 1e-3;
  if (!(zeta > 0)) throw new InvalidArgumentError('options.zeta', zeta, 'ζ > 0');
  const X = Float64Array.from(codes);
  const km = kMeans(X, d, K, options.rng);
  const C = km.centres;
  const lambdas = new Float64Array(K);
  const sum = new Float64Array(K);
  const cnt = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    const c = km.labels[i]!;
    let s = 0;
    for (let t = 0; t < d; t++) s += (X[i * d + t]! - C[c * d + t]!) ** 2;
    sum[c]! += Math.sqrt(s);
    cnt[c]!++;
  }
  let meanS = 0;
  for (let c = 0; c < K; c++) meanS += cnt[c]! > 0 ? sum[c]! / cnt[c]! / K : 0;
  for (let c = 0; c < K; c++) {
    const s = cnt[c]! > 1 && sum[c]! > 0 ? sum[c]! / cnt[c]! : meanS || 1;
    lambdas[c] = 0.5 / (a * s) ** 2;
  }
  const Vm = new Float64Array(n * K);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < K; c++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += (X[i * d + t]! - C[c * d + t]!) ** 2;
      Vm[i * K + c] = Math.exp(-lambdas[c]! * s);
    }
  const R = Float64Array.from(squaredResiduals);
  const W = new Float64Array(D * K);
  const iters = options.iterations ?? 200;
  const beta = new Float64Array(n);
  for (let j = 0; j < D; j++) {
    let mr = 0;
    for (let i = 0; i < n; i++) mr += R[i * D + j]! / n;
    const w0 = 1 / Math.max(mr, 1e-12);
    for (let c = 0; c < K; c++) W[j * K + c] = w0;
    for (let it = 0; it < iters; it++) {
      for (let i = 0; i < n; i++) {
        let s = zeta;
        for (let c = 0; c < K; c++) s += W[j * K + c]! * Vm[i * K + c]!;
        beta[i] = s;
      }
      for (let c = 0; c < K; c++) {
        let pos = 0;
        let neg = 0;
        for (let i = 0; i < n; i++) {
          pos += Vm[i * K + c]! / beta[i]!;
          neg += Vm[i * K + c]! * R[i * D + j]!;
        }
        W[j * K + c]! *= pos / Math.max(neg, 1e-300);
        if (!Number.isFinite(W[j * K + c]!)) W[j * K + c] = 0;
      }
    }
  }
  return rbfVarianceDecoder(C, lambdas, W, zeta, d, D);
}

/**
 * The σ(z) decoder of given centres (K×d), bandwidths, weights (D×K, ≥ 0) and floor ζ, with exact
 * Jacobian, second-order products and second directional derivatives (code by code; `rbfVarianceMetric`
 * is the batched metric of it).
 */
export function rbfVarianceDecoder(
  centres: Float64Array,
  lambdas: Float64Array,
  weights: Float64Array,
  zeta: number,
  d: number,
  D: number,
): RbfVariance {
  const K = lambdas.length;
  const v = new Float64Array(K);
  const dv = new Float64Array(K * d);
  const rbf = (z: Float64Array): void => {
    for (let c = 0; c < K; c++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += (z[t]! - centres[c * d + t]!) ** 2;
      v[c] = Math.exp(-lambdas[c]! * s);
      for (let t = 0; t < d; t++) dv[c * d + t] = -2 * lambdas[c]! * (z[t]! - centres[c * d + t]!) * v[c]!;
    }
  };
  const betaAt = (j: number): number => {
    let s = zeta;
    for (let c = 0; c < K; c++) s += weights[j * K + c]! * v[c]!;
    return s;
  };
  return {
    latentDimension: d,
    outputDimension: D,
    centres,
    lambdas,
    weights,
    zeta,
    decode(z) {
      rbf(z);
      const out = new Float64Array(D);
      for (let j = 0; j < D; j++) out[j] = 1 / Math.sqrt(betaAt(j));
      return out;
    },
    jacobian(z) {
      rbf(z);
      const J = new Float64Array(D * d);
      for (let j = 0; j < D; j++) {
        const b = betaAt(j);
        const f = -0.5 * b ** -1.5;
        for (let c = 0; c < K; c++) {
          const w = weights[j * K + c]!;
          if (w === 0) continue;
          for (let t = 0; t < d; t++) J[j * d + t]! += f * w * dv[c * d + t]!;
        }
      }
      return J;
    },
    secondOrder(z, u, dir) {
      // ∇²σⱼ = ¾β^(−5/2) ggᵀ − ½β^(−3/2) ∇²β: Σⱼ uⱼ ∇²σⱼ dir, with ∇²vₖ dir = (4λ²Δ(Δᵀdir) − 2λ dir) vₖ.
      rbf(z);
      const out = new Float64Array(d);
      const hv = new Float64Array(K * d);
      for (let c = 0; c < K; c++) {
        const l = lambdas[c]!;
        let s = 0;
        for (let t = 0; t < d; t++) s += (z[t]! - centres[c * d + t]!) * dir[t]!;
        for (let t = 0; t < d; t++)
          hv[c * d + t] = (4 * l * l * (z[t]! - centres[c * d + t]!) * s - 2 * l * dir[t]!) * v[c]!;
      }
      const gj = new Float64Array(d);
      for (let j = 0; j < D; j++) {
        if (u[j] === 0) continue;
        const b = betaAt(j);
        gj.fill(0);
        for (let c = 0; c < K; c++) {
          const w = weights[j * K + c]!;
          if (w === 0) continue;
          for (let t = 0; t < d; t++) gj[t]! += w * dv[c * d + t]!;
        }
        let gd = 0;
        for (let t = 0; t < d; t++) gd += gj[t]! * dir[t]!;
        const f = u[j]! * 0.75 * b ** -2.5 * gd;
        const h = -u[j]! * 0.5 * b ** -1.5;
        for (let t = 0; t < d; t++) out[t]! += f * gj[t]!;
        for (let c = 0; c < K; c++) {
          const w = weights[j * K + c]! * h;
          if (w === 0) continue;
          for (let t = 0; t < d; t++) out[t]! += w * hv[c * d + t]!;
        }
      }
      return out;
    },
    secondDirectional(z, u) {
      rbf(z);
      const out = new Float64Array(D);
      const vd = new Float64Array(K);
      const vdd = new Float64Array(K);
      let uu = 0;
      for (let t = 0; t < d; t++) uu += u[t]! * u[t]!;
      for (let c = 0; c < K; c++) {
        let s = 0;
        for (let t = 0; t < d; t++) s += (z[t]! - centres[c * d + t]!) * u[t]!;
        const l = lambdas[c]!;
        vd[c] = -2 * l * s * v[c]!;
        vdd[c] = (-2 * l * uu + 4 * l * l * s * s) * v[c]!;
      }
      for (let j = 0; j < D; j++) {
        const b = betaAt(j);
        let bd = 0;
        let bdd = 0;
        for (let c = 0; c < K; c++) {
          bd += weights[j * K + c]! * vd[c]!;
          bdd += weights[j * K + c]! * vdd[c]!;
        }
        out[j] = 0.75 * b ** -2.5 * bd * bd - 0.5 * b ** -1.5 * bdd;
      }
      return out;
    },
  };
}
