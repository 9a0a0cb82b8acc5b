import { DenseMatrix, eigh, InvalidArgumentError } from '@infogeom/linalg';

/** Nodes and weights of a Gauss–Hermite rule for the standard normal: E[f(Z)] ≈ Σᵢ wᵢ f(zᵢ). */
export interface GaussHermiteRule {
  /** Nodes zᵢ (ascending). */
  readonly nodes: Float64Array;
  /** Weights wᵢ > 0 summing to 1. */
  readonly weights: Float64Array;
}

const cache = new Map<number, GaussHermiteRule>();

/**
 * The n-point Gauss–Hermite rule for expectations under N(0, 1) (probabilists' Hermite polynomials), by
 * Golub–Welsch: the nodes are the eigenvalues of the Jacobi matrix with off-diagonal √k, the weights the
 * squared first components of its eigenvectors. Exact for polynomials of degree ≤ 2n − 1. Cached.
 * @param n - number of nodes, 1 ≤ n ≤ 200
 */
export function gaussHermite(n: number): GaussHermiteRule {
  if (!Number.isInteger(n) || n < 1 || n > 200)
    throw new InvalidArgumentError('n', n, 'an integer in [1, 200]');
  const hit = cache.get(n);
  if (hit !== undefined) return hit;
  const J = new Float64Array(n * n);
  for (let k = 1; k < n; k++) J[(k - 1) * n + k] = J[k * n + k - 1] = Math.sqrt(k);
  const { values, vectors } = eigh(new DenseMatrix(n, n, J));
  const weights = new Float64Array(n);
  let s = 0;
  for (let i = 0; i < n; i++) s += weights[i] = vectors.data[i]! ** 2; // first row, column i
  for (let i = 0; i < n; i++) weights[i]! /= s;
  const rule = { nodes: Float64Array.from(values), weights };
  cache.set(n, rule);
  return rule;
}
