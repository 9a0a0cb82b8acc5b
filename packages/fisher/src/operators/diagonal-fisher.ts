import { DenseMatrix, InvalidArgumentError, NotPositiveDefiniteError } from '@infogeom/linalg';
import type { FisherOperator } from './fisher-operator.js';
import { checkK, checkLength, dampedLogdet, dampedReciprocals, outVec, topIndices } from './spectral.js';

/** A diagonal Fisher operator ({@link diagonalFisher}). */
export interface DiagonalFisher extends FisherOperator {
  /** Always 'diagonal'. */
  readonly kind: 'diagonal';
}

/**
 * F = diag(d): everything is exact and O(p); the eigenvectors of `topEigen` are unit vectors.
 * @param d - non-negative diagonal entries
 * @throws InvalidArgumentError naming `d` for a non-finite entry
 * @throws NotPositiveDefiniteError naming `d` for a negative entry
 * @example
 * ```ts
 * import { diagonalFisher } from '@infogeom/fisher';
 *
 * const F = diagonalFisher([1, 4]);
 * console.log(Array.from(F.solve(Float64Array.of(1, 1), 0))); // F⁻¹(1, 1)
 * console.log(F.logdet().toFixed(12), Math.log(4).toFixed(12));
 * ```
 *
 * ```txt [output]
 * [ 1, 0.25 ]
 * 1.386294361120 1.386294361120
 * ```
 */
export function diagonalFisher(d: ArrayLike<number>): DiagonalFisher {
  const dd = Float64Array.from(d);
  const n = dd.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(dd[i]!)) throw new InvalidArgumentError('d', dd[i], 'finite entries');
    if (dd[i]! < 0) throw new NotPositiveDefiniteError('d', dd[i], 'non-negative entries');
  }
  return {
    kind: 'diagonal',
    dim: n,
    shape: [n, n] as const,
    symmetric: true,
    mv(v, out) {
      checkLength(v, n, 'v');
      const y = outVec(n, out);
      for (let i = 0; i < n; i++) y[i] = dd[i]! * v[i]!;
      return y;
    },
    solve(b, damping) {
      checkLength(b, n, 'b');
      const r = dampedReciprocals(dd, damping);
      for (let i = 0; i < n; i++) r[i]! *= b[i]!;
      return r;
    },
    trace: () => dd.reduce((s, x) => s + x, 0),
    logdet: (damping = 0) => dampedLogdet(dd, damping),
    diag: () => dd.slice(),
    topEigen(k) {
      checkK(k, n);
      const idx = topIndices(dd, k);
      const vectors = new DenseMatrix(n, k);
      idx.forEach((i, j) => {
        vectors.data[i * k + j] = 1;
      });
      return { values: Float64Array.from(idx, (i) => dd[i]!), vectors };
    },
    toDense: () => DenseMatrix.diagonal(dd),
  };
}
