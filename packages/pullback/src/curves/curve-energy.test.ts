import { createRng, gradient } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import type { LatentMetric } from '../decoders/decoder.js';
import { randomMlpDecoder } from '../decoders/mlp-decoder.js';
import { pullbackMetric } from '../metrics/pullback-metric.js';
import { categoricalOutput } from '../outputs/categorical-output.js';
import { bernoulliOutput, poissonOutput } from '../outputs/output-families.js';
import { halfPlane } from '../test-utils/analytic.js';
import { curveBasis } from './curve-basis.js';
import { curveEnergy, curveLength } from './curve-energy.js';

function checkGradient(metric: LatentMetric, Y: Float64Array, kind: 'spline' | 'polyline'): void {
  const n = Y.length / metric.dimension;
  const basis = curveBasis(kind, n - 1);
  const g = curveEnergy(metric, basis, Y).gradient;
  const gn = gradient((y) => curveEnergy(metric, basis, y).energy, Y);
  let scale = 0;
  for (const x of gn) scale = Math.max(scale, Math.abs(x));
  for (let i = 0; i < g.length; i++) expect(Math.abs(g[i]! - gn[i]!) / scale).toBeLessThan(1e-6);
}

function wiggly(n: number, d: number, rng: ReturnType<typeof createRng>, offset = 0): Float64Array {
  const Y = new Float64Array(n * d);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < d; k++)
      Y[i * d + k] = (k === 0 ? -1 + (2 * i) / (n - 1) : offset) + 0.3 * rng.normal();
  return Y;
}

describe('curve energy gradient (exact, with ∂G/∂z) against central differences', () => {
  const rng = createRng(11);
  it('Gaussian MLP decoder (linear-head path), spline and polyline', () => {
    const m = pullbackMetric(randomMlpDecoder([2, 10, 10, 12], createRng(1)));
    checkGradient(m, wiggly(7, 2, rng), 'spline');
    checkGradient(m, wiggly(7, 2, rng), 'polyline');
  });
  it('Bernoulli (logit), Poisson (log-rate), categorical (logits) outputs and a metric-only manifold', () => {
    checkGradient(
      pullbackMetric(randomMlpDecoder([2, 8, 6], createRng(2)), { output: bernoulliOutput('natural') }),
      wiggly(5, 2, rng),
      'spline',
    );
    checkGradient(
      pullbackMetric(randomMlpDecoder([2, 8, 6], createRng(3)), { output: poissonOutput('natural') }),
      wiggly(5, 2, rng),
      'spline',
    );
    checkGradient(
      pullbackMetric(randomMlpDecoder([2, 8, 5], createRng(4)), { output: categoricalOutput('natural') }),
      wiggly(5, 2, rng),
      'spline',
    );
    checkGradient(
      pullbackMetric(randomMlpDecoder([2, 8, 6], createRng(6), 'softplus', undefined), {
        output: poissonOutput('natural'),
      }),
      wiggly(5, 2, rng),
      'spline',
    );
    checkGradient(halfPlane(), wiggly(6, 2, rng, 2), 'spline');
  });
});

describe('curveLength', () => {
  it('straight line under the half-plane metric: ∫ 1/y', () => {
    // Vertical segment from y = 1 to y = 3: length ln 3.
    const nodes = [0, 1, 0, 1.5, 0, 2, 0, 2.5, 0, 3];
    expect(Math.abs(curveLength(halfPlane(), nodes) - Math.log(3))).toBeLessThan(1e-6);
  });
});
