import { describe, expect, it } from 'vitest';
import { createRng } from './rng.js';
import { samplePoisson } from './sample-poisson.js';
import { chiSquareZ, expectMoments } from './test-utils/stats.js';

describe('samplePoisson', () => {
  it.each([0.5, 4, 25, 1000])('Poisson(%d) has mean = variance = λ', (lambda) => {
    const rng = createRng(lambda * 10);
    const xs = Float64Array.from({ length: 50000 }, () => samplePoisson(rng, lambda));
    expect(xs.every(Number.isInteger)).toBe(true);
    expectMoments(xs, lambda, lambda);
  });

  it('matches the Poisson(3) pmf by chi-square', () => {
    const rng = createRng(33);
    const K = 12;
    const counts = new Array<number>(K + 1).fill(0);
    for (let i = 0; i < 60000; i++) counts[Math.min(samplePoisson(rng, 3), K)]!++;
    const probs: number[] = [];
    let p = Math.exp(-3);
    let tail = 1;
    for (let k = 0; k < K; k++) {
      probs.push(p);
      tail -= p;
      p *= 3 / (k + 1);
    }
    probs.push(tail);
    expect(Math.abs(chiSquareZ(counts, probs))).toBeLessThan(5);
  });

  it('returns 0 for λ = 0 and rejects negative rates', () => {
    const rng = createRng(0);
    expect(samplePoisson(rng, 0)).toBe(0);
    expect(() => samplePoisson(rng, -1)).toThrow(/lambda/);
  });
});
