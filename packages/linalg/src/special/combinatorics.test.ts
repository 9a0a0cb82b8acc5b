import { describe, it } from 'vitest';
import { lbeta, lchoose, lfactorial } from './combinatorics.js';
import { checkTable } from './test-utils/fixtures.js';

describe('log beta, factorial and binomial vs mpmath / exact integers', () => {
  it('lbeta (rtol 1e-14)', () => {
    checkTable('lbeta', lbeta, 1e-14);
  });
  it('lfactorial against log(n!) from exact integers (rtol 1e-14)', () => {
    checkTable('lfactorial', lfactorial, 1e-14, 1e-300);
  });
  it('lchoose against log C(n, k) from exact integers (rtol 1e-14)', () => {
    checkTable('lchoose', lchoose, 1e-14, 1e-300);
  });
});
