import { describe, expect, it } from 'vitest';
import { createRng } from './rng.js';
import { sampleUniform } from './sample-uniform.js';
import { expectMoments, ksStatistic } from './test-utils/stats.js';

describe('sampleUniform', () => {
  it('matches Uniform[low, high) and rejects inverted ranges', () => {
    const rng = createRng(17);
    const xs = Float64Array.from({ length: 50000 }, () => sampleUniform(rng, -2, 6));
    expectMoments(xs, 2, 64 / 12);
    expect(ksStatistic(xs, (x) => (x + 2) / 8)).toBeLessThan(1.95);
    expect(() => sampleUniform(rng, 1, 0)).toThrow(/high/);
    expect(() => sampleUniform(rng, Number.NEGATIVE_INFINITY, 0)).toThrow(/low/);
  });
});
