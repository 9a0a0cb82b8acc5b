import { describe, expect, it } from 'vitest';
import { expm1, log1mexp, log1p, log1pexp, logAddExp } from './elementary.js';
import { checkTable } from './test-utils/fixtures.js';

describe('elementary functions vs NumPy / 700-digit decimal references', () => {
  it('log1p and expm1 (rtol 1e-15)', () => {
    checkTable('log1p', log1p, 1e-15);
    checkTable('expm1', expm1, 1e-15);
  });
  it('log1pexp (softplus) and log1mexp (rtol 1e-14)', () => {
    checkTable('log1pexp', log1pexp, 1e-14, 1e-300);
    checkTable('log1mexp', log1mexp, 1e-14, 1e-300);
    expect(log1mexp(1)).toBeNaN();
  });
  it('logAddExp handles infinities and large arguments', () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logAddExp(Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
    expect(logAddExp(Number.NEGATIVE_INFINITY, 2)).toBe(2);
    expect(logAddExp(Number.POSITIVE_INFINITY, 2)).toBe(Number.POSITIVE_INFINITY);
    expect(logAddExp(Number.NaN, 2)).toBeNaN();
  });
});
