import { gram, InvalidArgumentError, type MatrixInput, toDense } from '@infogeom/linalg';
import { type DenseFisher, denseFisher } from './dense-fisher.js';
import { type LowRankFisher, lowRankFisher } from './low-rank-fisher.js';

/** Options of {@link empiricalFisherFromGradients}. */
export interface EmpiricalFisherOperatorOptions {
  /** 'dense', 'lowRank', or 'auto' (default: low-rank when n < p, dense otherwise). */
  representation?: 'auto' | 'dense' | 'lowRank';
}

/**
 * The empirical Fisher F = (1/n) Σ gₙgₙᵀ of n per-example gradients (Kunstner et al. 2019 warn that
 * it is not the Fisher unless the targets are drawn from the model). Dense: Gram matrix GᵀG/n;
 * low-rank: U = Gᵀ/√n with unit weights (rank ≤ n, Woodbury solves in O(pn²)).
 * @param perExampleGrads - n×p matrix, one gradient per row
 * @param options - representation
 */
export function empiricalFisherFromGradients(
  perExampleGrads: MatrixInput,
  options: EmpiricalFisherOperatorOptions = {},
): DenseFisher | LowRankFisher {
  const V = toDense(perExampleGrads, 'perExampleGrads');
  const n = V.rows;
  if (n === 0) throw new InvalidArgumentError('perExampleGrads', V, 'at least one row');
  const rep = options.representation ?? 'auto';
  if (rep !== 'auto' && rep !== 'dense' && rep !== 'lowRank')
    throw new InvalidArgumentError('options.representation', rep, "'auto', 'dense' or 'lowRank'");
  if (rep === 'dense' || (rep === 'auto' && n >= V.cols)) {
    const F = gram(V);
    for (let i = 0; i < F.data.length; i++) F.data[i]! /= n;
    return denseFisher(F);
  }
  const U = V.transpose();
  const sc = 1 / Math.sqrt(n);
  for (let i = 0; i < U.data.length; i++) U.data[i]! *= sc;
  return lowRankFisher(U);
}
