import { createRng, jacobian } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import type { LatentMetric } from '../decoders/decoder.js';
import { mlpDecoder, randomMlpDecoder } from '../decoders/mlp-decoder.js';
import { pullbackMetric } from '../metrics/pullback-metric.js';
import { bernoulliOutput, gaussianOutput } from '../outputs/output-families.js';
import { halfPlane } from '../test-utils/analytic.js';
import { curveBasis } from './curve-basis.js';
import { curveEnergy } from './curve-energy.js';
import { curveEnergyHessians, shiftedNewtonInverse } from './curve-hessian.js';

function wiggly(n: number, rng: ReturnType<typeof createRng>, offset = 0): Float64Array {
  const Y = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    Y[2 * i] = -1 + (2 * i) / (n - 1) + 0.3 * rng.normal();
    Y[2 * i + 1] = offset + 0.3 * rng.normal();
  }
  return Y;
}

/** Max |H − H_ref| / max |H_ref| with H_ref the central-difference Jacobian of the exact energy gradient. */
function hessianError(
  metric: LatentMetric,
  Y: Float64Array,
  kind: 'spline' | 'polyline',
  differences: 'central' | 'forward' = 'central',
): number {
  const n = Y.length / 2;
  const basis = curveBasis(kind, n - 1);
  const [H] = curveEnergyHessians(metric, basis, [Y], { differences });
  const ref = jacobian((y) => curveEnergy(metric, basis, y).gradient, Y, { step: 1e-5 }).data;
  let scale = 0;
  let err = 0;
  for (let i = 0; i < ref.length; i++) {
    scale = Math.max(scale, Math.abs(ref[i]!));
    err = Math.max(err, Math.abs(H![i]! - ref[i]!));
  }
  return err / scale;
}

describe('curveEnergyHessians against differences of the exact energy gradient', () => {
  const rng = createRng(5);
  it('Gaussian tanh MLP (sigmoid output), spline and polyline', () => {
    const dec = randomMlpDecoder([2, 8, 8, 6], createRng(3), 'tanh', gaussianOutput(0.5));
    const m = pullbackMetric(dec);
    expect(hessianError(m, wiggly(6, rng), 'spline')).toBeLessThan(1e-6);
    expect(hessianError(m, wiggly(6, rng), 'polyline')).toBeLessThan(1e-6);
  });

  it('Bernoulli output (θ-dependent Fisher) and the half-plane metric', () => {
    const dec = mlpDecoder(
      [
        {
          weights: Array.from({ length: 12 }, (_, i) => Math.sin(i + 1)),
          bias: [0.1, -0.2, 0.3, 0, 0.2, -0.1],
        },
        {
          weights: Array.from({ length: 30 }, (_, i) => 0.5 * Math.cos(i)),
          bias: [0, 0.1, -0.1, 0.2, 0],
          activation: 'sigmoid',
        },
      ],
      bernoulliOutput('mean'),
    );
    expect(hessianError(pullbackMetric(dec), wiggly(5, rng), 'spline')).toBeLessThan(1e-5);
    expect(hessianError(halfPlane(), wiggly(6, rng, 2), 'spline')).toBeLessThan(1e-6);
  });

  it("forward differences (the solvers' cheaper Newton model) are first-order accurate", () => {
    const m = pullbackMetric(randomMlpDecoder([2, 8, 8, 6], createRng(3), 'tanh', gaussianOutput(0.5)));
    const Y = wiggly(6, rng);
    const central = hessianError(m, Y, 'spline');
    const fwd = hessianError(m, Y, 'spline', 'forward');
    expect(fwd).toBeLessThan(1e-3);
    // O(h) with h = 1e-4: clearly less accurate than the central scheme, clearly better than h itself.
    expect(fwd).toBeGreaterThan(10 * central);
  });

  it('batched curves give the same Hessians as one at a time', () => {
    const m = pullbackMetric(randomMlpDecoder([2, 8, 5], createRng(6)));
    const basis = curveBasis('spline', 4);
    const A = wiggly(5, rng);
    const B = wiggly(5, rng);
    const [HA, HB] = curveEnergyHessians(m, basis, [A, B]);
    expect(Array.from(HA!)).toEqual(Array.from(curveEnergyHessians(m, basis, [A])[0]!));
    expect(Array.from(HB!)).toEqual(Array.from(curveEnergyHessians(m, basis, [B])[0]!));
  });
});

describe('shiftedNewtonInverse', () => {
  it('is the exact inverse of a positive definite matrix', () => {
    const H = Float64Array.of(4, 1, 0, 1, 3, 1, 0, 1, 2);
    const x = shiftedNewtonInverse(H, 3)(Float64Array.of(1, 2, 3));
    const back = [0, 1, 2].map((i) => H[3 * i]! * x[0]! + H[3 * i + 1]! * x[1]! + H[3 * i + 2]! * x[2]!);
    for (let i = 0; i < 3; i++) expect(back[i]).toBeCloseTo(i + 1, 12);
  });

  it('gives a descent direction for an indefinite matrix', () => {
    const H = Float64Array.of(1, 0, 0, -2);
    const inv = shiftedNewtonInverse(H, 2);
    const rng = createRng(2);
    for (let t = 0; t < 20; t++) {
      const g = Float64Array.of(rng.normal(), rng.normal());
      const p = inv(g);
      expect(g[0]! * p[0]! + g[1]! * p[1]!).toBeGreaterThan(0);
    }
  });
});
