import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../core/errors.js';
import { createRng } from './rng.js';
import { sampleDirichlet } from './sample-dirichlet.js';
import { expectMoments } from './test-utils/stats.js';

describe('sampleDirichlet', () => {
  it.each([[[1, 2, 3]], [[0.3, 0.3, 5, 0.05]]])('alpha %j: simplex points with mean αᵢ/α₀', (alpha) => {
    const rng = createRng(alpha.length);
    const n = 30000;
    const k = alpha.length;
    const a0 = alpha.reduce((s, a) => s + a, 0);
    const cols = alpha.map(() => new Float64Array(n));
    const x = new Float64Array(k);
    for (let t = 0; t < n; t++) {
      sampleDirichlet(rng, alpha, x);
      let s = 0;
      for (let i = 0; i < k; i++) {
        cols[i]![t] = x[i]!;
        s += x[i]!;
      }
      expect(Math.abs(s - 1)).toBeLessThan(1e-12);
    }
    for (let i = 0; i < k; i++) {
      const m = alpha[i]! / a0;
      expectMoments(cols[i]!, m, (m * (1 - m)) / (a0 + 1));
    }
  });

  it('survives tiny concentrations (no 0/0) and rejects bad alphas', () => {
    const rng = createRng(1);
    const x = sampleDirichlet(rng, [1e-3, 1e-3, 1e-3]);
    expect(x.every(Number.isFinite)).toBe(true);
    expect(Math.abs(x.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-12);
    expect(() => sampleDirichlet(rng, [1, 0])).toThrow(/alpha\[1\]/);
    expect(() => sampleDirichlet(rng, [])).toThrow(InvalidArgumentError);
  });
});
