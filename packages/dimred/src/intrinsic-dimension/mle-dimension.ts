import { InvalidArgumentError, type MatrixInput } from '@infogeom/linalg';
import { type DimensionEstimate, type DimensionKnnOptions, dimensionKnn } from './dimension-knn.js';

/** Options of {@link mleDimension}. */
export interface MleDimensionOptions extends DimensionKnnOptions {
  /** Smallest neighbourhood size k₁ (default 10, Levina & Bickel's choice). */
  readonly kMin?: number;
  /** Largest neighbourhood size k₂ (default 20); the estimate is averaged over k ∈ [k₁, k₂]. */
  readonly kMax?: number;
}

/**
 * Maximum-likelihood intrinsic dimension (Levina & Bickel 2005) with the MacKay–Ghahramani correction:
 * for each k the per-point inverse estimates 1/m̂ₖ(xᵢ) = (1/(k−1)) Σ_{j<k} log(Tₖ(xᵢ)/Tⱼ(xᵢ)) are
 * averaged before inverting, m̂ₖ = [(1/n) Σᵢ 1/m̂ₖ(xᵢ)]⁻¹, then m̂ = mean over k ∈ [k₁, k₂].
 * `local` holds the per-point estimates at k₂. Duplicate points (a zero neighbour distance) are
 * rejected with InvalidArgumentError, since the likelihood is undefined there.
 * @param points - n × D data
 * @param options - k₁, k₂, optional precomputed kNN graph
 */
export function mleDimension(points: MatrixInput, options: MleDimensionOptions = {}): DimensionEstimate {
  const k1 = options.kMin ?? 10;
  const k2 = options.kMax ?? 20;
  if (!Number.isInteger(k1) || k1 < 2) throw new InvalidArgumentError('kMin', k1, 'an integer ≥ 2');
  if (!Number.isInteger(k2) || k2 < k1)
    throw new InvalidArgumentError('kMax', k2, `an integer ≥ kMin = ${k1}`);
  const knn = dimensionKnn(points, k2, options.knn);
  const { n } = knn;
  const logs = new Float64Array(k2);
  const inverseSums = new Float64Array(k2 + 1);
  const local = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k2; j++) {
      const t = knn.distances[i * knn.k + j]!;
      if (!(t > 0))
        throw new InvalidArgumentError(
          'points',
          `duplicate of point ${i}`,
          'distinct points (zero neighbour distance)',
        );
      logs[j] = Math.log(t);
    }
    // prefix sums give Σ_{j<k} log(T_k / T_j) for every k in one pass
    let prefix = 0;
    for (let k = 2; k <= k2; k++) {
      prefix += logs[k - 2]!;
      const inv = ((k - 1) * logs[k - 1]! - prefix) / (k - 1);
      if (k >= k1) inverseSums[k]! += inv;
      if (k === k2) local[i] = inv > 0 ? 1 / inv : Number.POSITIVE_INFINITY;
    }
  }
  let total = 0;
  for (let k = k1; k <= k2; k++) total += n / inverseSums[k]!;
  return { dimension: total / (k2 - k1 + 1), local };
}
