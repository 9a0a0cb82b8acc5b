import {
  DenseMatrix,
  InvalidArgumentError,
  type MatrixInput,
  NonFiniteError,
  toDense,
} from '@infogeom/linalg';

/**
 * Pairwise Fisher–Rao distances between histograms (rows of `histograms`, each normalised to sum 1):
 * the categorical/multinomial closed form d(p, q) = 2·arccos Σᵢ √(pᵢqᵢ), evaluated as
 * 4·arcsin(½‖√p − √q‖) so that nearby histograms keep full relative accuracy.
 * @param histograms - n × B non-negative counts or probabilities, each row with a positive sum
 * @returns the symmetric n × n distance matrix (zero diagonal), entries in [0, π]
 * @throws NonFiniteError for NaN/±∞; InvalidArgumentError for negative entries or an all-zero row
 */
export function histogramFisherRaoDistances(histograms: MatrixInput): DenseMatrix {
  const H = toDense(histograms, 'histograms');
  const { rows: n, cols: b } = H;
  if (n < 1 || b < 1) throw new InvalidArgumentError('histograms', H, 'at least one row and one bin');
  const roots = new Float64Array(n * b);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < b; j++) {
      const v = H.data[i * b + j]!;
      if (!Number.isFinite(v)) throw new NonFiniteError(`histograms[${i}][${j}]`, v, 'a finite number');
      if (v < 0) throw new InvalidArgumentError(`histograms[${i}][${j}]`, v, 'a non-negative count');
      s += v;
    }
    if (!(s > 0)) throw new InvalidArgumentError(`histograms[${i}]`, s, 'a row with a positive sum');
    for (let j = 0; j < b; j++) roots[i * b + j] = Math.sqrt(H.data[i * b + j]! / s);
  }
  const D = new DenseMatrix(n, n);
  for (let i = 0; i < n; i++)
    for (let k = i + 1; k < n; k++) {
      let s = 0;
      for (let j = 0; j < b; j++) {
        const t = roots[i * b + j]! - roots[k * b + j]!;
        s += t * t;
      }
      const d = 4 * Math.asin(Math.min(1, 0.5 * Math.sqrt(s)));
      D.data[i * n + k] = d;
      D.data[k * n + i] = d;
    }
  return D;
}
