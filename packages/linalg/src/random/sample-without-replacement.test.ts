import { describe, expect, it } from 'vitest';
import { createRng } from './rng.js';
import { sampleWithoutReplacement } from './sample-without-replacement.js';
import { chiSquareZ } from './test-utils/stats.js';

describe('sampleWithoutReplacement', () => {
  it('returns distinct indices with uniform inclusion', () => {
    const rng = createRng(13);
    const n = 10;
    const counts = new Array<number>(n).fill(0);
    for (let t = 0; t < 20000; t++) {
      const s = sampleWithoutReplacement(rng, n, 3);
      expect(new Set(s).size).toBe(3);
      for (const i of s) counts[i]!++;
    }
    expect(Math.abs(chiSquareZ(counts, new Array(n).fill(1 / n)))).toBeLessThan(5);
    const big = sampleWithoutReplacement(rng, 2 ** 30, 5);
    expect(new Set(big).size).toBe(5);
    expect(Array.from(sampleWithoutReplacement(rng, 4, 4)).sort()).toEqual([0, 1, 2, 3]);
    expect(() => sampleWithoutReplacement(rng, 3, 4)).toThrow(/Invalid k/);
    expect(() => sampleWithoutReplacement(rng, -1, 0)).toThrow(/Invalid n/);
  });
});
