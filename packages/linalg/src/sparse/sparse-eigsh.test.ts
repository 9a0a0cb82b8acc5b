import { describe, expect, it } from 'vitest';
import { DenseMatrix } from '../core/dense-matrix.js';
import { AbortError, InvalidArgumentError } from '../core/errors.js';
import { eigh } from '../kernels/eigh.js';
import { matmul } from '../kernels/matmul.js';
import { createRng } from '../random/rng.js';
import { CsrMatrix } from './csr-matrix.js';
import { graphLaplacian } from './graph-laplacian.js';
import { sparseEigsh } from './sparse-eigsh.js';

function pathLaplacian(n: number): CsrMatrix {
  const r: number[] = [];
  const c: number[] = [];
  for (let i = 0; i + 1 < n; i++) {
    r.push(i, i + 1);
    c.push(i + 1, i);
  }
  return graphLaplacian(CsrMatrix.fromCoo(n, n, r, c, new Array(r.length).fill(1)));
}

/** Symmetrised kNN graph (Gaussian weights) over a noisy 2-D strip in 3-D. */
function knnLaplacian(n: number, k: number, seed: number, normalized: 'none' | 'symmetric'): CsrMatrix {
  const rng = createRng(seed);
  const pts = Array.from({ length: n }, () => {
    const t = 3 * rng.uniform();
    const h = rng.uniform();
    return [Math.cos(t), Math.sin(t), h + 0.01 * rng.normal()];
  });
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < n; i++) {
    const d = pts.map(
      (p, j) => [Math.hypot(p[0]! - pts[i]![0]!, p[1]! - pts[i]![1]!, p[2]! - pts[i]![2]!), j] as const,
    );
    d.sort((a, b) => a[0] - b[0]);
    for (let t = 1; t <= k; t++) {
      const w = Math.exp(-((d[t]![0] / 0.3) ** 2));
      r.push(i, d[t]![1]);
      c.push(d[t]![1], i);
      v.push(w / 2, w / 2);
    }
  }
  return graphLaplacian(CsrMatrix.fromCoo(n, n, r, c, v), { normalized });
}

/** Worst |λ − λ_ref| and worst ‖x ∓ x_ref‖₂ of eigenvectors against dense eigh (smallest k). */
function agreement(
  A: CsrMatrix,
  res: { values: Float64Array; vectors: { get(i: number, j: number): number } },
  k: number,
) {
  const ref = eigh(A.toDense());
  const n = A.rows;
  let val = 0;
  let vec = 0;
  for (let j = 0; j < k; j++) {
    val = Math.max(val, Math.abs(res.values[j]! - ref.values[j]!));
    let cos = 0;
    for (let i = 0; i < n; i++) cos += res.vectors.get(i, j) * ref.vectors.get(i, j);
    let d = 0;
    for (let i = 0; i < n; i++) d += (res.vectors.get(i, j) - Math.sign(cos) * ref.vectors.get(i, j)) ** 2;
    vec = Math.max(vec, Math.sqrt(d));
  }
  return { val, vec };
}

/** |6 − ‖V_refᵀX‖_F²| for the k smallest: zero when X spans the reference invariant subspace. */
function agreementSubspace(A: CsrMatrix, res: { vectors: { get(i: number, j: number): number } }, k: number) {
  const ref = eigh(A.toDense()).vectors;
  let s = 0;
  for (let a = 0; a < k; a++)
    for (let b = 0; b < k; b++) {
      let c = 0;
      for (let i = 0; i < A.rows; i++) c += res.vectors.get(i, a) * ref.get(i, b);
      s += c * c;
    }
  return { vec: Math.abs(k - s) };
}

describe('sparseEigsh', () => {
  it('path graph: closed-form eigenvalues 2 − 2cos(πj/n), including 0, every method', () => {
    const n = 50;
    const L = pathLaplacian(n);
    for (const method of ['shift-invert', 'lanczos', 'lobpcg'] as const) {
      const res = sparseEigsh(L, { k: 5, method, maxIterations: 20000 });
      expect(res.converged).toBe(true);
      expect(res.method).toBe(method);
      for (let j = 0; j < 5; j++)
        expect(Math.abs(res.values[j]! - (2 - 2 * Math.cos((Math.PI * j) / n)))).toBeLessThan(1e-13);
      for (let j = 0; j < 5; j++) expect(res.residuals[j]).toBeLessThan(1e-9);
      // The null vector is the constant vector.
      for (let i = 0; i < n; i++)
        expect(Math.abs(res.vectors.get(i, 0) - 1 / Math.sqrt(n))).toBeLessThan(1e-8);
    }
  });

  it('random kNN graphs agree with dense eigh (normalised and combinatorial Laplacians)', () => {
    for (const [seed, normalized] of [
      [1, 'symmetric'],
      [2, 'none'],
    ] as const) {
      const L = knnLaplacian(200, 8, seed, normalized);
      const res = sparseEigsh(L, { k: 8 });
      expect(res.method).toBe('shift-invert');
      expect(res.converged).toBe(true);
      const { val, vec } = agreement(L, res, 8);
      expect(val).toBeLessThan(1e-12);
      expect(vec).toBeLessThan(1e-9);
    }
  });

  it('recovers exact multiplicities: two identical disconnected components (zero eigenvalue twice)', () => {
    const m = 40;
    const r: number[] = [];
    const c: number[] = [];
    for (let i = 0; i + 1 < 2 * m; i++) {
      if (i === m - 1) continue;
      r.push(i, i + 1);
      c.push(i + 1, i);
    }
    const L = graphLaplacian(CsrMatrix.fromCoo(2 * m, 2 * m, r, c, new Array(r.length).fill(1)));
    for (const method of ['shift-invert', 'lanczos'] as const) {
      const res = sparseEigsh(L, { k: 6, method, maxIterations: 20000 });
      expect(res.converged).toBe(true);
      for (let j = 0; j < 6; j++) {
        const exact = 2 - 2 * Math.cos((Math.PI * Math.floor(j / 2)) / m);
        expect(Math.abs(res.values[j]! - exact)).toBeLessThan(1e-10);
      }
      const { vec } = agreementSubspace(L, res, 6);
      expect(vec).toBeLessThan(1e-9);
    }
  });

  it('largest pairs and a matrix-free operator go through Lanczos', () => {
    const L = knnLaplacian(120, 6, 3, 'symmetric');
    const ref = eigh(L.toDense()).values;
    const res = sparseEigsh(L, { k: 3, which: 'largest' });
    expect(res.method).toBe('lanczos');
    for (let j = 0; j < 3; j++) expect(Math.abs(res.values[j]! - ref[117 + j]!)).toBeLessThan(1e-10);
    const op = { shape: L.shape, mv: (x: Float64Array, out?: Float64Array) => L.mv(x, out), symmetric: true };
    const small = sparseEigsh(op, { k: 3 });
    expect(small.method).toBe('lanczos');
    for (let j = 0; j < 3; j++) expect(Math.abs(small.values[j]! - ref[j]!)).toBeLessThan(1e-9);
  });

  it("LLE's (I − W)ᵀ(I − W) (PSD, Gershgorin bound < 0): constant null vector and dense agreement", () => {
    const n = 150;
    const rng = createRng(8);
    const W = new DenseMatrix(n, n);
    for (let i = 0; i < n; i++) {
      const nb = [1, 2, 3, 4].map((d) => (i + d * (1 + rng.int(3))) % n);
      const w = nb.map(() => rng.uniform() - 0.2);
      const s = w.reduce((a, b) => a + b, 0);
      nb.forEach((j, t) => {
        W.data[i * n + j]! += w[t]! / s;
      });
    }
    const IW = DenseMatrix.fromFunction(n, n, (i, j) => (i === j ? 1 : 0) - W.get(i, j));
    const M = CsrMatrix.fromDense(matmul(IW.transpose(), IW));
    const progress: number[] = [];
    const res = sparseEigsh(M, { k: 4, onProgress: (p) => progress.push(p.iterations) });
    expect(res.method).toBe('shift-invert');
    expect(res.converged).toBe(true);
    expect(progress.length).toBeGreaterThan(0);
    const { val, vec } = agreement(M, res, 4);
    expect(val).toBeLessThan(1e-12);
    expect(vec).toBeLessThan(1e-10);
    for (let i = 0; i < n; i++)
      expect(Math.abs(Math.abs(res.vectors.get(i, 0)) - 1 / Math.sqrt(n))).toBeLessThan(1e-9);
    const ac = new AbortController();
    ac.abort();
    expect(() => sparseEigsh(M, { k: 2, signal: ac.signal })).toThrow(AbortError);
  });

  it('validates k, which, method and tolerance', () => {
    const L = pathLaplacian(10);
    expect(() => sparseEigsh(L, { k: 11 })).toThrow(InvalidArgumentError);
    expect(() => sparseEigsh(L, { k: 11 })).toThrow(/Invalid k/);
    expect(() => sparseEigsh(L, { k: 1, tol: -1 })).toThrow(/tol/);
    expect(() => sparseEigsh(L, { k: 1, which: 'middle' as 'smallest' })).toThrow(/which/);
    expect(() => sparseEigsh(L, { k: 1, method: 'x' as 'auto' })).toThrow(/method/);
    expect(() => sparseEigsh(L, { k: 1, which: 'largest', method: 'shift-invert' })).toThrow(/method/);
    expect(() =>
      sparseEigsh(
        CsrMatrix.fromDense([
          [1, 2],
          [0, 1],
        ]),
        { k: 1 },
      ),
    ).toThrow(/Invalid A/);
  });
});
