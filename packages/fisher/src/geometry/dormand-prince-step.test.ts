import { describe, expect, it } from 'vitest';
import {
  DORMAND_PRINCE_NODES,
  dormandPrinceError,
  dormandPrinceStage,
  dormandPrinceStepFactor,
} from './dormand-prince-step.js';

/** One Dormand–Prince step of y′ = λy (y scalar, stored as length-1 arrays) from the building blocks. */
function stepLinear(lambda: number, h: number, y0: number): { y5: number; err: number } {
  const y = Float64Array.of(y0);
  const ks = Array.from({ length: 7 }, () => new Float64Array(1));
  const tmp = new Float64Array(1);
  ks[0]![0] = lambda * y0;
  for (let s = 1; s < 7; s++) {
    dormandPrinceStage(s, h, y, ks, tmp);
    ks[s]![0] = lambda * tmp[0]!;
  }
  const y5 = tmp[0]!;
  return { y5, err: dormandPrinceError(h, y, tmp, ks, 1, 0) * Math.max(Math.abs(y0), Math.abs(y5)) };
}

describe('Dormand–Prince building blocks', () => {
  it('stage states are consistent with the stage times: Σ_r a_sr = c_s (checked with k ≡ 1)', () => {
    const ks = Array.from({ length: 7 }, () => Float64Array.of(1));
    const out = new Float64Array(1);
    for (let s = 1; s < 7; s++) {
      dormandPrinceStage(s, 1, Float64Array.of(0), ks, out);
      expect(out[0]).toBeCloseTo(DORMAND_PRINCE_NODES[s]!, 14);
    }
  });

  it('the fifth-order solution of y′ = y has local error O(h⁶) and the estimate is O(h⁵)', () => {
    const e1 = stepLinear(1, 0.1, 1);
    const e2 = stepLinear(1, 0.05, 1);
    const local1 = Math.abs(e1.y5 - Math.exp(0.1));
    const local2 = Math.abs(e2.y5 - Math.exp(0.05));
    // Halving h divides the local error by 2⁶ = 64 and the embedded estimate by 2⁵ = 32 (asymptotically).
    expect(local1 / local2).toBeGreaterThan(50);
    expect(local1 / local2).toBeLessThan(80);
    expect(e1.err / e2.err).toBeGreaterThan(25);
    expect(e1.err / e2.err).toBeLessThan(40);
    // The estimate is of the fourth-order solution's error, so it bounds the fifth-order one.
    expect(e1.err).toBeGreaterThan(local1);
  });

  it('the error norm is the RMS over the leading entries only', () => {
    const y = Float64Array.of(1, 1);
    const yNew = Float64Array.of(1, 1);
    const ks = Array.from({ length: 7 }, (_, s) => Float64Array.of(s === 0 ? 1 : 0, s === 0 ? 1e9 : 0));
    // h e₀ k₀ / atol with e₀ = 71/57600, atol = 1, rtol = 0.
    expect(dormandPrinceError(1, y, yNew, ks, 0, 1, 1)).toBeCloseTo(71 / 57600, 15);
    expect(dormandPrinceError(1, y, yNew, ks, 0, 1)).toBeCloseTo((1e9 * 71) / 57600 / Math.SQRT2, 3);
  });

  it('step factor: grows at most 5× after an accepted step, shrinks at most 5× after a rejected or NaN one', () => {
    expect(dormandPrinceStepFactor(0)).toBe(5);
    expect(dormandPrinceStepFactor(1)).toBeCloseTo(0.9, 15);
    expect(dormandPrinceStepFactor(0.5)).toBeCloseTo(0.9 * 0.5 ** -0.2, 15);
    expect(dormandPrinceStepFactor(2)).toBeCloseTo(0.9 * 2 ** -0.2, 15);
    expect(dormandPrinceStepFactor(1e6)).toBe(0.2);
    expect(dormandPrinceStepFactor(Number.NaN)).toBe(0.2);
    expect(dormandPrinceStepFactor(Number.POSITIVE_INFINITY)).toBe(0.2);
  });
});
