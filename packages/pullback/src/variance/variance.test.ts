import { createRng } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { decoderOps } from '../decoders/decoder-ops.js';
import { functionDecoder, linearDecoder } from '../decoders/function-decoder.js';
import { stackDecoders } from '../decoders/stack-decoders.js';
import { ensembleMetric } from '../metrics/ensemble-metric.js';
import { pullbackMetric } from '../metrics/pullback-metric.js';
import { kMeans } from './k-means.js';
import { fitRbfVariance } from './rbf-variance.js';

describe('k-means and the RBF variance network', () => {
  it('k-means finds two separated clusters', () => {
    const rng = createRng(1);
    const X: number[] = [];
    for (let i = 0; i < 50; i++)
      X.push(rng.normal() * 0.1, rng.normal() * 0.1, 5 + rng.normal() * 0.1, 5 + rng.normal() * 0.1);
    const r = kMeans(X, 2, 2, rng);
    expect(r.converged).toBe(true);
    const c = [r.centres[0]!, r.centres[2]!].sort((a, b) => a - b);
    expect(Math.abs(c[0]!)).toBeLessThan(0.1);
    expect(Math.abs(c[1]! - 5)).toBeLessThan(0.1);
  });

  it('σ(z) is small on the data, grows to 1/√ζ off it; W ≥ 0; the stacked metric grows off the data', () => {
    const rng = createRng(2);
    const n = 200;
    const codes: number[] = [];
    const res: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = 2 * Math.PI * rng.uniform();
      codes.push(Math.cos(t) + 0.05 * rng.normal(), Math.sin(t) + 0.05 * rng.normal());
      res.push(0.01 * (1 + 0.1 * rng.normal()) ** 2, 0.02);
    }
    const sig = fitRbfVariance(codes, 2, res, 2, { rng, centres: 16, zeta: 1e-2 });
    for (const w of sig.weights) expect(w).toBeGreaterThanOrEqual(0);
    const on = sig.decode(Float64Array.of(1, 0));
    expect(Math.abs(on[0]! - 0.1)).toBeLessThan(0.03);
    expect(Math.abs(on[1]! - Math.sqrt(0.02))).toBeLessThan(0.04);
    const off = sig.decode(Float64Array.of(6, 6));
    expect(Math.abs(off[0]! - 10)).toBeLessThan(1e-6);
    // Analytic derivatives of σ(z) against differences.
    const fd = decoderOps(functionDecoder({ latentDimension: 2, outputDimension: 2, decode: sig.decode }));
    const z = Float64Array.of(0.7, 0.4);
    const v = Float64Array.of(0.3, -0.2);
    const J = sig.jacobian(z);
    const Jn = functionDecoder({ latentDimension: 2, outputDimension: 2, decode: sig.decode }).jacobian(z);
    for (let i = 0; i < 4; i++)
      expect(Math.abs(J[i]! - Jn[i]!)).toBeLessThan(1e-7 * Math.max(1, Math.abs(Jn[i]!)));
    const h = sig.secondDirectional!(z, v);
    const hn = fd.secondDirectional(z, v);
    for (let i = 0; i < 2; i++)
      expect(Math.abs(h[i]! - hn[i]!)).toBeLessThan(1e-5 * Math.max(1, Math.abs(hn[i]!)));
    const u = Float64Array.of(0.8, -1.1);
    const so = sig.secondOrder!(z, u, v);
    const son = fd.secondOrder(z, u, v);
    for (let i = 0; i < 2; i++)
      expect(Math.abs(so[i]! - son[i]!)).toBeLessThan(1e-5 * Math.max(1, Math.abs(son[i]!)));
    // The second-order product is symmetric in its two directions: ∇(uᵀJv)·w = ∇(uᵀJw)·v.
    const w = Float64Array.of(-0.4, 0.9);
    const sv = sig.secondOrder!(z, u, v);
    const sw = sig.secondOrder!(z, u, w);
    expect(sv[0]! * w[0]! + sv[1]! * w[1]!).toBeCloseTo(sw[0]! * v[0]! + sw[1]! * v[1]!, 12);
    const mean = linearDecoder([1, 0, 0, 1], 2, 2);
    const m = pullbackMetric(stackDecoders([mean, sig]));
    const det = (g: Float64Array): number => g[0]! * g[3]! - g[1]! * g[2]!;
    const onData = det(m.metric(Float64Array.of(1, 0)));
    // J_σ is large where σ climbs from the data level to 1/√ζ: inside and outside the ring.
    expect(det(m.metric(Float64Array.of(1.4, 0)))).toBeGreaterThan(10 * onData);
    expect(det(m.metric(Float64Array.of(0.5, 0)))).toBeGreaterThan(10 * onData);
  });

  it('ensemble metric is the mean of the members', () => {
    const a = pullbackMetric(linearDecoder([1, 0, 0, 2], 2, 2));
    const b = pullbackMetric(linearDecoder([3, 0, 0, 1], 2, 2));
    const g = ensembleMetric([a, b]).metric(Float64Array.of(0, 0));
    expect(Array.from(g)).toEqual([5, 0, 0, 2.5]);
  });
});
