import { SingularMatrixError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { blockInverse, blockMatmul, blockMatvec } from './small-blocks.js';

describe('small blocks', () => {
  it('inverse (with a pivot swap), product and mat-vec against hand values', () => {
    const A = Float64Array.of(0, 2, 1, 4, 1, 3, 2, 0, 1); // a[0][0] = 0: needs a row swap
    const inv = blockInverse(A, 3);
    const I = blockMatmul(A, inv, 3);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) expect(I[i * 3 + j]).toBeCloseTo(i === j ? 1 : 0, 14);
    expect(Array.from(blockMatvec(A, [1, 2, 3], 3))).toEqual([7, 15, 5]);
    const out = new Float64Array(3);
    expect(blockMatvec(A, [1, 0, 0], 3, out)).toBe(out);
    expect(Array.from(blockInverse(Float64Array.of(2, 1, 1, 1), 2))).toEqual([1, -1, -1, 2]);
  });

  it('a singular block throws by default and stays finite with a 1e-300 pivot when asked', () => {
    const S = Float64Array.of(1, 2, 2, 4);
    expect(() => blockInverse(S, 2)).toThrow(SingularMatrixError);
    expect(() => blockInverse(Float64Array.of(Number.NaN, 0, 0, 1), 2)).toThrow(SingularMatrixError);
    const tiny = blockInverse(S, 2, 'tiny');
    for (const x of tiny) expect(Number.isNaN(x)).toBe(false);
  });
});
