import { DenseMatrix } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { connectComponents } from './connect-components.js';
import { connectedComponents } from './connected-components.js';
import { exactKnn } from './exact-knn.js';
import { knnAdjacency } from './knn-adjacency.js';

// three clusters on a line: {0, 1, 2} around 0, {3, 4, 5} around 10, {6, 7} around 25
const X = new DenseMatrix(8, 1, Float64Array.from([0, 0.1, 0.2, 10, 10.1, 10.3, 25, 25.2]));

describe('connected components', () => {
  it('labels the components of a kNN graph and bridges them by shortest edges', () => {
    const A = knnAdjacency(exactKnn(X, { k: 1 }));
    const c = connectedComponents(A);
    expect(c.count).toBe(3);
    expect(Array.from(c.labels)).toEqual([0, 0, 0, 1, 1, 1, 2, 2]);
    const joined = connectComponents(X, A);
    expect(joined.components).toBe(3);
    expect(connectedComponents(joined.adjacency).count).toBe(1);
    // the smallest component {6, 7} joins first through 5–6 (14.7), then {0,1,2} through 2–3 (9.8)
    expect(joined.bridges.map(([i, j, d]) => [Math.min(i, j), Math.max(i, j), Number(d.toFixed(6))])).toEqual(
      [
        [5, 6, 14.7],
        [2, 3, 9.8],
      ],
    );
    expect(joined.adjacency.isSymmetric(0)).toBe(true);
  });
  it('returns a connected graph unchanged', () => {
    const A = knnAdjacency(exactKnn(X, { k: 4 }));
    const r = connectComponents(X, A);
    expect(r.adjacency).toBe(A);
    expect(r.bridges).toEqual([]);
  });
});
