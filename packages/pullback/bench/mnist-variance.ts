/**
 * The RBF variance network (Arvanitidis, Hansen & Hauberg 2018) for the committed MNIST decoder, and the
 * metric G = J_μᵀJ_μ + J_σᵀJ_σ of the Gaussian generator N(μ(z), σ(z)²) it gives, for the benchmark and
 * the figures. Both parts are batched: the mean part through the float64 GEMM path, the σ part through
 * `rbfVarianceMetric` (one GEMM of the RBF features and their derivatives), summed by `sumMetrics`.
 */
import { createRng } from '@infogeom/linalg';
import { loadMnist } from '../../../tooling/bench/mnist.js';
import type { LatentMetric } from '../src/decoders/decoder.js';
import { float64DenseDecoder } from '../src/decoders/float64-dense-decoder.js';
import { batchedPullbackMetric } from '../src/metrics/batched-pullback-metric.js';
import { sumMetrics } from '../src/metrics/sum-metrics.js';
import { gaussianOutput } from '../src/outputs/output-families.js';
import { fitRbfVariance, type RbfVariance } from '../src/variance/rbf-variance.js';
import { rbfVarianceMetric } from '../src/variance/rbf-variance-metric.js';
import type { MnistDecoderModel } from './mnist-decoder.js';

/**
 * Fits σ(z) to the squared reconstruction residuals of the first `n` training digits (32 k-means centres,
 * ζ = 1e-3, seeded) and returns the metrics with and without it (both with unit output σ, i.e. J_μᵀJ_μ and
 * J_μᵀJ_μ + J_σᵀJ_σ; length ratios do not depend on a constant scale), and the variance network itself.
 */
export function mnistVarianceMetrics(
  model: MnistDecoderModel,
  n = 1000,
  iterations = 100,
): { mean: LatentMetric; withVariance: LatentMetric; variance: RbfVariance } {
  const dec = float64DenseDecoder(model.layers, gaussianOutput(1));
  const { images } = loadMnist(n);
  const codes = model.codes.subarray(0, 2 * n);
  const mu = dec.decodeBatch(codes, n);
  const R = new Float64Array(n * 784);
  for (let i = 0; i < R.length; i++) R[i] = (images[i]! - mu[i]!) ** 2;
  const sigma = fitRbfVariance(codes, 2, R, 784, { rng: createRng(2018), centres: 32, iterations });
  const mean = batchedPullbackMetric(dec);
  return { mean, withVariance: sumMetrics(mean, rbfVarianceMetric(sigma)), variance: sigma };
}
