import { describe, expect, it } from 'vitest';
import { createPowTable, tablePow } from './umap-pow-table.js';

describe('tablePow', () => {
  it('matches Math.pow to |p(p − 1)|·2e-6 relative over 24 decades and falls back outside the table', () => {
    for (const p of [0.895, -0.105, 1.79, 0.5]) {
      const t = createPowTable(p);
      let worst = 0;
      for (let e = -12; e <= 12; e += 0.0137) {
        const x = 10 ** e;
        worst = Math.max(worst, Math.abs(tablePow(t, x) / x ** p - 1));
      }
      expect(worst).toBeLessThan(Math.abs(p * (p - 1)) * 2e-6 + 1e-12);
      expect(worst).toBeGreaterThan(0); // it is an approximation, not a call to Math.pow
      expect(tablePow(t, 1e-20)).toBe(1e-20 ** p);
      expect(tablePow(t, 1e20)).toBe(1e20 ** p);
    }
  });
});
