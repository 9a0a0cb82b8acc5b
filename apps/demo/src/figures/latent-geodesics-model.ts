import {
  type DenseLayer,
  gaussianOutput,
  type LatentMetric,
  type RbfVariance,
  rbfVarianceDecoder,
  rbfVarianceMetric,
  sumMetrics,
} from '@infogeom/pullback';
import { batchedPullbackMetric, float64DenseDecoder } from '@infogeom/pullback/tfjs';

// The committed MNIST VAE decoder of @infogeom/pullback (models/mnist-decoder.*) and the RBF variance network
// fitted to it (latent-geodesics-rbf.bin, written by latent-geodesics-fit-variance.ts), as float64
// pullback metrics. Pure: the bytes come from fetch (worker) or node:fs (tests, the fitting script).

/** The fields of `mnist-decoder.json` the figure reads. */
export interface DecoderManifest {
  /** Hidden activation. */
  activation: 'tanh';
  /** Output activation (the Gaussian mean μ(z)). */
  output: 'sigmoid';
  /** The learned noise level σ of p(x | z) = N(μ(z), σ²I). */
  sigma: number;
  /** Layer shapes 2 → 64 → 64 → 784. */
  layers: { in: number; out: number }[];
  /** Number of training digits whose codes are stored. */
  n: number;
}

/** The raw model files. */
export interface ModelBytes {
  /** Parsed `mnist-decoder.json`. */
  manifest: DecoderManifest;
  /** `mnist-decoder.bin`: float32 weights, each layer W (inputs × outputs) then b. */
  weights: ArrayBuffer;
  /** `mnist-codes.bin`: float32 n × 2 posterior means. */
  codes: ArrayBuffer;
  /** `mnist-labels.bin`: uint8 n labels. */
  labels: ArrayBuffer;
  /** `latent-geodesics-rbf.bin` (float64: K, D, ζ, centres K×2, λ K, W D×K); absent while fitting it. */
  variance?: ArrayBuffer;
}

/** The decoder, its two metrics and the training codes. */
export interface LatentModel {
  /** Dense layers in the float64 `mlpDecoder` format (weights outputs × inputs). */
  layers: DenseLayer[];
  /** Decoded means μ(z) of n codes (n×2) → n×784. */
  decode(Z: Float64Array, n: number): Float64Array;
  /** JᵀJ/σ²: the pullback of N(μ(z), σ²I) with the learned constant σ. */
  mean: LatentMetric;
  /** J_μᵀJ_μ + J_σᵀJ_σ with the RBF variance network σ(z) (Arvanitidis et al. 2018); absent without it. */
  withVariance?: LatentMetric;
  /** The variance network itself. */
  variance?: RbfVariance;
  /** Posterior means of the training digits, n×2. */
  codes: Float64Array;
  /** Their labels 0–9. */
  labels: Uint8Array;
}

/** The dense layers of `mnist-decoder.bin` (W stored inputs × outputs, transposed here). */
export function denseLayers(manifest: DecoderManifest, weights: ArrayBuffer): DenseLayer[] {
  const w = new Float32Array(weights);
  const layers: DenseLayer[] = [];
  let off = 0;
  manifest.layers.forEach((l, k) => {
    const W = new Float64Array(l.in * l.out);
    for (let a = 0; a < l.in; a++) for (let b = 0; b < l.out; b++) W[b * l.in + a] = w[off + a * l.out + b]!;
    off += l.in * l.out;
    const bias = Float64Array.from(w.subarray(off, off + l.out));
    off += l.out;
    const last = k === manifest.layers.length - 1;
    layers.push({ weights: W, bias, activation: last ? manifest.output : manifest.activation });
  });
  if (off !== w.length) throw new Error(`mnist-decoder.bin holds ${w.length} floats, the layers need ${off}`);
  return layers;
}

/** Serialises a variance network (float64: K, D, ζ, centres, λ, W). */
export function encodeVariance(v: RbfVariance): ArrayBuffer {
  const K = v.lambdas.length;
  const D = v.outputDimension;
  const out = new Float64Array(3 + 2 * K + K + D * K);
  out.set([K, D, v.zeta]);
  out.set(v.centres, 3);
  out.set(v.lambdas, 3 + 2 * K);
  out.set(v.weights, 3 + 3 * K);
  return out.buffer;
}

/** The variance network stored by {@link encodeVariance}. */
export function decodeVariance(buf: ArrayBuffer): RbfVariance {
  const f = new Float64Array(buf);
  const K = f[0]!;
  const D = f[1]!;
  const zeta = f[2]!;
  if (f.length !== 3 + 3 * K + D * K)
    throw new Error(`variance network: ${f.length} floats for K=${K}, D=${D}`);
  const centres = f.slice(3, 3 + 2 * K);
  const lambdas = f.slice(3 + 2 * K, 3 + 3 * K);
  const weights = f.slice(3 + 3 * K);
  return rbfVarianceDecoder(centres, lambdas, weights, zeta, 2, D);
}

/**
 * Builds the float64 decoder (batched GEMM products) and its metrics: JᵀJ/σ² with the learned σ, and — when
 * the variance network is given — J_μᵀJ_μ + J_σᵀJ_σ, the expected metric of N(μ(z), σ(z)²I), which grows
 * off the data so that geodesics stay on it.
 */
export function buildLatentModel(bytes: ModelBytes): LatentModel {
  const layers = denseLayers(bytes.manifest, bytes.weights);
  const unit = float64DenseDecoder(layers, gaussianOutput(1));
  const scaled = float64DenseDecoder(layers, gaussianOutput(bytes.manifest.sigma));
  const codes = Float64Array.from(new Float32Array(bytes.codes));
  const labels = new Uint8Array(bytes.labels);
  const model: LatentModel = {
    layers,
    decode: (Z, n) => unit.decodeBatch(Z, n),
    mean: batchedPullbackMetric(scaled),
    codes,
    labels,
  };
  if (bytes.variance === undefined) return model;
  const variance = decodeVariance(bytes.variance);
  const withVariance = sumMetrics(batchedPullbackMetric(unit), rbfVarianceMetric(variance));
  return { ...model, variance, withVariance };
}
