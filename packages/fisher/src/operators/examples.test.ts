/** Runs every `@example` in the doc comments of src/operators verbatim and checks the stated results. */
import { describe, expect, it } from 'vitest';
import { denseFisher } from './dense-fisher.js';
import { diagonalFisher } from './diagonal-fisher.js';
import { kfacFisher } from './kfac-fisher.js';

describe('doc comment examples', () => {
  it('denseFisher', () => {
    const F = denseFisher([
      [2, 1],
      [1, 2],
    ]);
    expect(F.logdet()).toBeCloseTo(Math.log(3), 14);
  });

  it('diagonalFisher', () => {
    expect(Array.from(diagonalFisher([1, 4]).solve(new Float64Array([1, 1]), 0))).toEqual([1, 0.25]);
  });

  it('kfacFisher', () => {
    const F = kfacFisher(
      [
        [2, 0],
        [0, 1],
      ],
      [[3]],
    ); // A is in'×in' = 2×2, G is out×out = 1×1
    expect(F.trace()).toBe(9);
    expect(F.logdet()).toBeCloseTo(Math.log(6) + Math.log(3), 14);
  });
});
