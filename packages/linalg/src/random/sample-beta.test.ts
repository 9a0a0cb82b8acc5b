import { describe, expect, it } from 'vitest';
import { createRng } from './rng.js';
import { sampleBeta } from './sample-beta.js';
import { expectMoments } from './test-utils/stats.js';

describe('sampleBeta', () => {
  it.each([
    [0.5, 0.5],
    [2, 5],
    [0.2, 3],
    [30, 10],
  ])('Beta(%d, %d) has mean a/(a+b) and variance ab/((a+b)²(a+b+1))', (a, b) => {
    const rng = createRng(Math.round(a * 100 + b));
    const xs = Float64Array.from({ length: 60000 }, () => sampleBeta(rng, a, b));
    const s = a + b;
    expectMoments(xs, a / s, (a * b) / (s * s * (s + 1)));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(1);
  });

  it('rejects bad shapes naming the argument', () => {
    const rng = createRng(0);
    expect(() => sampleBeta(rng, 0, 1)).toThrow(/Invalid a:/);
    expect(() => sampleBeta(rng, 1, Number.POSITIVE_INFINITY)).toThrow(/Invalid b:/);
  });
});
