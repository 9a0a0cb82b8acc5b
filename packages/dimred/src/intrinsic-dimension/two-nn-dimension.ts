import { InvalidArgumentError, type MatrixInput } from '@infogeom/linalg';
import { type DimensionEstimate, type DimensionKnnOptions, dimensionKnn } from './dimension-knn.js';

/** Options of {@link twoNnDimension}. */
export interface TwoNnDimensionOptions extends DimensionKnnOptions {
  /** Fraction of the largest ratios μ discarded before the fit (default 0.1, as Facco et al.). */
  readonly discardFraction?: number;
}

/**
 * TwoNN intrinsic dimension (Facco, d'Errico, Rodriguez & Laio 2017): with μᵢ = r₂(xᵢ)/r₁(xᵢ) the ratio of
 * second to first neighbour distances, −log(1 − F(μ)) = d·log μ; d is the slope through the origin of a
 * least-squares fit on the empirical distribution F(μ₍ᵢ₎) = i/n, after discarding the largest
 * `discardFraction` of the ratios. Points with a duplicate (r₁ = 0) are skipped; `local` is empty.
 * @param points - n × D data
 * @param options - discard fraction, optional precomputed kNN graph
 * @example
 * ```ts
 * import { mleDimension, swissRoll, twoNnDimension } from '@infogeom/dimred';
 *
 * // A swiss roll lives in 3 dimensions but is a 2-dimensional sheet.
 * const { points } = swissRoll({ n: 2500, seed: 1 });
 * console.log(`MLE ${mleDimension(points, { k: 10 }).dimension.toFixed(2)}, TwoNN ${twoNnDimension(points).dimension.toFixed(2)}`);
 * ```
 *
 * ```txt [output]
 * MLE 1.96, TwoNN 1.91
 * ```
 */
export function twoNnDimension(points: MatrixInput, options: TwoNnDimensionOptions = {}): DimensionEstimate {
  const discard = options.discardFraction ?? 0.1;
  if (!(discard >= 0 && discard < 1))
    throw new InvalidArgumentError('discardFraction', discard, 'a number in [0, 1)');
  const knn = dimensionKnn(points, 2, options.knn);
  const mu: number[] = [];
  for (let i = 0; i < knn.n; i++) {
    const r1 = knn.distances[i * knn.k]!;
    const r2 = knn.distances[i * knn.k + 1]!;
    if (r1 > 0) mu.push(r2 / r1);
  }
  const n = mu.length;
  if (n < 3)
    throw new InvalidArgumentError(
      'points',
      `${n} distinct neighbour pairs`,
      'at least 3 points without duplicates',
    );
  mu.sort((a, b) => a - b);
  const keep = Math.max(2, Math.floor(n * (1 - discard)));
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < keep; i++) {
    const x = Math.log(mu[i]!);
    const y = -Math.log(1 - i / n);
    sxy += x * y;
    sxx += x * x;
  }
  if (!(sxx > 0)) throw new InvalidArgumentError('points', 'all ratios μ = 1', 'points in general position');
  return { dimension: sxy / sxx, local: new Float64Array(0) };
}
