import { AbortError, createRng, DenseMatrix, InvalidArgumentError, NonFiniteError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { exactKnn } from './exact-knn.js';
import { nnDescent } from './nn-descent.js';
import { knnRecall } from './nn-descent-recall.js';

/** n points on a smooth 3-D manifold embedded nonlinearly in R^10, plus small noise. */
function manifold10(n: number, seed: number): DenseMatrix {
  const rng = createRng(seed);
  const X = new DenseMatrix(n, 10);
  for (let i = 0; i < n; i++) {
    const u = rng.uniform() * 2 * Math.PI;
    const v = rng.uniform() * 2;
    const w = rng.uniform();
    const f = [
      Math.cos(u),
      Math.sin(u),
      v,
      w,
      Math.cos(u) * v,
      Math.sin(2 * u) * w,
      v * w,
      Math.cos(v + u),
      Math.sin(3 * w),
      u / 3,
    ];
    for (let d = 0; d < 10; d++) X.data[i * 10 + d] = f[d]! + 0.01 * rng.normal();
  }
  return X;
}

describe('nnDescent', () => {
  it('reaches recall ≥ 0.95 on 2000 points of a manifold in R^10 (euclidean)', () => {
    const X = manifold10(2000, 1);
    const exact = exactKnn(X, { k: 10 });
    const g = nnDescent(X, { k: 10, seed: 3 });
    const recall = knnRecall(g, exact);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(g.distanceEvaluations).toBeLessThan((2000 * 1999) / 2);
    // distances are true distances of the listed pairs, sorted
    for (let i = 0; i < 50; i++) {
      for (let j = 0; j < 10; j++) {
        const nb = g.indices[i * 10 + j]!;
        expect(nb).not.toBe(i);
        let s = 0;
        for (let d = 0; d < 10; d++) s += (X.data[i * 10 + d]! - X.data[nb * 10 + d]!) ** 2;
        expect(g.distances[i * 10 + j]).toBeCloseTo(Math.sqrt(s), 10);
        if (j > 0) expect(g.distances[i * 10 + j]).toBeGreaterThanOrEqual(g.distances[i * 10 + j - 1]!);
      }
    }
  });

  it('reaches recall ≥ 0.95 with the cosine metric and without trees', () => {
    const X = manifold10(1500, 2);
    const exact = exactKnn(X, { k: 8, metric: 'cosine' });
    const g = nnDescent(X, { k: 8, metric: 'cosine', nTrees: 0, seed: 1, maxIterations: 20 });
    expect(g.metric).toBe('cosine');
    expect(knnRecall(g, exact)).toBeGreaterThanOrEqual(0.95);
    for (let s = 0; s < 8; s++) expect(g.distances[s]).toBeCloseTo(exact.distances[s]!, 1);
  });

  it('is deterministic for a seed', () => {
    const X = manifold10(400, 4);
    const a = nnDescent(X, { k: 5, seed: 9 });
    const b = nnDescent(X, { k: 5, seed: 9 });
    expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
  });

  it('recall of the exact graph against itself is 1 and of a wrong graph is < 1', () => {
    const X = manifold10(200, 5);
    const exact = exactKnn(X, { k: 5 });
    expect(knnRecall(exact, exact)).toBe(1);
    const shifted = { ...exact, indices: exact.indices.map((j) => (j + 1) % 200) };
    expect(knnRecall(shifted, exact)).toBeLessThan(0.5);
  });

  it('rejects bad input with typed errors', () => {
    const X = manifold10(10, 6);
    expect(() => nnDescent(X, { k: 10 })).toThrow(InvalidArgumentError);
    const bad = X.clone();
    bad.data[3] = Number.NaN;
    expect(() => nnDescent(bad, { k: 3 })).toThrow(NonFiniteError);
    const zero = new DenseMatrix(5, 2);
    expect(() => nnDescent(zero, { k: 2, metric: 'cosine' })).toThrow(InvalidArgumentError);
    const ctl = new AbortController();
    ctl.abort();
    expect(() => nnDescent(manifold10(100, 1), { k: 5, signal: ctl.signal })).toThrow(AbortError);
  });
});
