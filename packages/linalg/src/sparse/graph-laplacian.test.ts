import { describe, expect, it } from 'vitest';
import { DenseMatrix } from '../core/dense-matrix.js';
import { InvalidArgumentError } from '../core/errors.js';
import { createRng } from '../random/rng.js';
import { CsrMatrix } from './csr-matrix.js';
import { graphLaplacian } from './graph-laplacian.js';

function randomAdjacency(n: number, seed: number): DenseMatrix {
  const rng = createRng(seed);
  const W = new DenseMatrix(n, n);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++)
      if (rng.uniform() < 0.4) W.data[i * n + j] = W.data[j * n + i] = rng.uniform();
  return W;
}

describe('graphLaplacian', () => {
  it('matches D − W, I − D^{-1/2}WD^{-1/2} and I − D⁻¹W built densely', () => {
    const n = 12;
    const W = randomAdjacency(n, 3);
    const d = Array.from({ length: n }, (_, i) => W.row(i).reduce((a, b) => a + b, 0));
    const Wc = CsrMatrix.fromDense(W);
    const L = graphLaplacian(Wc).toDense();
    const Ls = graphLaplacian(Wc, { normalized: 'symmetric' }).toDense();
    const Lr = graphLaplacian(Wc, { normalized: 'randomWalk' }).toDense();
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const delta = i === j ? 1 : 0;
        expect(L.get(i, j)).toBeCloseTo(delta * d[i]! - W.get(i, j), 14);
        expect(Ls.get(i, j)).toBeCloseTo(delta - W.get(i, j) / Math.sqrt(d[i]! * d[j]!), 14);
        expect(Lr.get(i, j)).toBeCloseTo(delta - W.get(i, j) / d[i]!, 14);
      }
    // Rows of D − W sum to zero; D^{1/2}·1 is in the kernel of the symmetric form.
    const ones = new Float64Array(n).fill(1);
    for (const v of graphLaplacian(Wc).mv(ones)) expect(Math.abs(v)).toBeLessThan(1e-14);
    const sqrtD = Float64Array.from(d, Math.sqrt);
    for (const v of graphLaplacian(Wc, { normalized: 'symmetric' }).mv(sqrtD))
      expect(Math.abs(v)).toBeLessThan(1e-14);
  });

  it('handles isolated vertices and rejects asymmetric or negative weights', () => {
    const W = CsrMatrix.fromCoo(3, 3, [0, 1], [1, 0], [2, 2]);
    expect(graphLaplacian(W, { normalized: 'symmetric' }).toDense().toArray()).toEqual([
      [1, -1, 0],
      [-1, 1, 0],
      [0, 0, 1],
    ]);
    expect(() => graphLaplacian(CsrMatrix.fromCoo(2, 2, [0], [1], [1]))).toThrow(InvalidArgumentError);
    expect(() => graphLaplacian(CsrMatrix.fromCoo(2, 2, [0, 1], [1, 0], [-1, -1]))).toThrow(/W\.values/);
    expect(() => graphLaplacian(W, { normalized: 'x' as 'none' })).toThrow(/normalized/);
  });
});
