import { createRng, DenseMatrix } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { exactKnn, exactKnnQuery } from './exact-knn.js';

function randomMatrix(n: number, d: number, seed: number): DenseMatrix {
  const rng = createRng(seed);
  return DenseMatrix.fromFunction(n, d, () => rng.normal());
}

function bruteForce(X: DenseMatrix, Q: DenseMatrix, k: number, cosine: boolean, self: boolean) {
  const out: { i: number[]; d: number[] }[] = [];
  for (let q = 0; q < Q.rows; q++) {
    const cand: [number, number][] = [];
    for (let j = 0; j < X.rows; j++) {
      if (self && j === q) continue;
      const a = Q.row(q);
      const b = X.row(j);
      let d: number;
      if (cosine) {
        const dot = a.reduce((s, x, c) => s + x * b[c]!, 0);
        d = 1 - dot / (Math.hypot(...a) * Math.hypot(...b));
      } else d = Math.hypot(...a.map((x, c) => x - b[c]!));
      cand.push([d, j]);
    }
    cand.sort((u, v) => u[0] - v[0] || u[1] - v[1]);
    out.push({ i: cand.slice(0, k).map((c) => c[1]), d: cand.slice(0, k).map((c) => c[0]) });
  }
  return out;
}

describe('exactKnn', () => {
  it.each([
    ['euclidean', 5],
    ['cosine', 40],
  ] as const)('matches brute force (%s, D = %i) across block boundaries', (metric, D) => {
    const X = randomMatrix(150, D, 7);
    const g = exactKnn(X, { k: 6, metric, blockSize: 32 });
    const ref = bruteForce(X, X, 6, metric === 'cosine', true);
    for (let i = 0; i < 150; i++) {
      expect(Array.from(g.indices.subarray(i * 6, i * 6 + 6))).toEqual(ref[i]!.i);
      for (let a = 0; a < 6; a++) expect(g.distances[i * 6 + a]).toBeCloseTo(ref[i]!.d[a]!, 12);
    }
  });
  it('keeps duplicates as neighbours at distance 0 and excludes the point itself', () => {
    const X = new DenseMatrix(4, 2, Float64Array.from([0, 0, 0, 0, 0, 0, 5, 5]));
    const g = exactKnn(X, { k: 2 });
    expect(Array.from(g.indices.subarray(0, 2))).toEqual([1, 2]);
    expect(Array.from(g.distances.subarray(0, 2))).toEqual([0, 0]);
    expect(Array.from(g.indices.subarray(2, 4))).toEqual([0, 2]);
    for (let i = 0; i < 4; i++) expect(g.indices.subarray(i * 2, i * 2 + 2)).not.toContain(i);
  });
  it('answers queries against a data set', () => {
    const X = randomMatrix(100, 3, 1);
    const Q = randomMatrix(20, 3, 2);
    const g = exactKnnQuery(X, Q, { k: 4 });
    const ref = bruteForce(X, Q, 4, false, false);
    expect(g.n).toBe(20);
    for (let q = 0; q < 20; q++) expect(Array.from(g.indices.subarray(q * 4, q * 4 + 4))).toEqual(ref[q]!.i);
  });
  it('rejects bad input with typed errors', () => {
    const X = randomMatrix(5, 2, 1);
    expect(() => exactKnn(X, { k: 5 })).toThrow(/k/);
    expect(() => exactKnn(X, { k: 0 })).toThrow(/k/);
    const bad = X.clone();
    bad.data[3] = Number.NaN;
    expect(() => exactKnn(bad, { k: 2 })).toThrow(/finite/);
    const zero = X.clone();
    zero.data.fill(0, 0, 2);
    expect(() => exactKnn(zero, { k: 2, metric: 'cosine' })).toThrow(/zero row/);
  });
});
