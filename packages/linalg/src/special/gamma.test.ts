import { describe, expect, it } from 'vitest';
import { digamma, gammaincLower, gammaincUpper, lgamma, polygamma, trigamma } from './gamma.js';
import { checkTable } from './test-utils/fixtures.js';

describe('gamma family vs mpmath references', () => {
  it('lgamma: positive, negative non-integers, poles, huge, NaN (rtol 1e-14)', () => {
    checkTable('lgamma', lgamma, 1e-14, 1e-300);
    expect(lgamma(-0.5)).toBeCloseTo(Math.log(2 * Math.sqrt(Math.PI)), 15);
  });

  it('digamma (rtol 1e-14)', () => {
    checkTable('digamma', digamma, 1e-14);
  });

  it('trigamma (rtol 1e-14)', () => {
    checkTable('trigamma', trigamma, 1e-14);
  });

  it('polygamma n = 0…10, positive and negative x (rtol 1e-14)', () => {
    checkTable('polygamma', polygamma, 1e-14);
  });

  it('regularised incomplete gamma P and Q (rtol 1e-13, absolute 1e-300 for underflow)', () => {
    checkTable('gammaincLower', gammaincLower, 1e-13, 1e-300);
    checkTable('gammaincUpper', gammaincUpper, 1e-13, 1e-300);
  });
});
