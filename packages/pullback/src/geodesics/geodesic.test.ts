import { normal } from '@infogeom/distributions';
import { describe, expect, it } from 'vitest';
import { linearDecoder } from '../decoders/function-decoder.js';
import { completeMetric } from '../metrics/complete-metric.js';
import { pullbackMetric } from '../metrics/pullback-metric.js';
import { categoricalOutput } from '../outputs/categorical-output.js';
import { familyOutput } from '../outputs/family-output.js';
import { bernoulliOutput, gaussianScaleOutput, poissonOutput } from '../outputs/output-families.js';
import { halfPlane, sphereDecoder } from '../test-utils/analytic.js';
import { geodesics } from './batch-geodesics.js';
import { geodesic } from './geodesic.js';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('geodesic (default settings) on analytic cases', () => {
  it('linear decoder: ‖A(z₁ − z₀)‖', () => {
    const A = [1, 2, 0.5, -1, 3, 0.2, 0, 1.5, -2];
    const m = pullbackMetric(linearDecoder(A, 3, 3));
    const z0 = [0.1, -0.4, 1];
    const z1 = [1.3, 0.7, -0.6];
    const dz = z1.map((x, i) => x - z0[i]!);
    let s = 0;
    for (let i = 0; i < 3; i++)
      s += (A[i * 3]! * dz[0]! + A[i * 3 + 1]! * dz[1]! + A[i * 3 + 2]! * dz[2]!) ** 2;
    const r = geodesic(m, z0, z1);
    expect(r.converged).toBe(true);
    expect(rel(r.length, Math.sqrt(s))).toBeLessThan(1e-10);
  });

  it('sphere chart: great-circle distance to 1e-6', () => {
    const m = pullbackMetric(sphereDecoder());
    const a = [0.6, 0.2];
    const b = [2.1, 1.9];
    const p = (z: number[]): number[] => [
      Math.sin(z[0]!) * Math.cos(z[1]!),
      Math.sin(z[0]!) * Math.sin(z[1]!),
      Math.cos(z[0]!),
    ];
    const pa = p(a);
    const pb = p(b);
    const exact = Math.acos(pa[0]! * pb[0]! + pa[1]! * pb[1]! + pa[2]! * pb[2]!);
    const r = geodesic(m, a, b);
    expect(r.converged).toBe(true);
    expect(rel(r.length, exact)).toBeLessThan(1e-6);
    const e = geodesic(m, a, b, { refine: false });
    expect(rel(e.length, exact)).toBeLessThan(1e-6);
  });

  it('Poincaré half-plane: a pair whose straight line is > 3× the geodesic, to 1e-4', () => {
    const m = halfPlane();
    const a = [-1, 0.1];
    const b = [1, 0.1];
    const exact = Math.acosh(1 + 4 / (2 * 0.1 * 0.1));
    expect(20 / exact).toBeGreaterThan(3);
    const r = geodesic(m, a, b);
    expect(r.converged).toBe(true);
    expect(rel(r.length, exact)).toBeLessThan(1e-4);
    const e = geodesic(m, a, b, { refine: false });
    expect(e.converged).toBe(true);
    expect(rel(e.length, exact)).toBeLessThan(1e-4);
  });

  it('softmax decoder onto the whole simplex: 2·arccos Σ√(pq) to 1e-6', () => {
    const m = pullbackMetric(linearDecoder([1, 0, 0, 1, 0, 0], 3, 2), {
      output: categoricalOutput('natural'),
    });
    const soft = (z: number[]): number[] => {
      const e = [Math.exp(z[0]!), Math.exp(z[1]!), 1];
      const s = e[0]! + e[1]! + e[2]!;
      return e.map((x) => x / s);
    };
    const a = [2, -1];
    const b = [-1.5, 1];
    const p = soft(a);
    const q = soft(b);
    const exact = 2 * Math.acos(p.reduce((s, x, i) => s + Math.sqrt(x * q[i]!), 0));
    const r = geodesic(m, a, b);
    expect(r.converged).toBe(true);
    expect(rel(r.length, exact)).toBeLessThan(1e-6);
  });

  it('Gaussian with σ(z) (and the registered normal family): the Fisher–Rao distance of normals', () => {
    // Decoder z ↦ (μ, σ) = (z₁, z₂): G = diag(1, 2)/σ², d = √2·arccosh(1 + (Δμ²/2 + Δσ²)/(2σ₁σ₂)).
    const id = linearDecoder([1, 0, 0, 1], 2, 2);
    const a = [-1, 0.5];
    const b = [2, 1.5];
    const exact = Math.SQRT2 * Math.acosh(1 + (9 / 2 + 1) / (2 * 0.5 * 1.5));
    const inDomain = { contains: (z: Float64Array) => z[1]! > 0 };
    for (const output of [gaussianScaleOutput(), familyOutput(normal, { mu: 0, sigma: 1 })]) {
      const r = geodesic(pullbackMetric(id, { output, ...inDomain }), a, b);
      expect(r.converged).toBe(true);
      expect(rel(r.length, exact)).toBeLessThan(1e-6);
    }
  });

  it('1-D Poisson latent (rate): 2|√λ₁ − √λ₀| to 1e-6', () => {
    const m = pullbackMetric(linearDecoder([1], 1, 1), {
      output: poissonOutput(),
      contains: (z) => z[0]! > 0,
    });
    const r = geodesic(m, [0.3], [7]);
    expect(r.converged).toBe(true);
    expect(rel(r.length, 2 * (Math.sqrt(7) - Math.sqrt(0.3)))).toBeLessThan(1e-6);
  });

  it('1-D Bernoulli latent: 2|asin√p₁ − asin√p₀| to 1e-6', () => {
    const m = pullbackMetric(linearDecoder([1], 1, 1), { output: bernoulliOutput('natural') });
    const sig = (x: number): number => 1 / (1 + Math.exp(-x));
    const r = geodesic(m, [-2], [3]);
    const exact = 2 * Math.abs(Math.asin(Math.sqrt(sig(3))) - Math.asin(Math.sqrt(sig(-2))));
    expect(r.converged).toBe(true);
    expect(rel(r.length, exact)).toBeLessThan(1e-6);
  });
});

describe('geodesic at a rounding floor', () => {
  it('skips the shooting polish by default on a float32-level metric (its noise stalls rtol-1e-10 steps)', () => {
    let calls = 0;
    const counted = (roundoff?: number) => {
      const m = completeMetric(halfPlane());
      return {
        ...m,
        ...(roundoff !== undefined ? { roundoff } : {}),
        christoffelContractionBatch(Z: Float64Array, V: Float64Array, n: number) {
          calls++;
          return m.christoffelContractionBatch(Z, V, n);
        },
      };
    };
    const a = [-1, 1];
    const b = [1.5, 0.5];
    const f32 = geodesic(counted(2 ** -24), a, b);
    expect(f32.method).toBe('energy');
    expect(calls).toBe(0);
    expect(geodesics(counted(2 ** -24), [[a, b]])[0]!.method).toBe('energy');
    expect(calls).toBe(0);
    const forced = geodesic(counted(2 ** -24), a, b, { refine: true });
    expect(calls).toBeGreaterThan(0);
    expect(forced.method).toBe('shooting');
    calls = 0;
    expect(geodesic(counted(), a, b).method).toBe('shooting'); // float64: polished by default
    expect(calls).toBeGreaterThan(0);
  });

  it('stops soon after the residual stops falling (float32-like noise in the energy density)', () => {
    // The half-plane metric with its density perturbed by a deterministic relative 1e-7 "rounding" —
    // the floor a float32 decoder puts under the residual.
    const exact = completeMetric(halfPlane());
    const noise = (x: number): number => {
      const s = Math.sin(x * 12.9898e3) * 43758.5453;
      return 1 + 1e-7 * (2 * (s - Math.floor(s)) - 1);
    };
    const noisy = {
      ...exact,
      roundoff: 1e-7,
      energyDensity(Z: Float64Array, V: Float64Array, n: number) {
        const e = exact.energyDensity(Z, V, n);
        for (let i = 0; i < n; i++) e.quad[i]! *= noise(Z[2 * i]! + 3 * V[2 * i + 1]!);
        for (let i = 0; i < 2 * n; i++) {
          e.metricTimesVelocity[i]! *= noise(Z[i]! + 7 * V[i]!);
          e.positionGradient[i]! *= noise(5 * Z[i]! - V[i]!);
        }
        return e;
      },
    };
    const clean = geodesic(exact, [-1, 1], [1.5, 0.5], { refine: false });
    const r = geodesic(noisy, [-1, 1], [1.5, 0.5], { refine: false, tol: 1e-10 });
    expect(clean.converged).toBe(true);
    // The floor is far above 1e-10; the solver reports it and stops within a few iterations of reaching it.
    expect(r.residual).toBeGreaterThan(1e-10);
    expect(r.residual).toBeLessThan(1e-4);
    expect(r.converged).toBe(true); // within √tol after stagnating
    expect(r.iterations).toBeLessThan(clean.iterations + 12); // 36 without the residual rule
    expect(Math.abs(r.length - clean.length) / clean.length).toBeLessThan(1e-6);
    // The same noise in a metric that claims float64 arithmetic: the energy keeps falling by far more than
    // 16·2⁻⁵³ while the residual stalls, which counts as progress, not a floor — the residual rule does not
    // stop it (it runs on until the line search stalls).
    const { roundoff: _declared, ...claimsFloat64 } = noisy;
    const slow = geodesic(claimsFloat64, [-1, 1], [1.5, 0.5], {
      refine: false,
      tol: 1e-10,
      maxIterations: 60,
    });
    expect(slow.iterations).toBeGreaterThan(clean.iterations + 12);
  });
});
