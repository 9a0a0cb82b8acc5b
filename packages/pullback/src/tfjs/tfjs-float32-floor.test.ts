import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnistDecoder, mnistBenchPairs } from '../../bench/mnist-decoder.js';
import { useFastestBackend } from '../../bench/tfjs-backend.js';
import type { LatentMetric } from '../decoders/decoder.js';
import { float64DenseDecoder } from '../decoders/float64-dense-decoder.js';
import { EnergyGeodesicSolver } from '../geodesics/energy-geodesic.js';
import { geodesic } from '../geodesics/geodesic.js';
import { polylineEnergy } from '../geodesics/polyline-energy.js';
import { polylineGeodesic } from '../geodesics/polyline-geodesic.js';
import { batchedPullbackMetric } from '../metrics/batched-pullback-metric.js';
import { gaussianOutput } from '../outputs/output-families.js';
import { tfjsDenseNetwork } from './dense-network.js';
import { tfjsDecoder } from './tfjs-decoder.js';

// On the committed MNIST decoder, float32 rounding makes the curve energy noisy at ≈ 1e-7 relative — more
// than a good step decreases it near the optimum — while the gradient is still 20–50× above its own
// rounding floor. The solvers' line search treats changes within 2·2·2⁻²⁴·|E| as noise (then the gradient
// norm must fall): before, the energy solve stopped at residual 7.4e-5 (pair 0) and the polyline solve
// of pair 3 gave up unconverged at 2.0e-3, backtracking to steps that round to the same point.

beforeAll(async () => {
  await useFastestBackend();
});

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

/** The energy solver's residual ‖∇E‖·‖z₁ − z₀‖/(2E) of the curve with nodes Y under `metric`. */
function energyResidual(metric: LatentMetric, z0: Float64Array, z1: Float64Array, Y: Float64Array): number {
  const n = Y.length / 2;
  const e = new EnergyGeodesicSolver(metric, z0, z1, {
    nodes: n,
    init: Y,
    preconditioner: 'metric',
  }).evaluate(Y)!;
  let g = 0;
  for (let i = 2; i < (n - 1) * 2; i++) g += e.gradient[i]! ** 2;
  return (Math.sqrt(g) * Math.hypot(z1[0]! - z0[0]!, z1[1]! - z0[1]!)) / (2 * e.energy);
}

describe('tfjs (float32) geodesics on the MNIST decoder reach the float32 floor', () => {
  const m = loadMnistDecoder();
  const output = gaussianOutput(m.sigma);
  const d64 = float64DenseDecoder(m.layers, output);
  const metric64 = batchedPullbackMetric(d64);
  const net = tfjsDenseNetwork(m.layers);
  const d32 = tfjsDecoder(net.apply, { latentDimension: 2, outputDimension: 784, output, jvp: net.jvp });
  // The products by tfjs autodiff (through the tangent program), and by the network's hand-written passes.
  const dHand = tfjsDecoder(net.apply, { ...net.decoderOptions, output });
  const densities = [
    ['autodiff', d32, batchedPullbackMetric(d32)],
    ['hand-written reverse passes', dHand, batchedPullbackMetric(dHand)],
  ] as const;
  const pairs = mnistBenchPairs(m, 4);

  describe.each(densities)('products by %s', (_, dec32, metric32) => {
    it('the tfjs curve energy is unbiased: within 1e-7 of float64 on the same curve (4 pairs)', () => {
      // q summed in float64 from J v; a float32 sum over the 784 outputs was 5.9e-7 – 6.9e-7 low here, and
      // vᵀ(G v) with G v from a [n, 784] × [784, 64] float32 matmul 1.6e-7 – 3.6e-7 low.
      for (const [a, b] of pairs) {
        const Y = geodesic(metric64, a, b, { refine: false, tol: 1e-10 }).points;
        const at = (metric: LatentMetric) =>
          new EnergyGeodesicSolver(metric, a, b, { nodes: Y.length / 2, init: Y }).evaluate(Y)!.energy;
        expect(rel(at(metric32), at(metric64))).toBeLessThan(1e-7);
      }
    }, 120_000);

    it('energy geodesic (pair 0): within 3× the residual the tfjs density shows at the float64 solution', () => {
      const [a, b] = pairs[0]!;
      const before = tf.memory().numTensors;
      const exact = geodesic(metric64, a, b, { refine: false, tol: 1e-10 });
      const floor = energyResidual(metric32, a, b, exact.points);
      const r = geodesic(metric32, a, b, { refine: false });
      expect(floor).toBeGreaterThan(1e-6); // 1e-6 itself is out of float32's reach here
      expect(r.converged).toBe(true);
      expect(r.residual).toBeLessThan(3 * floor);
      expect(rel(r.length, exact.length)).toBeLessThan(1e-7);
      expect(tf.memory().numTensors).toBe(before);
    }, 120_000);

    it('polyline geodesic (pair 3): converges within 3× its float32 floor', () => {
      const [a, b] = pairs[3]!;
      const exact = polylineGeodesic(d64, a, b, { nodes: 32, tol: 1e-10 });
      const ev = polylineEnergy(dec32, output, exact.points, 1, 32);
      let g = 0;
      for (const x of ev.gradient) g += x * x;
      const floor = (Math.sqrt(g) * Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!)) / (2 * ev.energy[0]!);
      const r = polylineGeodesic(dec32, a, b, { nodes: 32 });
      expect(r.converged).toBe(true);
      expect(r.residual).toBeLessThan(3 * floor);
      expect(rel(r.length, exact.length)).toBeLessThan(1e-6);
    }, 120_000);
  });
});
