/**
 * The RBF variance network (Arvanitidis, Hansen & Hauberg 2018) for the committed MNIST decoder, and the
 * metric G = J_μᵀJ_μ + J_σᵀJ_σ of the Gaussian generator N(μ(z), σ(z)²) it gives, for the benchmark and
 * the figures. The mean part is batched (float64 GEMM path); the σ part is the package's per-code metric.
 */
import { createRng } from '@infogeom/linalg';
import { loadMnist } from '../../../tooling/bench/mnist.js';
import type { EnergyDensity, LatentMetric } from '../src/decoders/decoder.js';
import { float64DenseDecoder } from '../src/decoders/float64-dense-decoder.js';
import { batchedPullbackMetric } from '../src/metrics/batched-pullback-metric.js';
import { completeMetric } from '../src/metrics/complete-metric.js';
import { pullbackMetric } from '../src/metrics/pullback-metric.js';
import { gaussianOutput } from '../src/outputs/output-families.js';
import { fitRbfVariance } from '../src/variance/rbf-variance.js';
import type { MnistDecoderModel } from './mnist-decoder.js';

const add = (a: Float64Array, b: Float64Array): Float64Array => a.map((x, i) => x + b[i]!);

/** The sum of two metrics on the same latent space (energy densities and derivatives add). */
export function sumMetrics(a: LatentMetric, b: LatentMetric): LatentMetric {
  const ca = completeMetric(a);
  const cb = completeMetric(b);
  return {
    dimension: ca.dimension,
    metric: (z) => add(ca.metric(z), cb.metric(z)),
    metricBatch: (Z, n) => add(ca.metricBatch(Z, n), cb.metricBatch(Z, n)),
    metricDerivative: (z) => add(ca.metricDerivative(z), cb.metricDerivative(z)),
    energyDensity: (Z, V, n): EnergyDensity => {
      const ea = ca.energyDensity(Z, V, n);
      const eb = cb.energyDensity(Z, V, n);
      return {
        quad: add(ea.quad, eb.quad),
        metricTimesVelocity: add(ea.metricTimesVelocity, eb.metricTimesVelocity),
        positionGradient: add(ea.positionGradient, eb.positionGradient),
      };
    },
  };
}

/**
 * Fits σ(z) to the squared reconstruction residuals of the first `n` training digits (32 k-means centres,
 * ζ = 1e-3, seeded) and returns the metrics with and without it (both with unit output σ, i.e. J_μᵀJ_μ and
 * J_μᵀJ_μ + J_σᵀJ_σ; length ratios do not depend on a constant scale).
 */
export function mnistVarianceMetrics(
  model: MnistDecoderModel,
  n = 1000,
  iterations = 100,
): { mean: LatentMetric; withVariance: LatentMetric } {
  const dec = float64DenseDecoder(model.layers, gaussianOutput(1));
  const { images } = loadMnist(n);
  const codes = model.codes.subarray(0, 2 * n);
  const mu = dec.decodeBatch(codes, n);
  const R = new Float64Array(n * 784);
  for (let i = 0; i < R.length; i++) R[i] = (images[i]! - mu[i]!) ** 2;
  const sigma = fitRbfVariance(codes, 2, R, 784, { rng: createRng(2018), centres: 32, iterations });
  const mean = batchedPullbackMetric(dec);
  return { mean, withVariance: sumMetrics(mean, pullbackMetric(sigma, { output: gaussianOutput(1) })) };
}
