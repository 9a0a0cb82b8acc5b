import { describe, expect, it } from 'vitest';
import { knnAdjacency } from './knn-adjacency.js';
import type { KnnGraph } from './knn-graph.js';

// 0 → 1 (1.0), 1 → 0 (1.0), 2 → 1 (2.0): edge 0–1 is mutual, 1–2 one-way
const graph: KnnGraph = {
  n: 3,
  k: 1,
  indices: Int32Array.from([1, 0, 1]),
  distances: Float64Array.from([1, 1, 2]),
  metric: 'euclidean',
};

describe('knnAdjacency', () => {
  it('union keeps the distance of either direction', () => {
    expect(knnAdjacency(graph).toDense().data).toEqual(Float64Array.from([0, 1, 0, 1, 0, 2, 0, 2, 0]));
  });
  it('mean halves one-way edges (scikit-learn ½(A + Aᵀ))', () => {
    const A = knnAdjacency(graph, { weight: 'connectivity', symmetrize: 'mean' });
    expect(A.toDense().data).toEqual(Float64Array.from([0, 1, 0, 1, 0, 0.5, 0, 0.5, 0]));
  });
  it('mutual drops one-way edges; a weight function is applied', () => {
    const A = knnAdjacency(graph, { weight: (d) => 10 * d, symmetrize: 'mutual' });
    expect(A.toDense().data).toEqual(Float64Array.from([0, 10, 0, 10, 0, 0, 0, 0, 0]));
    expect(A.symmetric).toBe(true);
  });
});
