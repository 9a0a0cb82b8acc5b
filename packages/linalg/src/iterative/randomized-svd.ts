import type { DenseMatrix, MatrixInput } from '../core/dense-matrix.js';
import { InvalidArgumentError } from '../core/errors.js';
import type { LinearOperator } from '../core/linear-operator.js';
import type { Rng } from '../random/rng.js';
import { columnsToDense, combine, gaussianVector, orthonormalize } from './block.js';
import { jacobiSvdColumns } from './jacobi-svd.js';
import { asOperator, randomizedSizes, resolveRng } from './util.js';

/** Options for {@link randomizedSvd} and randomizedEigh. */
export interface RandomizedOptions {
  /** Number of singular (eigen) pairs wanted, 1 ≤ rank ≤ min(m, n). */
  rank: number;
  /** Extra random directions beyond `rank` (default 10). */
  oversampling?: number;
  /** Subspace (power) iterations, re-orthonormalised each time (default 2). */
  powerIterations?: number;
  /** Seed of the Gaussian test matrix (default 0). */
  seed?: number;
  /** Random source (overrides `seed`). */
  rng?: Rng;
}

/** Result of {@link randomizedSvd}: A ≈ U diag(s) Vᵀ. */
export interface RandomizedSvdResult {
  /** m×rank left singular vectors (orthonormal columns). */
  U: DenseMatrix;
  /** The rank largest singular values, descending. */
  s: Float64Array;
  /** n×rank right singular vectors (orthonormal columns). */
  V: DenseMatrix;
}

/**
 * Truncated SVD by randomized range finding (Halko, Martinsson & Tropp 2011, Alg. 4.4 + 5.1):
 * Q = orth((AAᵀ)^q AΩ), then an exact one-sided Jacobi SVD of the small factor QᵀA.
 * @param A - an operator with `rmv` (or symmetric), or a dense matrix
 * @param options - rank, oversampling, power iterations, seed
 */
export function randomizedSvd(
  A: LinearOperator | MatrixInput,
  options: RandomizedOptions,
): RandomizedSvdResult {
  const op = asOperator(A);
  const [m, n] = op.shape;
  const [rank, l, q] = randomizedSizes(options, m, n);
  const rmv = op.rmv?.bind(op) ?? (op.symmetric === true ? op.mv.bind(op) : undefined);
  if (rmv === undefined) throw new InvalidArgumentError('A', A, 'an operator with rmv (or a symmetric one)');
  const rng = resolveRng(options);
  const fill = (Q: Float64Array[], dim: number): Float64Array[] => {
    let out = Q;
    for (let t = 0; out.length < l && t < 3 * l; t++)
      out = out.concat(orthonormalize([gaussianVector(dim, rng)], out));
    return out;
  };
  const omega = Array.from({ length: l }, () => gaussianVector(n, rng));
  let Q = fill(orthonormalize(omega.map((w) => op.mv(w))), m);
  for (let it = 0; it < q; it++) {
    const Z = fill(orthonormalize(Q.map((x) => rmv(x))), n);
    Q = fill(orthonormalize(Z.map((z) => op.mv(z))), m);
  }
  // Bᵀ = AᵀQ (n×l); Bᵀ G = Ũ Σ ⇒ A ≈ QB = (QG) Σ Ũᵀ.
  const Bt = Q.map((x) => rmv(x));
  const { U: Vt, s, G } = jacobiSvdColumns(Bt);
  const keep = Array.from({ length: rank }, (_, j) => j);
  const U = combine(Q, G, keep);
  return { U: columnsToDense(U, m), s: s.slice(0, rank), V: columnsToDense(Vt.slice(0, rank), n) };
}
