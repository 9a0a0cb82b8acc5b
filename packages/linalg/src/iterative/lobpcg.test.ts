import { describe, expect, it } from 'vitest';
import { DenseMatrix } from '../core/dense-matrix.js';
import { AbortError, DimensionMismatchError, InvalidArgumentError } from '../core/errors.js';
import { eigh } from '../kernels/eigh.js';
import { createRng } from '../random/rng.js';
import { lobpcg } from './lobpcg.js';
import { denseOperator, diagonalOperator } from './operators.js';

/** Laplacian of two disjoint cycles of length m (every eigenvalue has multiplicity ≥ 2). */
function twoCycles(m: number): DenseMatrix {
  const n = 2 * m;
  const L = new DenseMatrix(n, n);
  for (let c = 0; c < 2; c++)
    for (let i = 0; i < m; i++) {
      const a = c * m + i;
      const b = c * m + ((i + 1) % m);
      L.data[a * n + b] = L.data[b * n + a] = -1;
      L.data[a * n + a]! += 1;
      L.data[b * n + b]! += 1;
    }
  return L;
}

describe('lobpcg', () => {
  it('finds exactly degenerate smallest eigenvalues (zero with multiplicity 2) and their eigenspaces', () => {
    const L = twoCycles(30);
    const n = 60;
    const ref = eigh(L);
    const res = lobpcg(denseOperator(L), { k: 6, seed: 1, maxIterations: 3000 });
    expect(res.converged).toBe(true);
    let worst = 0;
    for (let j = 0; j < 6; j++) worst = Math.max(worst, Math.abs(res.values[j]! - ref.values[j]!));
    expect(worst).toBeLessThan(1e-10);
    // Subspace check: the computed 6 columns span the reference 6-dimensional invariant subspace
    // (λ = 0, 0 and the two doubly degenerate 2 − 2cos(2π/30)s): ‖V_refᵀ X‖_F² = 6.
    let s = 0;
    for (let a = 0; a < 6; a++)
      for (let b = 0; b < 6; b++) {
        let c = 0;
        for (let i = 0; i < n; i++) c += res.vectors.get(i, a) * ref.vectors.get(i, b);
        s += c * c;
      }
    expect(Math.abs(s - 6)).toBeLessThan(1e-9);
  });

  it('largest pairs of a random symmetric matrix; a good preconditioner cuts iterations', () => {
    const rng = createRng(4);
    const n = 100;
    const G = DenseMatrix.fromFunction(n, n, () => rng.normal());
    const A = DenseMatrix.fromFunction(
      n,
      n,
      (i, j) => 0.05 * (G.get(i, j) + G.get(j, i)) + (i === j ? i + 1 : 0),
    );
    const ref = eigh(A).values;
    const op = denseOperator(A);
    const top = lobpcg(op, { k: 3, largest: true, maxIterations: 2000 });
    expect(top.converged).toBe(true);
    for (let j = 0; j < 3; j++) expect(Math.abs(top.values[j]! - ref[n - 3 + j]!)).toBeLessThan(1e-9);
    const plain = lobpcg(op, { k: 4, maxIterations: 2000 });
    const pre = lobpcg(op, {
      k: 4,
      maxIterations: 2000,
      preconditioner: diagonalOperator(A.diag().map((d) => 1 / d)),
    });
    expect(plain.converged && pre.converged).toBe(true);
    for (let j = 0; j < 4; j++) expect(Math.abs(pre.values[j]! - ref[j]!)).toBeLessThan(1e-9);
    expect(pre.iterations).toBeLessThan(plain.iterations);
  });

  it('solves tiny problems densely, accepts X0, validates and aborts', () => {
    const A = DenseMatrix.fromFunction(5, 5, (i, j) => (i === j ? i : 0.1));
    const ref = eigh(A).values;
    const res = lobpcg(denseOperator(A), { k: 2 });
    expect(Math.abs(res.values[0]! - ref[0]!)).toBeLessThan(1e-12);
    const op = denseOperator(twoCycles(20));
    expect(() => lobpcg(op, { k: 0 })).toThrow(InvalidArgumentError);
    expect(() => lobpcg(op, { k: 41 })).toThrow(/Invalid k/);
    expect(() => lobpcg(op, { k: 2, tol: -1 })).toThrow(/tol/);
    expect(() => lobpcg(op, { k: 2, X0: new DenseMatrix(3, 2) })).toThrow(DimensionMismatchError);
    const X0 = DenseMatrix.fromFunction(40, 3, (i, j) => Math.cos(i * (j + 1)));
    expect(lobpcg(op, { k: 2, X0, maxIterations: 3000 }).converged).toBe(true);
    const ac = new AbortController();
    ac.abort();
    expect(() => lobpcg(op, { k: 2, signal: ac.signal })).toThrow(AbortError);
  });
});
