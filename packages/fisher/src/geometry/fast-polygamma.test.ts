import { polygamma, trigamma } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { fastTetragamma, fastTrigamma } from './fast-polygamma.js';

describe('fastTrigamma / fastTetragamma', () => {
  it('agree with linalg trigamma and polygamma(2, ·) to rounding', () => {
    for (let e = -3; e <= 8; e += 0.05) {
      const x = 10 ** e;
      expect(Math.abs(fastTrigamma(x) / trigamma(x) - 1), String(x)).toBeLessThan(2e-15);
      expect(Math.abs(fastTetragamma(x) / polygamma(2, x) - 1), String(x)).toBeLessThan(2e-15);
    }
    for (const x of [0.5, 1, 11.999, 12, 12.001, 37.5])
      expect(Math.abs(fastTetragamma(x) / polygamma(2, x) - 1)).toBeLessThan(2e-15);
  });

  it('NaN off the domain, 0 at +∞', () => {
    for (const x of [0, -1, Number.NaN, Number.NEGATIVE_INFINITY]) {
      expect(fastTrigamma(x)).toBeNaN();
      expect(fastTetragamma(x)).toBeNaN();
    }
    expect(fastTrigamma(Number.POSITIVE_INFINITY)).toBe(0);
    expect(fastTetragamma(Number.POSITIVE_INFINITY)).toBe(0);
  });
});
