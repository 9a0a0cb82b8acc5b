import { beta, weibull } from '@infogeom/distributions';
import { describe, expect, it } from 'vitest';
import { closedFormDistance } from './closed-form-distance.js';
import { geodesicDistance } from './geodesic-distance.js';

describe('geodesicDistance (beta and Weibull)', () => {
  it('beta: converged, symmetric, triangle inequality', () => {
    const [a, b, c] = [
      { alpha: 2, beta: 5 },
      { alpha: 0.5, beta: 0.7 },
      { alpha: 4, beta: 1.5 },
    ];
    const ab = geodesicDistance(beta, a, b);
    expect(ab.converged).toBe(true);
    expect(ab.method).toBe('shooting');
    const ba = geodesicDistance(beta, b, a);
    expect(Math.abs(ab.distance - ba.distance) / ab.distance).toBeLessThan(1e-8);
    const ac = geodesicDistance(beta, a, c).distance;
    const cb = geodesicDistance(beta, c, b).distance;
    expect(ab.distance).toBeLessThanOrEqual(ac + cb);
  });

  it('Weibull: converged, symmetric, triangle inequality, small-distance limit', () => {
    const [a, b, c] = [
      { scale: 1, shape: 1.5 },
      { scale: 3, shape: 0.8 },
      { scale: 0.4, shape: 4 },
    ];
    const ab = geodesicDistance(weibull, a, b, { method: 'numeric' });
    expect(ab.converged).toBe(true);
    // The closed form (Gumbel half-plane) agrees with the numerical solver.
    const closed = closedFormDistance(weibull, a, b)!;
    expect(Math.abs(ab.distance - closed) / closed).toBeLessThan(1e-6);
    expect(geodesicDistance(weibull, a, b).method).toBe('closed-form');
    const ba = geodesicDistance(weibull, b, a, { method: 'numeric' });
    expect(Math.abs(ab.distance - ba.distance) / ab.distance).toBeLessThan(1e-8);
    const ac = geodesicDistance(weibull, a, c, { method: 'numeric' }).distance;
    const cb = geodesicDistance(weibull, c, b, { method: 'numeric' }).distance;
    expect(ab.distance).toBeLessThanOrEqual(ac + cb);
    const q = { scale: 1 + 1e-4, shape: 1.5 - 1e-4 };
    const I = weibull.fisher({ scale: 1 + 5e-5, shape: 1.5 - 5e-5 });
    const lin = Math.sqrt((I.get(0, 0) - 2 * I.get(0, 1) + I.get(1, 1)) * 1e-8);
    expect(
      Math.abs(geodesicDistance(weibull, a, q, { method: 'numeric' }).distance - lin) / lin,
    ).toBeLessThan(1e-7);
  });
});
