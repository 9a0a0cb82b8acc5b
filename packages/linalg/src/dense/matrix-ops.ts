/** Small elementwise helpers on dense matrices: sums, scaling, trace, Frobenius norm, symmetrisation. */

import { assertFiniteNumber } from '../core/assert.js';
import { DenseMatrix, type MatrixInput, toDense } from '../core/dense-matrix.js';
import { DimensionMismatchError, InvalidArgumentError } from '../core/errors.js';

function sameShape(a: DenseMatrix, b: DenseMatrix): void {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new DimensionMismatchError('B.shape', `${b.rows}×${b.cols}`, `A.shape = ${a.rows}×${a.cols}`);
  }
}

/** A + B, as a new matrix. */
export function add(A: MatrixInput, B: MatrixInput): DenseMatrix {
  const a = toDense(A, 'A');
  const b = toDense(B, 'B');
  sameShape(a, b);
  const out = new Float64Array(a.data.length);
  for (let k = 0; k < out.length; k++) out[k] = a.data[k]! + b.data[k]!;
  return new DenseMatrix(a.rows, a.cols, out);
}

/** A − B, as a new matrix. */
export function sub(A: MatrixInput, B: MatrixInput): DenseMatrix {
  const a = toDense(A, 'A');
  const b = toDense(B, 'B');
  sameShape(a, b);
  const out = new Float64Array(a.data.length);
  for (let k = 0; k < out.length; k++) out[k] = a.data[k]! - b.data[k]!;
  return new DenseMatrix(a.rows, a.cols, out);
}

/** αA, as a new matrix. */
export function scale(A: MatrixInput, alpha: number): DenseMatrix {
  assertFiniteNumber('alpha', alpha);
  const a = toDense(A, 'A');
  const out = new Float64Array(a.data.length);
  for (let k = 0; k < out.length; k++) out[k] = alpha * a.data[k]!;
  return new DenseMatrix(a.rows, a.cols, out);
}

/** Sum of the diagonal of a square matrix. */
export function trace(A: MatrixInput): number {
  const a = toDense(A, 'A', { square: true });
  const n = a.rows;
  let s = 0;
  for (let i = 0; i < n; i++) s += a.data[i * n + i]!;
  return s;
}

/** Frobenius norm √(Σ aᵢⱼ²), scaled so that it neither overflows nor underflows. */
export function frobeniusNorm(A: MatrixInput): number {
  return scaledNorm(toDense(A, 'A').data);
}

/** Overflow-safe Euclidean norm of a flat array (internal). */
export function scaledNorm(d: ArrayLike<number>, start = 0, end = d.length, stride = 1): number {
  let amax = 0;
  for (let k = start; k < end; k += stride) {
    const v = Math.abs(d[k]!);
    if (v > amax) amax = v;
  }
  if (amax === 0 || !Number.isFinite(amax)) return amax;
  const inv = 1 / amax;
  let s0 = 0;
  for (let k = start; k < end; k += stride) {
    const v = d[k]! * inv;
    s0 += v * v;
  }
  return amax * Math.sqrt(s0);
}

/** The symmetric part (A + Aᵀ)/2 of a square matrix; exactly symmetric. */
export function symmetrize(A: MatrixInput): DenseMatrix {
  const a = toDense(A, 'A', { square: true });
  const n = a.rows;
  const out = new Float64Array(n * n);
  const d = a.data;
  for (let i = 0; i < n; i++) {
    out[i * n + i] = d[i * n + i]!;
    for (let j = 0; j < i; j++) out[i * n + j] = out[j * n + i] = 0.5 * (d[i * n + j]! + d[j * n + i]!);
  }
  return new DenseMatrix(n, n, out);
}

/** Symmetrises a square row-major buffer in place by averaging with its transpose (internal). */
export function symmetrizeInPlace(d: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) d[i * n + j] = d[j * n + i] = 0.5 * (d[i * n + j]! + d[j * n + i]!);
  }
}

/**
 * Throws {@link InvalidArgumentError} unless `a` is symmetric to a loose relative tolerance
 * (default √ε·max|a|), which accepts round-off but catches a wrong matrix (internal).
 */
export function assertSymmetric(a: DenseMatrix, argument: string, tol = 1.5e-8): void {
  if (!a.isSymmetric(tol)) {
    throw new InvalidArgumentError(argument, a, `a symmetric matrix (|aᵢⱼ − aⱼᵢ| ≤ ${tol}·max|a|)`);
  }
}
