import type { DenseMatrix } from '../core/dense-matrix.js';
import { DimensionMismatchError } from '../core/errors.js';
import type { Rng } from './rng.js';

/**
 * One draw from Normal(mean, L·Lᵀ) given a lower-triangular Cholesky factor L: mean + L·z with
 * z standard normal. Only the lower triangle of `choleskyFactor` is read.
 * @param rng - the generator to draw from
 * @param mean - the mean vector (length n)
 * @param choleskyFactor - n×n lower-triangular L with Σ = L·Lᵀ
 * @param out - optional output of length n
 * @throws DimensionMismatchError when the shapes disagree
 */
export function sampleMultivariateNormal(
  rng: Rng,
  mean: ArrayLike<number>,
  choleskyFactor: DenseMatrix,
  out?: Float64Array,
): Float64Array {
  const n = mean.length;
  const { rows, cols, data } = choleskyFactor;
  if (rows !== n || cols !== n) {
    throw new DimensionMismatchError('choleskyFactor.shape', `${rows}×${cols}`, `${n}×${n} (mean.length)`);
  }
  const x = out ?? new Float64Array(n);
  if (x.length !== n) throw new DimensionMismatchError('out.length', x.length, `${n}`);
  const z = rng.fillNormal(new Float64Array(n));
  for (let i = 0; i < n; i++) {
    let s = mean[i]!;
    const row = i * n;
    for (let j = 0; j <= i; j++) s += data[row + j]! * z[j]!;
    x[i] = s;
  }
  return x;
}
