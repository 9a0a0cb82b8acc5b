import { type DenseMatrix, eigh, InvalidArgumentError, type MatrixInput, toDense } from '@infogeom/linalg';
import type { FisherEigenpairs, FisherOperator, TopEigenOptions } from './fisher-operator.js';
import {
  checkK,
  checkLength,
  checkPsdValues,
  columnsMatrix,
  dampedLogdet,
  dampedReciprocals,
  maxAbs,
  outVec,
  topIndices,
} from './spectral.js';

/** A dense Fisher operator ({@link denseFisher}). */
export interface DenseFisher extends FisherOperator {
  /** Always 'dense'. */
  readonly kind: 'dense';
  /** The (symmetrised) matrix F. */
  readonly matrix: DenseMatrix;
  /** Eigenvalues of F, ascending (computed once, at construction). */
  readonly eigenvalues: Float64Array;
}

/**
 * A Fisher information matrix stored densely. F is validated (square, symmetric to 1e-10 relative,
 * positive semi-definite up to rounding) and eigendecomposed once, F = VΛVᵀ; `solve`, `logdet` and
 * `topEigen` are exact through that decomposition (O(p²) per solve).
 * @param F - symmetric positive semi-definite p×p matrix
 * @throws InvalidArgumentError naming `F` when F is not symmetric
 * @throws NotPositiveDefiniteError naming `F` when F has a detectably negative eigenvalue
 * @example
 * ```ts
 * import { denseFisher } from '@infogeom/fisher';
 *
 * const F = denseFisher([[2, 1], [1, 2]]); // eigenvalues 1 and 3
 * console.log(F.logdet().toFixed(12), Math.log(3).toFixed(12));
 * // (F + λI)⁻¹b with λ = 1: (1, 1) is an eigenvector of F + I with eigenvalue 4
 * console.log(Array.from(F.solve(Float64Array.of(1, 1), 1), (v) => +v.toFixed(12)));
 * ```
 *
 * ```txt [output]
 * 1.098612288668 1.098612288668
 * [ 0.25, 0.25 ]
 * ```
 */
export function denseFisher(F: MatrixInput): DenseFisher {
  const M = toDense(F, 'F', { square: true }).clone();
  const n = M.rows;
  const a = M.data;
  const scale = maxAbs(a);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < i; j++) {
      const x = a[i * n + j]!;
      const y = a[j * n + i]!;
      if (Math.abs(x - y) > 1e-10 * scale) throw new InvalidArgumentError('F', M, 'a symmetric matrix');
      a[i * n + j] = a[j * n + i] = 0.5 * (x + y);
    }
  const { values, vectors } = eigh(M);
  checkPsdValues(values, 'F');
  const spectralApply = (b: Float64Array, f: Float64Array): Float64Array => {
    const V = vectors.data;
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const bi = b[i]!;
      if (bi === 0) continue;
      for (let j = 0; j < n; j++) z[j]! += V[i * n + j]! * bi;
    }
    for (let j = 0; j < n; j++) z[j]! *= f[j]!;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += V[i * n + j]! * z[j]!;
      x[i] = s;
    }
    return x;
  };
  return {
    kind: 'dense',
    dim: n,
    shape: [n, n] as const,
    symmetric: true,
    matrix: M,
    eigenvalues: values,
    mv(v, out) {
      checkLength(v, n, 'v');
      const y = outVec(n, out);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += a[i * n + j]! * v[j]!;
        y[i] = s;
      }
      return y;
    },
    solve(b, damping) {
      checkLength(b, n, 'b');
      return spectralApply(b, dampedReciprocals(values, damping));
    },
    trace() {
      let s = 0;
      for (let i = 0; i < n; i++) s += a[i * n + i]!;
      return s;
    },
    logdet: (damping = 0) => dampedLogdet(values, damping),
    diag: () => M.diag(),
    topEigen(k: number, _options?: TopEigenOptions): FisherEigenpairs {
      checkK(k, n);
      const idx = topIndices(values, k);
      return {
        values: Float64Array.from(idx, (i) => values[i]!),
        vectors: columnsMatrix(n, k, (j) => vectors.column(idx[j]!)),
      };
    },
    toDense: () => M.clone(),
  };
}
