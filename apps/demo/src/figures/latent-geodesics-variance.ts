import { DenseMatrix, matmulTransB } from '@infogeom/linalg';
import type { EnergyDensity, LatentMetric, RbfVariance } from '@infogeom/pullback';

// The σ part J_σᵀJ_σ of the expected metric of N(μ(z), σ(z)²I) for pullback's RBF variance network
// σⱼ = βⱼ^(−1/2), β = W v(z) + ζ, batched: the RBF features of all n codes and their first and second
// derivatives go through W in one GEMM (6n×K · K×D), then
//   G = Σⱼ aⱼ gⱼgⱼᵀ,  aⱼ = ¼βⱼ⁻³,  gⱼ = ∇βⱼ,
//   ∂ₖG = Σⱼ (∂ₖaⱼ gⱼgⱼᵀ + aⱼ(Hⱼ[:,k] gⱼᵀ + gⱼ Hⱼ[k,:])),  ∂ₖaⱼ = −¾βⱼ⁻⁴ gⱼₖ.
// This equals pullbackMetric(variance, { output: gaussianOutput(1) }) (checked in the figure's test) at a
// fraction of the cost: that path evaluates the 784×32 network code by code, several times per product.

/** A {@link LatentMetric} J_σᵀJ_σ of a 2-D RBF variance network, with exact ∂G/∂z and energy density. */
export function rbfVarianceMetric(variance: RbfVariance): LatentMetric {
  if (variance.latentDimension !== 2) throw new Error('rbfVarianceMetric: 2-D latent spaces only');
  const K = variance.lambdas.length;
  const D = variance.outputDimension;
  const C = variance.centres;
  const L = variance.lambdas;
  const W = new DenseMatrix(D, K, variance.weights);
  const zeta = variance.zeta;

  /** β − ζ, ∂₀β, ∂₁β, ∂₀₀β, ∂₀₁β, ∂₁₁β at each code: (6n)×D, block r of code p at row 6p + r. */
  const features = (Z: Float64Array, n: number): Float64Array => {
    const P = new Float64Array(6 * n * K);
    for (let p = 0; p < n; p++) {
      const x = Z[2 * p]!;
      const y = Z[2 * p + 1]!;
      const o = 6 * p * K;
      for (let c = 0; c < K; c++) {
        const l = L[c]!;
        const dx = x - C[2 * c]!;
        const dy = y - C[2 * c + 1]!;
        const v = Math.exp(-l * (dx * dx + dy * dy));
        P[o + c] = v;
        P[o + K + c] = -2 * l * dx * v;
        P[o + 2 * K + c] = -2 * l * dy * v;
        P[o + 3 * K + c] = (4 * l * l * dx * dx - 2 * l) * v;
        P[o + 4 * K + c] = 4 * l * l * dx * dy * v;
        P[o + 5 * K + c] = (4 * l * l * dy * dy - 2 * l) * v;
      }
    }
    return matmulTransB(new DenseMatrix(6 * n, K, P), W).data;
  };

  /** G (g00, g01, g11) and, when `withDerivative`, ∂₀G and ∂₁G (3 entries each) of code p into `out`. */
  const accumulate = (B: Float64Array, p: number, out: Float64Array, withDerivative: boolean): void => {
    const o = 6 * p * D;
    let g00 = 0;
    let g01 = 0;
    let g11 = 0;
    let d000 = 0;
    let d001 = 0;
    let d011 = 0;
    let d100 = 0;
    let d101 = 0;
    let d111 = 0;
    for (let j = 0; j < D; j++) {
      const b = B[o + j]! + zeta;
      const gx = B[o + D + j]!;
      const gy = B[o + 2 * D + j]!;
      const ib = 1 / b;
      const a = 0.25 * ib * ib * ib;
      g00 += a * gx * gx;
      g01 += a * gx * gy;
      g11 += a * gy * gy;
      if (!withDerivative) continue;
      const hxx = B[o + 3 * D + j]!;
      const hxy = B[o + 4 * D + j]!;
      const hyy = B[o + 5 * D + j]!;
      const da = -3 * a * ib; // ∂a/∂β; ∂ₖa = da·gₖ
      const ax = da * gx;
      const ay = da * gy;
      // k = 0: ∂₀g = (hxx, hxy); k = 1: ∂₁g = (hxy, hyy).
      d000 += ax * gx * gx + 2 * a * hxx * gx;
      d001 += ax * gx * gy + a * (hxx * gy + gx * hxy);
      d011 += ax * gy * gy + 2 * a * hxy * gy;
      d100 += ay * gx * gx + 2 * a * hxy * gx;
      d101 += ay * gx * gy + a * (hxy * gy + gx * hyy);
      d111 += ay * gy * gy + 2 * a * hyy * gy;
    }
    out[0] = g00;
    out[1] = g01;
    out[2] = g11;
    out[3] = d000;
    out[4] = d001;
    out[5] = d011;
    out[6] = d100;
    out[7] = d101;
    out[8] = d111;
  };

  const metricBatch = (Z: Float64Array, n: number): Float64Array => {
    const B = features(Z, n);
    const out = new Float64Array(4 * n);
    const t = new Float64Array(9);
    for (let p = 0; p < n; p++) {
      accumulate(B, p, t, false);
      out.set([t[0]!, t[1]!, t[1]!, t[2]!], 4 * p);
    }
    return out;
  };

  const metricDerivative = (z: Float64Array): Float64Array => {
    const B = features(Float64Array.from(z), 1);
    const t = new Float64Array(9);
    accumulate(B, 0, t, true);
    return Float64Array.from([t[3]!, t[4]!, t[4]!, t[5]!, t[6]!, t[7]!, t[7]!, t[8]!]);
  };

  const energyDensity = (Z: Float64Array, V: Float64Array, n: number): EnergyDensity => {
    const B = features(Z, n);
    const quad = new Float64Array(n);
    const gv = new Float64Array(2 * n);
    const pg = new Float64Array(2 * n);
    const t = new Float64Array(9);
    for (let p = 0; p < n; p++) {
      accumulate(B, p, t, true);
      const vx = V[2 * p]!;
      const vy = V[2 * p + 1]!;
      const gx = t[0]! * vx + t[1]! * vy;
      const gy = t[1]! * vx + t[2]! * vy;
      gv[2 * p] = gx;
      gv[2 * p + 1] = gy;
      quad[p] = gx * vx + gy * vy;
      pg[2 * p] = t[3]! * vx * vx + 2 * t[4]! * vx * vy + t[5]! * vy * vy;
      pg[2 * p + 1] = t[6]! * vx * vx + 2 * t[7]! * vx * vy + t[8]! * vy * vy;
    }
    return { quad, metricTimesVelocity: gv, positionGradient: pg };
  };

  return {
    dimension: 2,
    metric: (z) => metricBatch(Float64Array.from(z), 1),
    metricBatch,
    metricDerivative,
    energyDensity,
  };
}
