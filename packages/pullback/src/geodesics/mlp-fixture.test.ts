import { describe, expect, it } from 'vitest';
import { mlpDecoder } from '../decoders/mlp-decoder.js';
import { pullbackMetric } from '../metrics/pullback-metric.js';
import fixture from './fixtures/mlp_geodesics.json' with { type: 'json' };
import { geodesic } from './geodesic.js';

describe('Gaussian tanh MLP decoder against scipy solve_bvp (fixtures/generate_mlp_geodesics.py)', () => {
  const dec = mlpDecoder(fixture.layers.map((l, i) => ({ ...l, activation: i === 2 ? 'identity' : 'tanh' })));
  const m = pullbackMetric(dec);
  for (const p of fixture.pairs)
    it(`${JSON.stringify(p.z0)} → ${JSON.stringify(p.z1)}: length to 1e-6`, () => {
      const r = geodesic(m, p.z0, p.z1);
      expect(r.converged).toBe(true);
      expect(r.method).toBe('shooting');
      expect(Math.abs(r.length - p.length) / p.length).toBeLessThan(1e-6);
      // Energy minimisation alone on the 32-node spline: discretisation error only (measured ≤ 1.6e-5).
      const e = geodesic(m, p.z0, p.z1, { refine: false });
      expect(e.converged).toBe(true);
      expect(Math.abs(e.length - p.length) / p.length).toBeLessThan(5e-5);
      expect(e.length).toBeLessThan(p.straightLength);
    });
});
