import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../core/errors.js';
import { gammaincLower } from '../special/gamma.js';
import { createRng } from './rng.js';
import { sampleGamma } from './sample-gamma.js';
import { expectMoments, ksStatistic } from './test-utils/stats.js';

describe('sampleGamma (shape, rate)', () => {
  it.each([
    [0.3, 1],
    [1, 2],
    [2.5, 0.5],
    [40, 4],
  ])('shape %d, rate %d: mean k/β, variance k/β²', (k, rate) => {
    const rng = createRng(Math.round(k * 1000 + rate));
    const xs = Float64Array.from({ length: 60000 }, () => sampleGamma(rng, k, rate));
    expectMoments(xs, k / rate, k / (rate * rate));
  });

  it('passes a Kolmogorov–Smirnov test against the regularised incomplete gamma', () => {
    const rng = createRng(4);
    const xs = Float64Array.from({ length: 40000 }, () => sampleGamma(rng, 1.7, 3));
    expect(ksStatistic(xs, (x) => gammaincLower(1.7, 3 * x))).toBeLessThan(1.95);
  });

  it('rejects non-positive or non-finite parameters', () => {
    const rng = createRng(0);
    expect(() => sampleGamma(rng, 0)).toThrow(InvalidArgumentError);
    expect(() => sampleGamma(rng, 1, -1)).toThrow(/rate/);
    expect(() => sampleGamma(rng, Number.NaN)).toThrow(/shape/);
  });
});
