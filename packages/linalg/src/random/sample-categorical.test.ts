import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../core/errors.js';
import { AliasTable } from './alias-table.js';
import { createRng } from './rng.js';
import { sampleCategorical } from './sample-categorical.js';
import { chiSquareZ } from './test-utils/stats.js';

const weights = [0.1, 0, 2, 0.5, 1.4, 0.01];
const probs = weights.map((w) => w / 4.01);

describe('sampleCategorical and AliasTable', () => {
  it('sampleCategorical frequencies match normalised weights (chi-square), never a zero weight', () => {
    const rng = createRng(8);
    const counts = new Array<number>(weights.length).fill(0);
    for (let i = 0; i < 80000; i++) counts[sampleCategorical(rng, weights)]!++;
    expect(counts[1]).toBe(0);
    const keep = [0, 2, 3, 4, 5];
    expect(
      Math.abs(
        chiSquareZ(
          keep.map((i) => counts[i]!),
          keep.map((i) => probs[i]!),
        ),
      ),
    ).toBeLessThan(5);
  });

  it('AliasTable frequencies match too', () => {
    const rng = createRng(9);
    const table = new AliasTable(weights);
    expect(table.size).toBe(6);
    const draws = table.sampleInto(rng, new Int32Array(80000));
    const counts = new Array<number>(weights.length).fill(0);
    for (const d of draws) counts[d]!++;
    expect(counts[1]).toBe(0);
    const keep = [0, 2, 3, 4, 5];
    expect(
      Math.abs(
        chiSquareZ(
          keep.map((i) => counts[i]!),
          keep.map((i) => probs[i]!),
        ),
      ),
    ).toBeLessThan(5);
  });

  it('rejects negative, non-finite or all-zero weights', () => {
    const rng = createRng(0);
    expect(() => sampleCategorical(rng, [1, -1])).toThrow(/probs\[1\]/);
    expect(() => sampleCategorical(rng, [0, 0])).toThrow(InvalidArgumentError);
    expect(() => new AliasTable([])).toThrow(InvalidArgumentError);
    expect(() => new AliasTable([1, Number.NaN])).toThrow(/probs\[1\]/);
  });
});
