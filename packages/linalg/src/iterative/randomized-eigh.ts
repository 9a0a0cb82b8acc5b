import { DenseMatrix, type MatrixInput } from '../core/dense-matrix.js';
import type { LinearOperator } from '../core/linear-operator.js';
import { dot } from '../core/vector.js';
import { eigh } from '../kernels/eigh.js';
import { columnsToDense, combine, gaussianVector, normalizeSign, orthonormalize } from './block.js';
import type { RandomizedOptions } from './randomized-svd.js';
import { asOperator, randomizedSizes, resolveRng, squareSize } from './util.js';

/** Result of {@link randomizedEigh}. */
export interface RandomizedEighResult {
  /** The `rank` eigenvalues of largest magnitude, ordered by decreasing |λ|. */
  values: Float64Array;
  /** n×rank orthonormal eigenvectors as columns, paired with `values`. */
  vectors: DenseMatrix;
}

/**
 * Dominant eigenpairs (largest |λ|) of a symmetric operator by randomized subspace iteration and a
 * Rayleigh–Ritz step on the sketch (Halko, Martinsson & Tropp 2011, Alg. 4.4 + 5.3).
 * @param A - symmetric operator or dense matrix
 * @param options - rank, oversampling, power iterations, seed
 */
export function randomizedEigh(
  A: LinearOperator | MatrixInput,
  options: RandomizedOptions,
): RandomizedEighResult {
  const op = asOperator(A);
  const n = squareSize(op);
  const [rank, l, q] = randomizedSizes(options, n, n);
  const rng = resolveRng(options);
  const fill = (Q: Float64Array[]): Float64Array[] => {
    let out = Q;
    for (let t = 0; out.length < l && t < 3 * l; t++)
      out = out.concat(orthonormalize([gaussianVector(n, rng)], out));
    return out;
  };
  let Q = fill(orthonormalize(Array.from({ length: l }, () => op.mv(gaussianVector(n, rng)))));
  for (let it = 0; it < q; it++) Q = fill(orthonormalize(Q.map((x) => op.mv(x))));
  const AQ = Q.map((x) => op.mv(x));
  const s = Q.length;
  const T = DenseMatrix.fromFunction(s, s, (i, j) => (dot(Q[i]!, AQ[j]!) + dot(Q[j]!, AQ[i]!)) / 2);
  const { values, vectors } = eigh(T);
  const order = Array.from({ length: s }, (_, j) => j)
    .sort((a, b) => Math.abs(values[b]!) - Math.abs(values[a]!))
    .slice(0, rank);
  const X = combine(Q, vectors, order);
  for (const x of X) normalizeSign(x);
  return { values: Float64Array.from(order, (j) => values[j]!), vectors: columnsToDense(X, n) };
}
