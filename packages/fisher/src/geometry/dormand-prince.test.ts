import { InvalidArgumentError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { dormandPrince } from './dormand-prince.js';

describe('dormandPrince', () => {
  it('integrates y′ = y and a harmonic oscillator within the tolerance', () => {
    const r = dormandPrince((_t, y) => Float64Array.of(y[0]!), 0, [1], 2);
    expect(r.converged).toBe(true);
    expect(Math.abs(r.y[0]! - Math.exp(2)) / Math.exp(2)).toBeLessThan(1e-9);
    const o = dormandPrince((_t, y) => Float64Array.of(y[1]!, -y[0]!), 0, [1, 0], 10, {
      rtol: 1e-12,
      atol: 1e-14,
    });
    expect(Math.abs(o.y[0]! - Math.cos(10))).toBeLessThan(1e-10);
    expect(o.steps).toBeGreaterThan(10);
  });

  it('controls the step size: looser tolerance, fewer steps', () => {
    const f = (_t: number, y: Float64Array) => Float64Array.of(y[1]!, -y[0]!);
    const tight = dormandPrince(f, 0, [1, 0], 10, { rtol: 1e-12 });
    const loose = dormandPrince(f, 0, [1, 0], 10, { rtol: 1e-5 });
    expect(loose.steps).toBeLessThan(tight.steps);
  });

  it('reports leaving the domain and exhausting the step budget', () => {
    // y′ = −1 from y = 1 reaches the boundary y = 0 at t = 1; the domain is y > 0.
    const f = (_t: number, y: Float64Array) => {
      if (!(y[0]! > 0)) throw new InvalidArgumentError('y', y[0], '> 0');
      return Float64Array.of(-1);
    };
    const r = dormandPrince(f, 0, [1], 2);
    expect(r.converged).toBe(false);
    expect(r.reason).toBe('domain');
    expect(r.t).toBeLessThan(1);
    expect(r.t).toBeGreaterThan(0.99);
    const m = dormandPrince((_t, y) => Float64Array.of(y[1]!, -y[0]!), 0, [1, 0], 100, { maxSteps: 5 });
    expect(m.converged).toBe(false);
    expect(m.reason).toBe('max-steps');
  });

  it('rejects bad tolerances and honours an abort signal', () => {
    expect(() => dormandPrince((_t, y) => y, 0, [1], 1, { rtol: 0 })).toThrow(InvalidArgumentError);
    const c = new AbortController();
    c.abort();
    expect(() => dormandPrince((_t, y) => y, 0, [1], 1, { signal: c.signal })).toThrow(/aborted/);
  });
});
