import { DenseMatrix, type MatrixInput, toDense } from '../core/dense-matrix.js';
import { tridiagonalDivideAndConquer } from './divide-and-conquer.js';
import { householderBackTransform } from './householder-back-transform.js';
import { scaleByPowerOfTwo, scaleExponent } from './power-of-two-scaling.js';
import { rowsToColumns } from './rows-to-columns.js';
import { tridiagonalQl } from './tridiagonal-ql.js';
import { tridiagonalize } from './tridiagonalize.js';

/** Result of a symmetric eigendecomposition A = V diag(values) Vᵀ. */
export interface EighResult {
  /** Eigenvalues in ascending order. */
  values: Float64Array;
  /** Orthonormal eigenvectors as columns (n×n); column k pairs with values[k]. 0×0 in values-only mode. */
  vectors: DenseMatrix;
}

/** Options for {@link eigh}. */
export interface EighOptions {
  /** Compute eigenvectors (default true). When false, `vectors` is a 0×0 matrix and the solve costs about half. */
  vectors?: boolean;
}

/**
 * Symmetric eigendecomposition A = V·diag(λ)·Vᵀ with eigenvalues in ascending order.
 *
 * Householder tridiagonalisation (rank-2 update fused with the next mat-vec, wasm SIMD when
 * available), divide-and-conquer on the tridiagonal matrix (implicit QL for values only), and a
 * blocked compact-WY back-transformation through GEMM. The input is scaled by a power of two
 * first, so matrices with entries near 1e±300 neither overflow nor underflow.
 *
 * @param A - symmetric n×n matrix; only the lower triangle is read
 * @param options - {@link EighOptions}
 * @returns ascending eigenvalues and (unless `vectors: false`) eigenvectors as columns
 * @throws DimensionMismatchError when A is not square
 * @throws NonFiniteError when an entry is NaN or ±∞
 *
 * @example
 * ```ts
 * import { eigh } from '@infogeom/linalg';
 *
 * const { values, vectors } = eigh([[2, 1], [1, 2]]);
 * console.log(Array.from(values, (v) => +v.toFixed(12))); // ascending
 * console.log(Array.from(vectors.column(1), (v) => +Math.abs(v).toFixed(6))); // ±(1, 1)/√2
 * ```
 *
 * ```txt [output]
 * [ 1, 3 ]
 * [ 0.707107, 0.707107 ]
 * ```
 */
export function eigh(A: MatrixInput, options: EighOptions = {}): EighResult {
  const M = toDense(A, 'A', { square: true });
  const n = M.rows;
  const src = M.data;
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i * n, end = i * n + i; j <= end; j++) {
      const ax = Math.abs(src[j]!);
      if (ax > maxAbs) maxAbs = ax;
    }
  }
  const wantVectors = options.vectors !== false;
  if (maxAbs === 0) {
    return {
      values: new Float64Array(n),
      vectors: wantVectors ? DenseMatrix.identity(n) : new DenseMatrix(0, 0),
    };
  }
  // upper triangle (row-major) := 2^ex · lower triangle of the input (blocked transpose)
  const ex = scaleExponent(maxAbs);
  const f = Math.abs(ex) < 1000 ? 2 ** ex : 1;
  const a = new Float64Array(n * n);
  const B = 32;
  for (let i0 = 0; i0 < n; i0 += B) {
    for (let j0 = 0; j0 <= i0; j0 += B) {
      const iEnd = Math.min(i0 + B, n);
      for (let i = i0; i < iEnd; i++) {
        const jEnd = Math.min(j0 + B, i + 1);
        for (let j = j0; j < jEnd; j++) a[j * n + i] = f * src[i * n + j]!;
      }
    }
  }
  if (f === 1) scaleByPowerOfTwo(a, ex);
  const { d, e, tau } = tridiagonalize(a, n);
  if (!wantVectors) {
    const ee = new Float64Array(n);
    ee.set(e);
    tridiagonalQl(n, d, ee);
    scaleByPowerOfTwo(d, -ex);
    return { values: d, vectors: new DenseMatrix(0, 0) };
  }
  const Z = tridiagonalDivideAndConquer(n, d, e);
  if (n > 2) householderBackTransform(Z, n, a, tau);
  scaleByPowerOfTwo(d, -ex);
  return { values: d, vectors: rowsToColumns(Z, n) };
}
