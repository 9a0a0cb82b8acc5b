import {
  type CsrMatrix,
  cholesky,
  DenseMatrix,
  eigh,
  InvalidArgumentError,
  solveLowerTriangular,
} from '@infogeom/linalg';

/** Result of {@link featureLevelAlignment}. */
export interface FeatureLevelAlignment {
  /** p × d projection of the first data set's features (a new point x maps to xᵀα). */
  readonly projectionFirst: DenseMatrix;
  /** q × d projection of the second data set's features. */
  readonly projectionSecond: DenseMatrix;
  /** The d smallest generalised eigenvalues of Z L Zᵀ γ = λ Z D Zᵀ γ. */
  readonly eigenvalues: Float64Array;
}

/**
 * Feature-level (linear) manifold alignment (Wang & Mahadevan 2009, also Ham et al. 2005): with the joint
 * adjacency W of both data sets, its degrees D and Laplacian L = D − W, and Z = diag(Xᵀ, Yᵀ), the projections
 * γ = [α; β] solve Z L Zᵀ γ = λ Z D Zᵀ γ for the d smallest λ. Unlike the instance-level embedding these
 * are maps, so new points of either domain can be projected into the shared space.
 * @param X - n × p first data set
 * @param Y - m × q second data set
 * @param W - symmetric (n + m) × (n + m) joint adjacency (first n rows for X)
 * @param d - target dimension, at most p + q
 * @param ridge - added to Z D Zᵀ as ridge·mean(diag) (default 1e-9) so rank-deficient features stay solvable
 */
export function featureLevelAlignment(
  X: DenseMatrix,
  Y: DenseMatrix,
  W: CsrMatrix,
  d: number,
  ridge = 1e-9,
): FeatureLevelAlignment {
  const n = X.rows;
  const p = X.cols;
  const q = Y.cols;
  const f = p + q;
  if (!Number.isInteger(d) || d < 1 || d > f)
    throw new InvalidArgumentError('nComponents', d, `an integer in [1, ${f}] (p + q)`);
  if (!(ridge >= 0)) throw new InvalidArgumentError('ridge', ridge, 'a ridge ≥ 0');
  // z_i: row i of Zᵀ, its non-zero block and offset
  const block = (i: number): [Float64Array, number] =>
    i < n ? [X.data.subarray(i * p, (i + 1) * p), 0] : [Y.data.subarray((i - n) * q, (i - n + 1) * q), p];
  const A = new DenseMatrix(f, f); // Z W Zᵀ
  const B = new DenseMatrix(f, f); // Z D Zᵀ
  for (let i = 0; i < W.rows; i++) {
    const [zi, oi] = block(i);
    let deg = 0;
    for (let t = W.rowPtr[i]!; t < W.rowPtr[i + 1]!; t++) {
      const w = W.values[t]!;
      deg += w;
      const [zj, oj] = block(W.colIdx[t]!);
      for (let a = 0; a < zi.length; a++) {
        const s = w * zi[a]!;
        for (let b = 0; b < zj.length; b++) A.data[(oi + a) * f + oj + b]! += s * zj[b]!;
      }
    }
    for (let a = 0; a < zi.length; a++)
      for (let b = 0; b < zi.length; b++) B.data[(oi + a) * f + oi + b]! += deg * zi[a]! * zi[b]!;
  }
  let meanDiag = 0;
  for (let a = 0; a < f; a++) meanDiag += B.data[a * f + a]! / f;
  for (let a = 0; a < f; a++) B.data[a * f + a]! += ridge * meanDiag;
  // L = D − W, so Z L Zᵀ = B₀ − A; whiten by the Cholesky factor of B: C = R⁻¹ (Z L Zᵀ) R⁻ᵀ
  const M = new DenseMatrix(f, f);
  for (let t = 0; t < f * f; t++) M.data[t] = B.data[t]! - A.data[t]!;
  for (let a = 0; a < f; a++) M.data[a * f + a]! -= ridge * meanDiag;
  const R = cholesky(B);
  const T = solveLowerTriangular(R, M); // R⁻¹ M
  const C = solveLowerTriangular(R, T.transpose()); // R⁻¹ (R⁻¹ M)ᵀ = R⁻¹ Mᵀ R⁻ᵀ
  for (let a = 0; a < f; a++)
    for (let b = 0; b < a; b++)
      C.data[a * f + b] = C.data[b * f + a] = 0.5 * (C.data[a * f + b]! + C.data[b * f + a]!);
  const { values, vectors } = eigh(C);
  const V = new DenseMatrix(f, d);
  for (let a = 0; a < f; a++) for (let c = 0; c < d; c++) V.data[a * d + c] = vectors.data[a * f + c]!;
  const G = solveLowerTriangular(R, V, { transpose: true }); // γ = R⁻ᵀ v
  const projectionFirst = new DenseMatrix(p, d);
  const projectionSecond = new DenseMatrix(q, d);
  for (let c = 0; c < d; c++) {
    let big = 0;
    for (let a = 0; a < f; a++) if (Math.abs(G.data[a * d + c]!) > Math.abs(big)) big = G.data[a * d + c]!;
    const sign = big < 0 ? -1 : 1;
    for (let a = 0; a < p; a++) projectionFirst.data[a * d + c] = sign * G.data[a * d + c]!;
    for (let b = 0; b < q; b++) projectionSecond.data[b * d + c] = sign * G.data[(p + b) * d + c]!;
  }
  return { projectionFirst, projectionSecond, eigenvalues: values.slice(0, d) };
}
