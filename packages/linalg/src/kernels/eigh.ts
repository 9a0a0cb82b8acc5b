import { DenseMatrix, type MatrixInput, toDense } from '../core/dense-matrix.js';

/** Result of a symmetric eigendecomposition A = V diag(values) Vᵀ. */
export interface EighResult {
  /** Eigenvalues in ascending order. */
  values: Float64Array;
  /** Orthonormal eigenvectors as columns (n×n); column k pairs with values[k]. */
  vectors: DenseMatrix;
}

/** Options for {@link eigh}. */
export interface EighOptions {
  /** Compute eigenvectors (default true). When false, `vectors` is a 0×0 matrix. */
  vectors?: boolean;
}

/**
 * Symmetric eigendecomposition. PLACEHOLDER (cyclic Jacobi) until the fast solver lands.
 * @param A - a symmetric matrix (only the lower triangle is read)
 */
export function eigh(A: MatrixInput, options: EighOptions = {}): EighResult {
  const M = toDense(A, 'A', { square: true });
  const n = M.rows;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = M.data[i * n + j]!;
  const v = DenseMatrix.identity(n).data;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    if (off < 1e-300) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[x * n + x]! - a[y * n + y]!);
  const values = Float64Array.from(order, (i) => a[i * n + i]!);
  if (options.vectors === false) return { values, vectors: new DenseMatrix(0, 0) };
  const vectors = DenseMatrix.fromFunction(n, n, (i, k) => v[i * n + order[k]!]!);
  return { values, vectors };
}
