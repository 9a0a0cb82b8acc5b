import { DenseMatrix, eigh, InvalidArgumentError, type MatrixInput, toDense } from '@infogeom/linalg';

/** Result of {@link classicalMds}. */
export interface ClassicalMdsResult {
  /** n × d coordinates: the top eigenvectors of B = −½ J D⁽²⁾ J scaled by √λ. */
  readonly embedding: DenseMatrix;
  /** The d largest eigenvalues of B, descending. */
  readonly eigenvalues: Float64Array;
  /** Sum of |negative eigenvalues| over sum of |all eigenvalues| of B: 0 for a Euclidean distance matrix. */
  readonly negativeMass: number;
}

/**
 * Classical (Torgerson) multidimensional scaling of a distance matrix: double-centre the squared
 * distances, B = −½ J D⁽²⁾ J with J = I − 11ᵀ/n, and keep the d leading eigenpairs. Each embedding
 * column's sign is fixed so that its largest-magnitude entry is positive (deterministic output).
 * @param distances - symmetric n × n distances
 * @param d - target dimension, 1 ≤ d ≤ n
 * @throws InvalidArgumentError when d is out of range or a kept eigenvalue is not positive
 */
export function classicalMds(distances: MatrixInput, d: number): ClassicalMdsResult {
  const D = toDense(distances, 'distances', { square: true });
  const n = D.rows;
  if (!Number.isInteger(d) || d < 1 || d > n)
    throw new InvalidArgumentError('nComponents', d, `an integer in [1, ${n}]`);
  const B = new DenseMatrix(n, n);
  const rowMean = new Float64Array(n);
  let all = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) {
      const v = D.data[i * n + j]!;
      const sq = v * v;
      B.data[i * n + j] = sq;
      s += sq;
    }
    rowMean[i] = s / n;
    all += s;
  }
  all /= n * n;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      B.data[i * n + j] = -0.5 * (B.data[i * n + j]! - rowMean[i]! - rowMean[j]! + all);
  const { values, vectors } = eigh(B);
  let neg = 0;
  let tot = 0;
  for (const v of values) {
    tot += Math.abs(v);
    if (v < 0) neg -= v;
  }
  const Y = new DenseMatrix(n, d);
  const eigenvalues = new Float64Array(d);
  for (let c = 0; c < d; c++) {
    const col = n - 1 - c;
    const lambda = values[col]!;
    if (!(lambda > 0))
      throw new InvalidArgumentError(
        'nComponents',
        d,
        `at most the number of positive eigenvalues (λ_${c + 1} = ${lambda})`,
      );
    eigenvalues[c] = lambda;
    let big = 0;
    for (let i = 0; i < n; i++) {
      const v = vectors.data[i * n + col]!;
      if (Math.abs(v) > Math.abs(big)) big = v;
    }
    const s = (big < 0 ? -1 : 1) * Math.sqrt(lambda);
    for (let i = 0; i < n; i++) Y.data[i * d + c] = s * vectors.data[i * n + col]!;
  }
  return { embedding: Y, eigenvalues, negativeMass: tot > 0 ? neg / tot : 0 };
}
