import { DenseMatrix, type MatrixInput, toDense } from '../core/dense-matrix.js';
import { InvalidArgumentError } from '../core/errors.js';
import type { LinearOperator } from '../core/linear-operator.js';
import { checkInput, outVector } from './util.js';

/** A {@link LinearOperator} backed by a dense matrix (what {@link denseOperator} returns). */
export interface DenseOperator extends LinearOperator {
  /** The wrapped matrix (validated, row-major). */
  readonly matrix: DenseMatrix;
}

/**
 * Wraps a dense matrix as a {@link LinearOperator} (mv, rmv, diag; `symmetric` detected exactly).
 * The matrix is converted (and validated) once; the operator reads its row-major data.
 * @param A - any {@link MatrixInput}
 */
export function denseOperator(A: MatrixInput): DenseOperator {
  const M = toDense(A, 'A');
  const { rows, cols, data } = M;
  return {
    shape: [rows, cols] as const,
    matrix: M,
    symmetric: M.isSymmetric(0),
    mv(x, out) {
      checkInput(x, cols);
      const y = outVector(rows, out);
      for (let i = 0; i < rows; i++) {
        const off = i * cols;
        let s0 = 0;
        let s1 = 0;
        let j = 0;
        for (; j + 1 < cols; j += 2) {
          s0 += data[off + j]! * x[j]!;
          s1 += data[off + j + 1]! * x[j + 1]!;
        }
        if (j < cols) s0 += data[off + j]! * x[j]!;
        y[i] = s0 + s1;
      }
      return y;
    },
    rmv(x, out) {
      checkInput(x, rows);
      const y = outVector(cols, out);
      y.fill(0);
      for (let i = 0; i < rows; i++) {
        const xi = x[i]!;
        if (xi === 0) continue;
        const off = i * cols;
        for (let j = 0; j < cols; j++) y[j]! += data[off + j]! * xi;
      }
      return y;
    },
    diag: () => M.diag(),
  };
}

/**
 * The square diagonal operator diag(d).
 * @param d - the diagonal entries
 */
export function diagonalOperator(d: ArrayLike<number>): LinearOperator {
  const dd = Float64Array.from(d);
  const n = dd.length;
  const mv = (x: Float64Array, out?: Float64Array): Float64Array => {
    checkInput(x, n);
    const y = outVector(n, out);
    for (let i = 0; i < n; i++) y[i] = dd[i]! * x[i]!;
    return y;
  };
  return { shape: [n, n] as const, symmetric: true, mv, rmv: mv, diag: () => dd.slice() };
}

/**
 * The n×n operator `scale`·I.
 * @param n - dimension (integer ≥ 0)
 * @param scale - multiple of the identity (default 1)
 */
export function identityOperator(n: number, scale = 1): LinearOperator {
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('n', n, 'an integer ≥ 0');
  if (!Number.isFinite(scale)) throw new InvalidArgumentError('scale', scale, 'a finite number');
  const mv = (x: Float64Array, out?: Float64Array): Float64Array => {
    checkInput(x, n);
    const y = outVector(n, out);
    for (let i = 0; i < n; i++) y[i] = scale * x[i]!;
    return y;
  };
  return {
    shape: [n, n] as const,
    symmetric: true,
    mv,
    rmv: mv,
    diag: () => new Float64Array(n).fill(scale),
  };
}

/**
 * Materialises any operator as a dense matrix by applying it to the unit vectors (n mat-vecs).
 * Meant for tests and brute-force references on small operators.
 * @param A - the operator
 */
export function operatorToDense(A: LinearOperator): DenseMatrix {
  const [rows, cols] = A.shape;
  const out = new DenseMatrix(rows, cols);
  const e = new Float64Array(cols);
  const y = new Float64Array(rows);
  for (let j = 0; j < cols; j++) {
    e[j] = 1;
    A.mv(e, y);
    for (let i = 0; i < rows; i++) out.data[i * cols + j] = y[i]!;
    e[j] = 0;
  }
  return out;
}
