import { InvalidArgumentError, NonFiniteError } from '@infogeom/linalg';
import type {
  Decoder,
  EnergyDensity,
  GeodesicForce,
  LatentMetric,
  OutputFamily,
} from '../decoders/decoder.js';
import { gaussianOutput } from '../outputs/output-families.js';
import { batchedChristoffelContraction, fusedChristoffelContraction } from './batched-christoffel.js';
import { type PullbackMetricOptions, pullbackMetric } from './pullback-metric.js';

/** A decoder with the batched products {@link batchedPullbackMetric} needs (a `TfjsDecoder`, a `Float64DenseDecoder`). */
export type BatchedDecoder = Decoder &
  Required<Pick<Decoder, 'decodeBatch' | 'jacobianBatch' | 'secondOrderBatch'>> & {
    /** Optional fused energy density for a constant diagonal output Fisher diag(w) (see `TfjsDecoder`). */
    weightedEnergyDensity?(Z: Float64Array, V: Float64Array, n: number, w: Float64Array): EnergyDensity;
    /** Optional, with a constant diagonal output Fisher diag(w): G = Jᵀ diag(w) J at n codes (n×d×d). */
    weightedMetricBatch?(Z: Float64Array, n: number, w: Float64Array): Float64Array;
    /**
     * Optional, with a constant diagonal output Fisher diag(w): G and Jᵀ diag(w) H[v, v] at n codes (the
     * Christoffel contraction is then G⁻¹ of the latter, see `GeodesicForce`).
     */
    weightedGeodesicForce?(Z: Float64Array, V: Float64Array, n: number, w: Float64Array): GeodesicForce;
    /** Optional: J columns and H[v, v] stacked from one call (any output family; see `ChristoffelBatchDecoder`). */
    geodesicTangentsBatch?(Z: Float64Array, V: Float64Array, n: number): Float64Array;
    /** Optional: the number of points per call the decoder runs fastest at (the default `chunk`). */
    preferredBatchSize?: number;
  };

/** Options of {@link batchedPullbackMetric}. */
export interface BatchedPullbackMetricOptions extends PullbackMetricOptions {
  /**
   * Largest number of points per decoder call of the energy density (default: the decoder's
   * `preferredBatchSize`, else 512): bigger batches are split into equal blocks, since far larger GEMMs
   * run out of cache and get slower per point.
   */
  chunk?: number;
}

/** The diagonal of a constant output Fisher, when it is diagonal (checked on a pseudo-random vector). */
function constantDiagonal(output: OutputFamily, D: number): Float64Array | undefined {
  if (!output.constantFisher) return undefined;
  const theta = new Float64Array(D);
  const w = new Float64Array(D);
  if (!output.fisherApply(theta, new Float64Array(D).fill(1), w)) return undefined;
  const r = Float64Array.from({ length: D }, (_, i) => Math.sin(12.9898 * (i + 1)));
  const ir = new Float64Array(D);
  if (!output.fisherApply(theta, r, ir)) return undefined;
  for (let i = 0; i < D; i++)
    if (Math.abs(ir[i]! - w[i]! * r[i]!) > 1e-12 * Math.abs(w[i]!)) return undefined;
  return w;
}

/**
 * The pullback metric G(z) = J(z)ᵀ I(θ(z)) J(z) of a decoder with batched products (a `TfjsDecoder`, a
 * `Float64DenseDecoder`), with the curve-wide work batched into a few decoder calls (the per-point metric,
 * ∂G/∂z and Christoffel contraction are the package's `pullbackMetric`):
 * - `metricBatch`: J at every code in one call (plus θ when the output Fisher depends on θ); fused in the
 *   decoder when it offers `weightedMetricBatch` and the output Fisher is constant and diagonal;
 * - `energyDensity` at all quadrature points of a curve: fused in the decoder when it offers
 *   `weightedEnergyDensity` and the output Fisher is constant and diagonal (Gaussian with fixed σ);
 *   otherwise J (one call), θ (one call, non-constant Fisher only), then ∇_z vᵀG v = 2∇_z(uᵀJv)|_{u = IJv} + Jᵀ∇_θ(aᵀI a) with the decoder's batched second-order
 *   product (one call). Only first-order autodiff of the network is used;
 * - `christoffelContractionBatch` at all trajectories of a shooting step: fused in the decoder when it offers
 *   `weightedGeodesicForce` and the output Fisher is constant and diagonal (G and Jᵀ I H[v, v] from one
 *   stacked forward-mode pass); otherwise J (one call), θ (non-constant Fisher only) and Jᵀ I H[v, v] as
 *   d stacked second-order products (one call).
 * @param decoder - a decoder with batched products
 * @param options - output family (default: the decoder's, else Gaussian σ = 1) and domain
 */
export function batchedPullbackMetric(
  decoder: BatchedDecoder,
  options: BatchedPullbackMetricOptions = {},
): LatentMetric {
  const chunk = options.chunk ?? decoder.preferredBatchSize ?? 512;
  if (!(Number.isInteger(chunk) && chunk >= 1))
    throw new InvalidArgumentError('options.chunk', chunk, 'an integer ≥ 1');
  const base = pullbackMetric(decoder, options);
  const output: OutputFamily = options.output ?? decoder.output ?? gaussianOutput(1);
  const d = decoder.latentDimension;
  const D = decoder.outputDimension;
  const d2 = d * d;
  const constant = output.constantFisher;
  const fail = (z: Float64Array): never => {
    throw new InvalidArgumentError(
      'z',
      Array.from(z),
      `a code whose decoded parameters lie in the ${output.name} domain`,
    );
  };
  const finite = (x: Float64Array, what: string): Float64Array => {
    for (const t of x) if (!Number.isFinite(t)) throw new NonFiniteError(what, t, 'finite values');
    return x;
  };
  const thetas = (Z: Float64Array, n: number): Float64Array =>
    constant ? new Float64Array(n * D) : finite(decoder.decodeBatch(Z, n), 'decodeBatch');

  const metricDiag = decoder.weightedMetricBatch !== undefined ? constantDiagonal(output, D) : undefined;
  const metricBatch = (Z: Float64Array, n: number): Float64Array => {
    if (n <= chunk) return metricBlock(Z, n);
    const out = new Float64Array(n * d2);
    const size = Math.ceil(n / Math.ceil(n / chunk));
    for (let s = 0; s < n; s += size) {
      const k = Math.min(size, n - s);
      out.set(metricBlock(Z.subarray(s * d, (s + k) * d), k), s * d2);
    }
    return out;
  };
  const metricBlock = (Z: Float64Array, n: number): Float64Array => {
    if (metricDiag !== undefined && decoder.weightedMetricBatch !== undefined)
      return finite(decoder.weightedMetricBatch(Z, n, metricDiag), 'weightedMetricBatch');
    const Js = finite(decoder.jacobianBatch(Z, n), 'jacobianBatch');
    const T = thetas(Z, n);
    const out = new Float64Array(n * d2);
    const col = new Float64Array(D);
    const icol = new Float64Array(D);
    for (let p = 0; p < n; p++) {
      const J = Js.subarray(p * D * d, (p + 1) * D * d);
      const theta = T.subarray(p * D, (p + 1) * D);
      for (let j = 0; j < d; j++) {
        for (let i = 0; i < D; i++) col[i] = J[i * d + j]!;
        if (!output.fisherApply(theta, col, icol)) fail(Z.slice(p * d, (p + 1) * d));
        for (let k = 0; k <= j; k++) {
          let s = 0;
          for (let i = 0; i < D; i++) s += J[i * d + k]! * icol[i]!;
          out[p * d2 + k * d + j] = s;
          out[p * d2 + j * d + k] = s;
        }
      }
    }
    return out;
  };

  const diag = decoder.weightedEnergyDensity !== undefined ? constantDiagonal(output, D) : undefined;
  const energyDensity = (Z: Float64Array, V: Float64Array, n: number): EnergyDensity => {
    if (n <= chunk) return energyBlock(Z, V, n);
    // Blocks of ≤ chunk points: the decoder's activations stay in cache (much larger GEMMs get slower per row).
    const out: EnergyDensity = {
      quad: new Float64Array(n),
      metricTimesVelocity: new Float64Array(n * d),
      positionGradient: new Float64Array(n * d),
    };
    const size = Math.ceil(n / Math.ceil(n / chunk));
    for (let s = 0; s < n; s += size) {
      const k = Math.min(size, n - s);
      const e = energyBlock(Z.subarray(s * d, (s + k) * d), V.subarray(s * d, (s + k) * d), k);
      out.quad.set(e.quad, s);
      out.metricTimesVelocity.set(e.metricTimesVelocity, s * d);
      out.positionGradient.set(e.positionGradient, s * d);
    }
    return out;
  };
  const energyBlock = (Z: Float64Array, V: Float64Array, n: number): EnergyDensity => {
    if (diag !== undefined && decoder.weightedEnergyDensity !== undefined) {
      const e = decoder.weightedEnergyDensity(Z, V, n, diag);
      finite(e.quad, 'quad');
      finite(e.positionGradient, 'positionGradient');
      return e;
    }
    const Js = finite(decoder.jacobianBatch(Z, n), 'jacobianBatch');
    const T = thetas(Z, n);
    const quad = new Float64Array(n);
    const gv = new Float64Array(n * d);
    const pg = new Float64Array(n * d);
    const U = new Float64Array(n * D);
    const a = new Float64Array(D);
    const qg = new Float64Array(D);
    for (let p = 0; p < n; p++) {
      const J = Js.subarray(p * D * d, (p + 1) * D * d);
      const theta = T.subarray(p * D, (p + 1) * D);
      const ia = U.subarray(p * D, (p + 1) * D);
      for (let i = 0; i < D; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += J[i * d + j]! * V[p * d + j]!;
        a[i] = s;
      }
      if (!output.fisherApply(theta, a, ia)) fail(Z.slice(p * d, (p + 1) * d));
      let q = 0;
      for (let i = 0; i < D; i++) {
        q += a[i]! * ia[i]!;
        for (let j = 0; j < d; j++) gv[p * d + j]! += J[i * d + j]! * ia[i]!;
      }
      quad[p] = q;
      if (!constant) {
        if (!output.fisherQuadGradient(theta, a, qg)) fail(Z.slice(p * d, (p + 1) * d));
        for (let i = 0; i < D; i++) for (let j = 0; j < d; j++) pg[p * d + j]! += J[i * d + j]! * qg[i]!;
      }
    }
    const so = finite(decoder.secondOrderBatch(Z, U, V, n), 'secondOrderBatch');
    for (let i = 0; i < n * d; i++) pg[i]! += 2 * so[i]!;
    return { quad, metricTimesVelocity: gv, positionGradient: pg };
  };

  const forceDiag = decoder.weightedGeodesicForce !== undefined ? constantDiagonal(output, D) : undefined;
  const fused =
    forceDiag !== undefined && decoder.weightedGeodesicForce !== undefined
      ? fusedChristoffelContraction(decoder.weightedGeodesicForce.bind(decoder), forceDiag, d, chunk)
      : undefined;
  const christoffelContractionBatch = fused ?? batchedChristoffelContraction(decoder, output);
  // The fused contraction serves single points too (the exponential map's integrator): 5× the per-point
  // analytic one on the MNIST decoder. (A tfjs decoder's stacked tangents are not: at one point their extra
  // small ops cost more than the per-point J and H[v,v] calls — 0.60 vs 0.48 s for the MNIST chord.)
  const perPoint =
    fused !== undefined
      ? { christoffelContraction: (z: Float64Array, v: Float64Array) => fused(z, v, 1) }
      : {};
  return { ...base, metricBatch, energyDensity, christoffelContractionBatch, ...perPoint };
}
