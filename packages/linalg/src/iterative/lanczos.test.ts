import { describe, expect, it } from 'vitest';
import { DenseMatrix } from '../core/dense-matrix.js';
import { AbortError, InvalidArgumentError } from '../core/errors.js';
import { eigh } from '../kernels/eigh.js';
import { matmul } from '../kernels/matmul.js';
import { createRng } from '../random/rng.js';
import { lanczos } from './lanczos.js';
import { denseOperator } from './operators.js';

/** Q diag(spectrum) Qᵀ with a random orthogonal Q (from eigh of a random symmetric matrix). */
function withSpectrum(spectrum: number[], seed: number): DenseMatrix {
  const n = spectrum.length;
  const rng = createRng(seed);
  const G = DenseMatrix.fromFunction(n, n, () => rng.normal());
  const Q = eigh(DenseMatrix.fromFunction(n, n, (i, j) => G.get(i, j) + G.get(j, i))).vectors;
  const QD = DenseMatrix.fromFunction(n, n, (i, j) => Q.get(i, j) * spectrum[j]!);
  const A = matmul(QD, Q.transpose());
  return DenseMatrix.fromFunction(n, n, (i, j) => (A.get(i, j) + A.get(j, i)) / 2);
}

function randomSymmetric(n: number, seed: number): DenseMatrix {
  const rng = createRng(seed);
  const G = DenseMatrix.fromFunction(n, n, () => rng.normal());
  return DenseMatrix.fromFunction(n, n, (i, j) => G.get(i, j) + G.get(j, i));
}

/** Laplacian of a random geometric graph (points on a circle + noise, radius neighbours). */
function graphLaplacianDense(n: number, seed: number): DenseMatrix {
  const rng = createRng(seed);
  const pts = Array.from({ length: n }, (_, i) => [
    Math.cos((2 * Math.PI * i) / n) + 0.05 * rng.normal(),
    Math.sin((2 * Math.PI * i) / n) + 0.05 * rng.normal(),
  ]);
  const L = new DenseMatrix(n, n);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const d = Math.hypot(pts[i]![0]! - pts[j]![0]!, pts[i]![1]! - pts[j]![1]!);
      if (d < 0.3) {
        const w = Math.exp(-d * d);
        L.data[i * n + j] = L.data[j * n + i] = -w;
        L.data[i * n + i]! += w;
        L.data[j * n + j]! += w;
      }
    }
  return L;
}

/** Max eigenvalue error and max eigenvector error ‖x ∓ x_ref‖₂ against dense eigh. */
function compare(
  A: DenseMatrix,
  k: number,
  which: 'largest' | 'smallest',
  tol = 1e-10,
): { val: number; vec: number } {
  const n = A.rows;
  const ref = eigh(A);
  const res = lanczos(denseOperator(A), { k, which, tol, seed: 3 });
  expect(res.converged).toBe(true);
  let val = 0;
  let vec = 0;
  for (let j = 0; j < k; j++) {
    const r = which === 'smallest' ? j : n - k + j;
    val = Math.max(val, Math.abs(res.values[j]! - ref.values[r]!));
    let c = 0;
    for (let i = 0; i < n; i++) c += res.vectors.get(i, j) * ref.vectors.get(i, r);
    let d = 0;
    for (let i = 0; i < n; i++) d += (res.vectors.get(i, j) - Math.sign(c) * ref.vectors.get(i, r)) ** 2;
    vec = Math.max(vec, Math.sqrt(d));
  }
  return { val, vec };
}

describe('lanczos', () => {
  it('matches dense eigh on random symmetric matrices, both ends', () => {
    for (const seed of [1, 2]) {
      const A = randomSymmetric(80, seed);
      for (const which of ['largest', 'smallest'] as const) {
        const { val, vec } = compare(A, 5, which);
        expect(val).toBeLessThan(1e-12);
        expect(vec).toBeLessThan(1e-9);
      }
    }
  });

  it('matches on a graph Laplacian including the zero eigenvalue', () => {
    const L = graphLaplacianDense(90, 4);
    const { val, vec } = compare(L, 6, 'smallest');
    expect(val).toBeLessThan(1e-12);
    expect(vec).toBeLessThan(1e-10);
  });

  it('resolves a near-degenerate cluster (eigenvalues, and the spanned subspace)', () => {
    const spectrum = Array.from({ length: 60 }, (_, i) => 1 + i / 10);
    spectrum[57] = 10;
    spectrum[58] = 10 + 1e-7;
    spectrum[59] = 10 + 2e-7;
    const A = withSpectrum(spectrum, 5);
    const res = lanczos(denseOperator(A), { k: 3, which: 'largest', tol: 1e-12, seed: 1 });
    expect(res.converged).toBe(true);
    for (let j = 0; j < 3; j++) expect(Math.abs(res.values[j]! - spectrum[57 + j]!)).toBeLessThan(1e-10);
    const ref = eigh(A).vectors;
    // ‖PᵀV‖_F² = 3 when the computed columns span the same subspace as the reference cluster.
    let s = 0;
    for (let a = 0; a < 3; a++)
      for (let b = 57; b < 60; b++) {
        let c = 0;
        for (let i = 0; i < 60; i++) c += res.vectors.get(i, a) * ref.get(i, b);
        s += c * c;
      }
    expect(Math.abs(s - 3)).toBeLessThan(1e-9);
  });

  it('solves small operators exactly (k = n), restarts with a small subspace, reports progress', () => {
    const A = randomSymmetric(6, 9);
    const all = lanczos(denseOperator(A), { k: 6, which: 'smallest' });
    const ref = eigh(A).values;
    for (let j = 0; j < 6; j++) expect(Math.abs(all.values[j]! - ref[j]!)).toBeLessThan(1e-10);
    const B = randomSymmetric(100, 10);
    const events: number[] = [];
    const res = lanczos(denseOperator(B), {
      k: 2,
      subspaceSize: 6,
      onProgress: (p) => events.push(p.converged),
    });
    expect(res.converged).toBe(true);
    expect(events.length).toBeGreaterThan(1);
    const refB = eigh(B).values;
    expect(Math.abs(res.values[1]! - refB[99]!)).toBeLessThan(1e-8);
  });

  it('validates arguments and aborts', () => {
    const op = denseOperator(randomSymmetric(5, 1));
    expect(() => lanczos(op, { k: 6 })).toThrow(InvalidArgumentError);
    expect(() => lanczos(op, { k: 6 })).toThrow(/Invalid k/);
    expect(() => lanczos(op, { k: 1, tol: -1 })).toThrow(/tol/);
    expect(() => lanczos(op, { k: 1, v0: new Float64Array(2) })).toThrow(/v0/);
    const ac = new AbortController();
    ac.abort();
    expect(() => lanczos(op, { k: 1, signal: ac.signal })).toThrow(AbortError);
  });
});
