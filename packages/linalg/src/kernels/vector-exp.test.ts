import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { DimensionMismatchError } from '../core/errors.js';
import { setKernelBackend, simdKernels } from './simd-runtime.js';
import { vectorExp } from './vector-exp.js';

/** Correctly rounded e^x from mpmath (fixtures/generate.py). */
const fixture = JSON.parse(readFileSync(new URL('./fixtures/exp.json', import.meta.url), 'utf8')) as {
  cases: { x: number; exp: number }[];
};

/** |got − ref| in units of |ref|·2⁻⁵² (≤ 1 ulp when ≤ 1), with the subnormal spacing below the normal range. */
function ulps(got: number, ref: number): number {
  if (got === ref) return 0;
  const spacing = Math.max(Math.abs(ref) * 2 ** -52, 2 ** -1074);
  return Math.abs(got - ref) / spacing;
}

describe('vectorExp', () => {
  afterEach(() => setKernelBackend('auto'));

  it('is within 1 ulp of the correctly rounded e^x, most often exactly it (mpmath fixture: whole range, subnormals, reduction boundaries)', () => {
    expect(simdKernels()).not.toBeNull();
    const x = Float64Array.from(fixture.cases, (c) => c.x);
    const got = vectorExp(x.slice());
    let worst = 0;
    let exact = 0;
    fixture.cases.forEach((c, i) => {
      const e = ulps(got[i]!, c.exp);
      worst = Math.max(worst, e);
      if (e === 0) exact++;
    });
    expect(fixture.cases.length).toBeGreaterThan(1000);
    expect(worst).toBeLessThanOrEqual(1);
    expect(exact / fixture.cases.length).toBeGreaterThan(0.85); // Math.exp: 0.89 on these cases
  });

  it('special values: 0 → 1 exactly, overflow → ∞, underflow → 0, ±∞ and NaN', () => {
    const x = Float64Array.from([0, -0, 710, 1e300, Infinity, -746, -1e300, -Infinity, NaN, 1]);
    const y = vectorExp(x, new Float64Array(x.length));
    expect(Array.from(y.subarray(0, 8))).toEqual([1, 1, Infinity, Infinity, Infinity, 0, 0, 0]);
    expect(y[8]).toBeNaN();
    expect(ulps(y[9]!, Math.E)).toBeLessThanOrEqual(1);
  });

  it('any length (odd, beyond one chunk), in place or into out, equal to the Math.exp backend within 2 ulp', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -745, max: 709, noNaN: true }), { minLength: 0, maxLength: 5000 }),
        fc.boolean(),
        (values, inPlace) => {
          const x = Float64Array.from(values);
          const y = inPlace ? vectorExp(x.slice()) : vectorExp(x, new Float64Array(x.length));
          for (let i = 0; i < x.length; i++) {
            if (ulps(y[i]!, Math.exp(x[i]!)) > 2) return false;
          }
          return y.length === x.length;
        },
      ),
      { seed: 20261126, numRuns: 60 },
    );
  });

  it('the js backend is Math.exp itself', () => {
    setKernelBackend('js');
    const x = Float64Array.from({ length: 101 }, (_, i) => (i - 50) * 3.7);
    expect(Array.from(vectorExp(x, new Float64Array(101)))).toEqual(Array.from(x, Math.exp));
  });

  it('rejects an out of another length', () => {
    expect(() => vectorExp(new Float64Array(3), new Float64Array(2))).toThrow(DimensionMismatchError);
    expect(() => vectorExp(new Float64Array(3), new Float64Array(2))).toThrow(/out\.length/);
  });
});
