import { describe, expect, it } from 'vitest';
import { createRng } from './rng.js';
import { shuffle } from './shuffle.js';
import { chiSquareZ } from './test-utils/stats.js';

describe('shuffle', () => {
  it('shuffle permutes plain and typed arrays uniformly (all 6 orders of 3 items)', () => {
    const rng = createRng(12);
    const counts = new Map<string, number>();
    for (let i = 0; i < 30000; i++) {
      const key = shuffle(rng, ['a', 'b', 'c']).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    expect(Math.abs(chiSquareZ([...counts.values()], new Array(6).fill(1 / 6)))).toBeLessThan(5);
    const t = shuffle(rng, Float64Array.from([1, 2, 3, 4, 5]));
    expect(Array.from(t).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
