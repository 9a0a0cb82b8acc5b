/** Test-only helpers for the dense decompositions (excluded from the build). */
import { DenseMatrix } from '../../core/dense-matrix.js';
import { createRng, type Rng } from '../../random/rng.js';

/** A fixed-seed generator for tests. */
export function rng(seed = 12345): Rng {
  return createRng(seed);
}

/** An m×n matrix of standard normal entries. */
export function randn(r: Rng, m: number, n: number): DenseMatrix {
  return DenseMatrix.fromFunction(m, n, () => r.normal());
}

/** Naive triple-loop product (an independent reference for the kernels). */
export function mul(a: DenseMatrix, b: DenseMatrix): DenseMatrix {
  const out = new DenseMatrix(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < b.cols; j++) {
      let s = 0;
      for (let k = 0; k < a.cols; k++) s += a.data[i * a.cols + k]! * b.data[k * b.cols + j]!;
      out.data[i * b.cols + j] = s;
    }
  return out;
}

/** Q diag(values) Qᵀ with a random orthogonal Q: a symmetric matrix with the given spectrum. */
export function withSpectrum(r: Rng, values: ArrayLike<number>): DenseMatrix {
  const n = values.length;
  const q = randomOrthogonal(r, n);
  const qd = DenseMatrix.fromFunction(n, n, (i, j) => q.get(i, j) * values[j]!);
  const a = mul(qd, q.transpose());
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a.data[j * n + i] = a.data[i * n + j]!;
  return a;
}

/** A random orthogonal matrix by modified Gram–Schmidt (twice) on a Gaussian matrix. */
export function randomOrthogonal(r: Rng, n: number): DenseMatrix {
  const g = randn(r, n, n).transpose(); // rows are the vectors
  const d = g.data;
  for (let pass = 0; pass < 2; pass++)
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < i; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += d[i * n + k]! * d[j * n + k]!;
        for (let k = 0; k < n; k++) d[i * n + k]! -= s * d[j * n + k]!;
      }
      let s = 0;
      for (let k = 0; k < n; k++) s += d[i * n + k]! ** 2;
      s = Math.sqrt(s);
      for (let k = 0; k < n; k++) d[i * n + k]! /= s;
    }
  return g.transpose();
}

/** A random SPD matrix GGᵀ + shift·I. */
export function randomSpd(r: Rng, n: number, shift = 0.1): DenseMatrix {
  const g = randn(r, n, n);
  const a = mul(g, g.transpose());
  for (let i = 0; i < n; i++) a.data[i * n + i]! += shift * n;
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a.data[j * n + i] = a.data[i * n + j]!;
  return a;
}

/** max|aᵢⱼ − bᵢⱼ| / max(max|bᵢⱼ|, tiny): the relative error used throughout the tests. */
export function relErr(a: DenseMatrix | ArrayLike<number>, b: DenseMatrix | ArrayLike<number>): number {
  const x = a instanceof DenseMatrix ? a.data : a;
  const y = b instanceof DenseMatrix ? b.data : b;
  if (x.length !== y.length) throw new Error(`length ${x.length} ≠ ${y.length}`);
  let num = 0;
  let den = 0;
  for (let k = 0; k < x.length; k++) {
    num = Math.max(num, Math.abs(x[k]! - y[k]!));
    den = Math.max(den, Math.abs(y[k]!));
  }
  return num / Math.max(den, 1e-300);
}

/** max|QᵀQ − I| for a matrix whose columns should be orthonormal. */
export function orthoErr(q: DenseMatrix): number {
  const g = mul(q.transpose(), q);
  let e = 0;
  for (let i = 0; i < g.rows; i++)
    for (let j = 0; j < g.cols; j++) e = Math.max(e, Math.abs(g.get(i, j) - (i === j ? 1 : 0)));
  return e;
}

/** The n×n Hilbert matrix 1/(i + j + 1). */
export function hilbert(n: number): DenseMatrix {
  return DenseMatrix.fromFunction(n, n, (i, j) => 1 / (i + j + 1));
}

/** Records the worst value of a named error measure across a test file (printed by `report`). */
export const worst: Record<string, number> = {};

/** Keeps the maximum of `value` under `name` and returns `value`. */
export function track(name: string, value: number): number {
  worst[name] = Math.max(worst[name] ?? 0, value);
  return value;
}

/** Normwise backward error max|AX − B| / (n·max|A|·max|X| + max|B|): O(ε) for a backward-stable solve. */
export function backwardErr(a: DenseMatrix, x: DenseMatrix, b: DenseMatrix): number {
  const r = mul(a, x);
  const maxAbs = (d: Float64Array): number => d.reduce((acc, v) => Math.max(acc, Math.abs(v)), 0);
  for (let i = 0; i < r.data.length; i++) r.data[i]! -= b.data[i]!;
  return maxAbs(r.data) / (a.cols * maxAbs(a.data) * maxAbs(x.data) + maxAbs(b.data));
}

/** Number of index pairs (i, j) of an r×c grid where `bad(i, j)` holds (one assertion instead of r·c). */
export function countWhere(r: number, c: number, bad: (i: number, j: number) => boolean): number {
  let k = 0;
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) if (bad(i, j)) k++;
  return k;
}
