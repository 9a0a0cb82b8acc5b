import { gamma, normal } from '@infogeom/distributions';
import { AbortError, ConvergenceError, InvalidArgumentError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { fisherRaoManifold } from './fisher-rao-manifold.js';
import { geodesicDistance } from './geodesic-distance.js';
import { relaxPath } from './path-relaxation.js';

type G = { shape: number; rate: number };
const d = (p: G, q: G) => geodesicDistance(gamma, p, q);

describe('geodesicDistance (gamma: numerical boundary-value solver)', () => {
  const a = { shape: 1, rate: 1 };
  const b = { shape: 5, rate: 0.5 };
  const c = { shape: 0.5, rate: 3 };

  it('converges by shooting; symmetric; triangle inequality', () => {
    const ab = d(a, b);
    expect(ab.method).toBe('shooting');
    expect(ab.converged).toBe(true);
    expect(ab.residual).toBeLessThan(1e-9);
    expect(Math.abs(ab.energy - ab.length ** 2)).toBeLessThan(1e-12 * ab.energy);
    const ba = d(b, a);
    expect(Math.abs(ab.distance - ba.distance) / ab.distance).toBeLessThan(1e-8);
    const ac = d(a, c).distance;
    const cb = d(c, b).distance;
    expect(ab.distance).toBeLessThanOrEqual(ac + cb);
  });

  it('agrees with discrete path relaxation (second order in the number of segments)', () => {
    const exact = d(a, b).distance;
    const M = fisherRaoManifold(gamma, a);
    const r32 = relaxPath(M, Float64Array.of(1, 1), Float64Array.of(5, 0.5), { segments: 32 });
    const r64 = relaxPath(M, Float64Array.of(1, 1), Float64Array.of(5, 0.5), { segments: 64 });
    expect(r64.converged).toBe(true);
    const e32 = Math.abs(r32.length - exact);
    const e64 = Math.abs(r64.length - exact);
    expect(e64 / exact).toBeLessThan(1e-3);
    expect(e32 / e64).toBeGreaterThan(3);
    // Richardson: (4 L₆₄ − L₃₂)/3 agrees far better.
    expect(Math.abs((4 * r64.length - r32.length) / 3 - exact) / exact).toBeLessThan(2e-5);
  });

  it('small-distance limit √(dθᵀ I dθ)', () => {
    const dt = [1e-4, -2e-4];
    const q = { shape: 2 + dt[0]!, rate: 3 + dt[1]! };
    const r = d({ shape: 2, rate: 3 }, q);
    const mid = { shape: 2 + dt[0]! / 2, rate: 3 + dt[1]! / 2 };
    const I = gamma.fisher(mid);
    const lin = Math.sqrt(
      I.get(0, 0) * dt[0]! ** 2 + 2 * I.get(0, 1) * dt[0]! * dt[1]! + I.get(1, 1) * dt[1]! ** 2,
    );
    expect(Math.abs(r.distance - lin) / lin).toBeLessThan(1e-7);
    expect(d(a, a).distance).toBe(0);
  });

  it('uses the closed form when there is one, unless asked for the numerical solver', () => {
    const r = geodesicDistance(normal, { mu: 0, sigma: 1 }, { mu: 1, sigma: 1 });
    expect(r.method).toBe('closed-form');
    const f = geodesicDistance(gamma, { shape: 2, rate: 1 }, { shape: 2, rate: 4 }, { freeze: ['shape'] });
    expect(f.method).toBe('closed-form');
    expect(f.distance).toBeCloseTo(Math.SQRT2 * Math.log(4), 14);
  });

  it('reports non-convergence, throws on request, honours abort and reports progress', () => {
    // An integrator budget of 3 steps cannot reach t = 1: shooting fails, the relaxed estimate is returned.
    const r = geodesicDistance(gamma, a, b, { ode: { maxSteps: 3 }, relaxationIterations: 5 });
    expect(r.converged).toBe(false);
    expect(r.method).toBe('relaxation');
    expect(r.distance).toBeGreaterThan(0);
    expect(() =>
      geodesicDistance(gamma, a, b, { ode: { maxSteps: 3 }, relaxationIterations: 5, throwOnFailure: true }),
    ).toThrow(ConvergenceError);
    const zero = geodesicDistance(gamma, a, b, { maxIterations: 0, relaxationIterations: 2 });
    expect(zero.converged).toBe(false);
    const ctl = new AbortController();
    const stages: string[] = [];
    expect(() =>
      geodesicDistance(gamma, a, b, {
        signal: ctl.signal,
        onProgress: (p) => {
          stages.push(p.stage);
          if (p.stage === 'shooting') ctl.abort('enough');
        },
      }),
    ).toThrow(AbortError);
    expect(stages).toContain('relaxation');
    expect(stages).toContain('shooting');
  });

  it('rejects invalid parameters with typed errors', () => {
    expect(() => d(a, { shape: -1, rate: 1 })).toThrow(InvalidArgumentError);
    expect(() => d({ shape: 1, rate: Number.NaN }, a)).toThrow(InvalidArgumentError);
  });
});
