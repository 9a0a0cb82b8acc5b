import { createRng, DenseMatrix } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { continuity, knnPreservation, trustworthiness } from './index.js';

function randomMatrix(n: number, d: number, seed: number): DenseMatrix {
  const rng = createRng(seed);
  return DenseMatrix.fromFunction(n, d, () => rng.normal());
}

/** A literal transcription of the definition with full sorts (independent of the implementation). */
function naiveTrust(X: DenseMatrix, Y: DenseMatrix, k: number): number {
  const n = X.rows;
  const d = (M: DenseMatrix, i: number, j: number) =>
    M.row(i).reduce((s, x, c) => s + (x - M.get(j, c)) ** 2, 0);
  let t = 0;
  for (let i = 0; i < n; i++) {
    const others = [...Array(n).keys()].filter((j) => j !== i);
    const ox = [...others].sort((a, b) => d(X, i, a) - d(X, i, b) || a - b);
    const oy = [...others].sort((a, b) => d(Y, i, a) - d(Y, i, b) || a - b).slice(0, k);
    for (const j of oy) t += Math.max(0, ox.indexOf(j) + 1 - k);
  }
  return 1 - (2 / (n * k * (2 * n - 3 * k - 1))) * t;
}

describe('trustworthiness / continuity / kNN preservation', () => {
  it('is 1 for an isometric embedding', () => {
    const X = randomMatrix(60, 3, 1);
    expect(trustworthiness(X, X, { k: 5 })).toBe(1);
    expect(continuity(X, X, { k: 5 })).toBe(1);
    expect(knnPreservation(X, X, { k: 5 })).toBe(1);
  });
  it('matches the definition on a lossy projection', () => {
    const X = randomMatrix(80, 5, 2);
    const Y = new DenseMatrix(
      80,
      2,
      Float64Array.from({ length: 160 }, (_, t) => X.data[Math.floor(t / 2) * 5 + (t % 2)]!),
    );
    expect(trustworthiness(X, Y, { k: 4 })).toBeCloseTo(naiveTrust(X, Y, 4), 12);
    expect(continuity(X, Y, { k: 4 })).toBeCloseTo(naiveTrust(Y, X, 4), 12);
    const t = trustworthiness(X, Y, { k: 4 });
    expect(t).toBeGreaterThan(0.5);
    expect(t).toBeLessThan(1);
  });
  it('kNN preservation of a random embedding is near k/n', () => {
    const X = randomMatrix(200, 3, 3);
    const Y = randomMatrix(200, 2, 4);
    expect(knnPreservation(X, Y, { k: 10 })).toBeLessThan(0.15);
  });
  it('rejects k ≥ n/2 and mismatched rows', () => {
    const X = randomMatrix(10, 2, 1);
    expect(() => trustworthiness(X, X, { k: 5 })).toThrow(/k/);
    expect(() => trustworthiness(X, randomMatrix(9, 2, 1), { k: 2 })).toThrow(/rows/);
  });
});
