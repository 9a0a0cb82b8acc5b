import { describe, expect, it } from 'vitest';
import { DenseMatrix } from '../core/dense-matrix.js';
import {
  AbortError,
  ConvergenceError,
  DimensionMismatchError,
  InvalidArgumentError,
} from '../core/errors.js';
import { norm2 } from '../core/vector.js';
import { matmul } from '../kernels/matmul.js';
import { createRng } from '../random/rng.js';
import { conjugateGradient, jacobiPreconditioner } from './conjugate-gradient.js';
import { denseOperator } from './operators.js';

/** A random SPD matrix D·(GᵀG/n + I)·D with diagonal scaling D spanning `spread` decades. */
function spd(n: number, seed: number, spread = 0): DenseMatrix {
  const rng = createRng(seed);
  const G = DenseMatrix.fromFunction(n, n, () => rng.normal());
  const S = matmul(G.transpose(), G);
  const d = Array.from({ length: n }, (_, i) => 10 ** ((spread * i) / (n - 1)));
  return DenseMatrix.fromFunction(n, n, (i, j) => d[i]! * d[j]! * (S.get(i, j) / n + (i === j ? 1 : 0)));
}

const relResidual = (A: DenseMatrix, x: Float64Array, b: Float64Array): number => {
  const r = denseOperator(A).mv(x);
  for (let i = 0; i < r.length; i++) r[i] = b[i]! - r[i]!;
  return norm2(r) / norm2(b);
};

describe('conjugateGradient', () => {
  it('reaches 1e-10 relative residual on random SPD systems', () => {
    for (const seed of [1, 2, 3]) {
      const A = spd(40, seed);
      const rng = createRng(seed + 10);
      const b = Float64Array.from({ length: 40 }, () => rng.normal());
      const res = conjugateGradient(denseOperator(A), b, { tol: 1e-10 });
      expect(res.converged).toBe(true);
      expect(res.residual).toBeLessThanOrEqual(1e-10);
      expect(relResidual(A, res.x, b)).toBeLessThanOrEqual(1e-10);
    }
  });

  it('Jacobi preconditioning helps on a badly scaled system', () => {
    const A = spd(60, 7, 4);
    const b = Float64Array.from({ length: 60 }, (_, i) => Math.sin(i + 1));
    const op = denseOperator(A);
    const plain = conjugateGradient(op, b, { maxIterations: 2000 });
    const pre = conjugateGradient(op, b, { preconditioner: jacobiPreconditioner(op) });
    expect(pre.converged).toBe(true);
    expect(relResidual(A, pre.x, b)).toBeLessThanOrEqual(1e-10);
    expect(pre.iterations).toBeLessThan(plain.iterations);
  });

  it('reports non-convergence, throws only when asked, honours x0, abort and progress', () => {
    const A = spd(30, 3, 2);
    const op = denseOperator(A);
    const b = new Float64Array(30).fill(1);
    const few = conjugateGradient(op, b, { maxIterations: 2 });
    expect(few.converged).toBe(false);
    expect(few.iterations).toBe(2);
    expect(() => conjugateGradient(op, b, { maxIterations: 2, throwOnFailure: true })).toThrow(
      ConvergenceError,
    );
    const exact = conjugateGradient(op, b);
    const warm = conjugateGradient(op, b, { x0: exact.x });
    expect(warm.iterations).toBe(0);
    const seen: number[] = [];
    conjugateGradient(op, b, { onProgress: (p) => seen.push(p.iteration) });
    expect(seen[0]).toBe(1);
    const ac = new AbortController();
    ac.abort('stop');
    expect(() => conjugateGradient(op, b, { signal: ac.signal })).toThrow(AbortError);
    expect(conjugateGradient(op, new Float64Array(30)).x.every((v) => v === 0)).toBe(true);
  });

  it('rejects bad input with typed errors naming the argument', () => {
    const op = denseOperator(spd(4, 1));
    expect(() => conjugateGradient(op, new Float64Array(3))).toThrow(DimensionMismatchError);
    expect(() => conjugateGradient(op, new Float64Array(3))).toThrow(/b\.length/);
    expect(() => conjugateGradient(op, new Float64Array(4), { tol: -1 })).toThrow(InvalidArgumentError);
    expect(() => conjugateGradient(op, new Float64Array(4), { tol: -1 })).toThrow(/tol/);
    expect(() => conjugateGradient(op, new Float64Array(4), { x0: new Float64Array(2) })).toThrow(/x0/);
  });
});
