import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../core/errors.js';
import { erfc } from '../special/error-function.js';
import { createRng } from './rng.js';
import { sampleNormal } from './sample-normal.js';
import { expectMoments, ksStatistic } from './test-utils/stats.js';

describe('sampleNormal', () => {
  it('matches Normal(mean, sd²) in moments and by Kolmogorov–Smirnov', () => {
    const rng = createRng(101);
    const xs = Float64Array.from({ length: 100000 }, () => sampleNormal(rng, 3, 2));
    expectMoments(xs, 3, 4);
    const cdf = (x: number) => 0.5 * erfc(-(x - 3) / (2 * Math.SQRT2));
    expect(ksStatistic(xs, cdf)).toBeLessThan(1.95);
  });

  it('defaults to the standard normal and rejects bad parameters', () => {
    const a = createRng(1);
    const b = createRng(1);
    expect(sampleNormal(a)).toBe(b.normal());
    expect(() => sampleNormal(a, Number.NaN, 1)).toThrow(InvalidArgumentError);
    expect(() => sampleNormal(a, 0, -1)).toThrow(/sd/);
    expect(sampleNormal(a, 5, 0)).toBe(5);
  });
});
