import { describe, expect, it } from 'vitest';
import { DimensionMismatchError } from '../core/errors.js';
import { logSumExpSigned, logsumexp } from './logsumexp.js';
import { decode, fixture } from './test-utils/fixtures.js';

interface Case {
  x: (number | string)[];
  w?: (number | string)[];
  value: number | string;
}

describe('logsumexp', () => {
  it('matches scipy.special.logsumexp, with and without weights (rtol 1e-14)', () => {
    for (const c of fixture<Case[]>('logsumexp')) {
      const x = c.x.map(decode);
      const w = c.w?.map(decode);
      const want = decode(c.value);
      const got = logsumexp(x, w);
      if (!Number.isFinite(want)) expect(got).toBe(want);
      else expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-14 * Math.abs(want) + 1e-15);
    }
  });

  it('handles −∞, +∞, NaN and empty input', () => {
    const ninf = Number.NEGATIVE_INFINITY;
    expect(logsumexp([])).toBe(ninf);
    expect(logsumexp([ninf, ninf])).toBe(ninf);
    expect(logsumexp([ninf, 0])).toBe(0);
    expect(logsumexp([1, Number.POSITIVE_INFINITY])).toBe(Number.POSITIVE_INFINITY);
    expect(logsumexp([1, Number.NaN])).toBeNaN();
    expect(logsumexp([Number.NaN, 1])).toBeNaN();
    expect(logsumexp([1, 2], [0, 0])).toBe(ninf);
    expect(logsumexp([1, 2], [1, -1])).toBeNaN();
    expect(() => logsumexp([1, 2], [1])).toThrow(DimensionMismatchError);
  });

  it('signed variant represents differences', () => {
    const r = logSumExpSigned([Math.log(3), Math.log(5)], [1, -1]);
    expect(r.sign).toBe(-1);
    expect(r.logAbs).toBeCloseTo(Math.log(2), 14);
    expect(logSumExpSigned([2, 2], [1, -1])).toEqual({ logAbs: Number.NEGATIVE_INFINITY, sign: 0 });
    expect(logSumExpSigned([Number.POSITIVE_INFINITY, 1], [-2, 1])).toEqual({
      logAbs: Number.POSITIVE_INFINITY,
      sign: -1,
    });
  });
});
