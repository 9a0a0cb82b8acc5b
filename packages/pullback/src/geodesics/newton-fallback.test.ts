import { describe, expect, it } from 'vitest';
import { loadMnistDecoder, mnistBenchPairs } from '../../bench/mnist-decoder.js';
import { float64DenseDecoder } from '../decoders/float64-dense-decoder.js';
import { batchedPullbackMetric } from '../metrics/batched-pullback-metric.js';
import { gaussianOutput } from '../outputs/output-families.js';
import { geodesic } from './geodesic.js';

// Pair 33 of the MNIST bench pairs: at 32 nodes its energy has several minima (lengths 134–142), and the
// Newton-preconditioned L-BFGS crawls along a flat valley (residual 2e-3 after 500 iterations, reported
// unconverged). After 150 iterations without coming within √tol the solver continues with the metric
// preconditioner and converges.
describe('geodesic: Newton preconditioner falls back to the metric one when it crawls', () => {
  it('converges on the committed MNIST decoder’s hard pair', () => {
    const m = loadMnistDecoder();
    const metric = batchedPullbackMetric(float64DenseDecoder(m.layers, gaussianOutput(m.sigma)));
    const [a, b] = mnistBenchPairs(m, 34)[33]!;
    const r = geodesic(metric, a, b, { refine: false });
    expect(r.converged).toBe(true);
    expect(r.residual).toBeLessThanOrEqual(1e-6);
    expect(r.iterations).toBeGreaterThan(150);
    expect(Array.from(r.points.subarray(0, 2))).toEqual(Array.from(a));
    expect(Array.from(r.points.subarray(-2))).toEqual(Array.from(b));
  }, 300_000); // ≈ 6 s alone; 40 s beside the other suites in CI
});
