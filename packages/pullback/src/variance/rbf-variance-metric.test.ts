import {
  createRng,
  DenseMatrix,
  DimensionMismatchError,
  eigh,
  InvalidArgumentError,
  NonFiniteError,
  type Rng,
} from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import type { LatentMetric } from '../decoders/decoder.js';
import { completeMetric } from '../metrics/complete-metric.js';
import { pullbackMetric } from '../metrics/pullback-metric.js';
import { gaussianOutput } from '../outputs/output-families.js';
import { fitRbfVariance, type RbfVariance, rbfVarianceDecoder } from './rbf-variance.js';
import { rbfVarianceMetric } from './rbf-variance-metric.js';

/** max |a − b| / max |b|. */
const rel = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num = Math.max(num, Math.abs(a[i]! - b[i]!));
    den = Math.max(den, Math.abs(b[i]!));
  }
  expect(a.length).toBe(b.length);
  expect(den).toBeGreaterThan(0);
  return num / den;
};

/** A random network: K centres in [−1, 1]ᵈ, λ ∈ [0.5, 2], W ≥ 0 with some exact zeros. */
function randomNetwork(d: number, D: number, K: number, rng: Rng): RbfVariance {
  const C = Float64Array.from({ length: K * d }, () => 2 * rng.uniform() - 1);
  const L = Float64Array.from({ length: K }, () => 0.5 + 1.5 * rng.uniform());
  const W = Float64Array.from({ length: D * K }, () => (rng.uniform() < 0.2 ? 0 : 3 * rng.uniform()));
  return rbfVarianceDecoder(C, L, W, 0.05, d, D);
}

/** A network fitted to codes uniform in [−1, 1]ᵈ whose D outputs' residual levels vary along different directions. */
function fittedNetwork(d: number, rng: Rng): RbfVariance {
  const n = 150;
  const D = 10;
  const codes = points(d, n, rng, 1);
  const res: number[] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < D; j++) {
      let s = j;
      for (let k = 0; k < d; k++) s += (1 + ((j + k) % 3)) * codes[i * d + k]!;
      res.push(0.01 * Math.exp(2 * Math.sin(s)) * (1 + 0.2 * rng.normal()) ** 2);
    }
  return fitRbfVariance(codes, d, res, D, { rng, centres: 12, iterations: 50 });
}

function points(d: number, n: number, rng: Rng, scale = 1.2): Float64Array {
  return Float64Array.from({ length: n * d }, () => scale * (2 * rng.uniform() - 1));
}

/**
 * All products against the pullback of the decoder. Off the data a fitted σ is flat, G ≈ 0 and Γ = G⁻¹r
 * is ill-conditioned (rounding differences grow by cond G), so fitted networks are compared inside the data.
 */
function compareWithPullback(net: RbfVariance, rng: Rng, Z: Float64Array): void {
  const d = net.latentDimension;
  const fast = rbfVarianceMetric(net);
  const ref = completeMetric(pullbackMetric(net, { output: gaussianOutput(1) }));
  const n = Z.length / d;
  const V = points(d, n, rng, 1);
  expect(rel(fast.metricBatch!(Z, n), ref.metricBatch(Z, n))).toBeLessThan(1e-10);
  const e = fast.energyDensity!(Z, V, n);
  const er = ref.energyDensity(Z, V, n);
  expect(rel(e.quad, er.quad)).toBeLessThan(1e-10);
  expect(rel(e.metricTimesVelocity, er.metricTimesVelocity)).toBeLessThan(1e-10);
  expect(rel(e.positionGradient, er.positionGradient)).toBeLessThan(1e-10);
  // Γ = G⁻¹r to 1e-10 at codes where G is well conditioned (checked, so the comparison is meaningful).
  const Gs = fast.metricBatch!(Z, n);
  const gamma = fast.christoffelContractionBatch!(Z, V, n);
  const gammaRef = ref.christoffelContractionBatch(Z, V, n);
  for (let p = 0; p < n; p++) {
    const ev = eigh(new DenseMatrix(d, d, Gs.slice(p * d * d, (p + 1) * d * d))).values;
    expect(ev[d - 1]! / ev[0]!).toBeLessThan(1e4);
  }
  expect(rel(gamma, gammaRef)).toBeLessThan(1e-10);
  for (let p = 0; p < n; p++) {
    const z = Z.slice(p * d, (p + 1) * d);
    const v = V.slice(p * d, (p + 1) * d);
    expect(rel(fast.metric(z), ref.metric(z))).toBeLessThan(1e-10);
    expect(rel(fast.metricDerivative!(z), ref.metricDerivative(z))).toBeLessThan(1e-10);
    expect(Array.from(fast.christoffelContraction!(z, v))).toEqual(
      Array.from(gamma.subarray(p * d, (p + 1) * d)),
    );
  }
}

/** Central differences of vᵀG(z)v and of G(z) in z (h = 1e-5). */
function checkAgainstDifferences(m: LatentMetric, z: Float64Array, v: Float64Array): void {
  const d = m.dimension;
  const d2 = d * d;
  const h = 1e-5;
  const quad = (x: Float64Array): number => m.energyDensity!(x, v, 1).quad[0]!;
  const pg = m.energyDensity!(z, v, 1).positionGradient;
  const dG = m.metricDerivative!(z);
  const num = new Float64Array(d);
  const numG = new Float64Array(d * d2);
  for (let k = 0; k < d; k++) {
    const zp = z.slice();
    const zm = z.slice();
    zp[k]! += h;
    zm[k]! -= h;
    num[k] = (quad(zp) - quad(zm)) / (2 * h);
    const Gp = m.metric(zp);
    const Gm = m.metric(zm);
    for (let i = 0; i < d2; i++) numG[k * d2 + i] = (Gp[i]! - Gm[i]!) / (2 * h);
  }
  expect(rel(pg, num)).toBeLessThan(1e-7);
  expect(rel(dG, numG)).toBeLessThan(1e-7);
}

describe('rbfVarianceMetric', () => {
  it('equals the pullback of the variance decoder (G, ∂G, energy density, Γ) in d = 2', () => {
    const rng = createRng(11);
    compareWithPullback(randomNetwork(2, 7, 5, rng), rng, points(2, 9, rng));
    compareWithPullback(fittedNetwork(2, rng), rng, points(2, 9, rng, 0.8));
  });

  it('equals the pullback of the variance decoder (G, ∂G, energy density, Γ) in d = 3', () => {
    const rng = createRng(12);
    compareWithPullback(randomNetwork(3, 6, 4, rng), rng, points(3, 9, rng));
    compareWithPullback(fittedNetwork(3, rng), rng, points(3, 9, rng, 0.8));
  });

  it('the energy-density gradient and ∂G match central differences (d = 1, 2, 3)', () => {
    const rng = createRng(13);
    for (const d of [1, 2, 3]) {
      const m = rbfVarianceMetric(randomNetwork(d, 4, 3, rng));
      for (let t = 0; t < 3; t++) checkAgainstDifferences(m, points(d, 1, rng), points(d, 1, rng));
    }
  });

  it('matches 1-D closed forms: β = w e^(−λz²) + ζ, G = ¼β⁻³β′²', () => {
    const w = 2;
    const l = 0.7;
    const zeta = 0.3;
    const m = rbfVarianceMetric(
      rbfVarianceDecoder(Float64Array.of(0), Float64Array.of(l), Float64Array.of(w), zeta, 1, 1),
    );
    for (const z of [-1.3, -0.2, 0, 0.4, 2.5]) {
      const e = Math.exp(-l * z * z);
      const b = w * e + zeta;
      const bp = -2 * l * z * w * e;
      expect(m.metric(Float64Array.of(z))[0]).toBeCloseTo((0.25 * bp * bp) / b ** 3, 14);
    }
  });

  it('splits large batches into blocks without changing the result', () => {
    const rng = createRng(14);
    const net = randomNetwork(2, 3000, 3, rng); // ≈ 58 codes per block of energy densities
    const m = rbfVarianceMetric(net);
    const n = 150;
    const Z = points(2, n, rng);
    const V = points(2, n, rng);
    const all = m.energyDensity!(Z, V, n);
    const G = m.metricBatch!(Z, n);
    const gamma = m.christoffelContractionBatch!(Z, V, n);
    for (const p of [0, 57, 58, 149]) {
      const z = Z.slice(2 * p, 2 * p + 2);
      const v = V.slice(2 * p, 2 * p + 2);
      const one = m.energyDensity!(z, v, 1);
      expect(all.quad[p]).toBe(one.quad[0]);
      expect(Array.from(all.positionGradient.subarray(2 * p, 2 * p + 2))).toEqual(
        Array.from(one.positionGradient),
      );
      expect(Array.from(G.subarray(4 * p, 4 * p + 4))).toEqual(Array.from(m.metric(z)));
      expect(Array.from(gamma.subarray(2 * p, 2 * p + 2))).toEqual(
        Array.from(m.christoffelContraction!(z, v)),
      );
    }
  });

  it('rejects inconsistent networks and codes where β ≤ 0', () => {
    const C = Float64Array.of(0, 0);
    const L = Float64Array.of(1);
    expect(() => rbfVarianceMetric(rbfVarianceDecoder(C, L, Float64Array.of(1, 2), 0.1, 2, 1))).toThrow(
      DimensionMismatchError,
    );
    const neg = rbfVarianceMetric(rbfVarianceDecoder(C, L, Float64Array.of(-1), 0.1, 2, 1));
    expect(() => neg.metric(Float64Array.of(0, 0))).toThrow(InvalidArgumentError);
    expect(neg.metric(Float64Array.of(3, 0))[0]).toBeGreaterThan(0);
    const ok = rbfVarianceMetric(rbfVarianceDecoder(C, L, Float64Array.of(1), 0.1, 2, 1));
    expect(() => ok.metric(Float64Array.of(Number.NaN, 0))).toThrow(NonFiniteError);
    expect(() =>
      ok.energyDensity!(Float64Array.of(0, 0), Float64Array.of(Number.POSITIVE_INFINITY, 0), 1),
    ).toThrow(NonFiniteError);
    expect(() => ok.metric(Float64Array.of(0, 0, 0))).toThrow(DimensionMismatchError);
    expect(() => ok.metricBatch!(Float64Array.of(0, 0), 0.5)).toThrow(InvalidArgumentError);
    expect(() => ok.metricBatch!(Float64Array.of(0, 0), 2)).toThrow(DimensionMismatchError);
  });
});
