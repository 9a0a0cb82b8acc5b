import { describe, expect, it } from 'vitest';
import { DenseMatrix } from '../core/dense-matrix.js';
import { eigh } from '../kernels/eigh.js';
import { createRng } from '../random/rng.js';
import { randomizedEigh } from './randomized-eigh.js';

/** Orthonormal n×r matrix from eigh of a random symmetric matrix. */
function orthonormal(n: number, r: number, rng: ReturnType<typeof createRng>): DenseMatrix {
  const G = DenseMatrix.fromFunction(n, n, () => rng.normal());
  const Q = eigh(DenseMatrix.fromFunction(n, n, (i, j) => G.get(i, j) + G.get(j, i))).vectors;
  return DenseMatrix.fromFunction(n, r, (i, j) => Q.get(i, j));
}

describe('randomizedEigh', () => {
  it('finds the dominant eigenpairs (both signs) of a symmetric low-rank + noise matrix', () => {
    const n = 70;
    const rng = createRng(6);
    const Q = orthonormal(n, 4, rng);
    const lam = [40, -25, 12, -6];
    const A = DenseMatrix.fromFunction(n, n, (i, j) =>
      lam.reduce((acc, l, k) => acc + l * Q.get(i, k) * Q.get(j, k), 0),
    );
    const G = DenseMatrix.fromFunction(n, n, () => 1e-4 * rng.normal());
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A.data[i * n + j]! += G.get(i, j) + G.get(j, i);
    const ref = eigh(A);
    const res = randomizedEigh(A, { rank: 4, seed: 1 });
    const refOrder = Array.from({ length: n }, (_, j) => j).sort(
      (a, b) => Math.abs(ref.values[b]!) - Math.abs(ref.values[a]!),
    );
    for (let j = 0; j < 4; j++) {
      const r = refOrder[j]!;
      expect(Math.abs(res.values[j]! - ref.values[r]!)).toBeLessThan(1e-9);
      let c = 0;
      for (let i = 0; i < n; i++) c += res.vectors.get(i, j) * ref.vectors.get(i, r);
      expect(1 - Math.abs(c)).toBeLessThan(1e-9);
    }
    expect(() => randomizedEigh(DenseMatrix.zeros(3, 2), { rank: 1 })).toThrow(/A\.shape/);
  });
});
