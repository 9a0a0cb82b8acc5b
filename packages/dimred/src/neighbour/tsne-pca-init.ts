import { DenseMatrix, type Rng, randomizedSvd } from '@infogeom/linalg';

/**
 * scikit-learn's PCA initialisation of t-SNE: the first `dim` principal component scores of the centred
 * data (randomized SVD, signs fixed so that each component's largest loading is positive, as
 * `svd_flip`), rescaled so that the first coordinate has standard deviation 1e-4.
 * @param X - n × D data
 * @param dim - embedding dimension (≤ min(n, D))
 * @param rng - random source of the randomized SVD
 */
export function pcaInit(X: DenseMatrix, dim: number, rng: Rng): Float64Array {
  const { rows: n, cols: D } = X;
  const C = new DenseMatrix(n, D, X.data.slice());
  for (let d = 0; d < D; d++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += C.data[i * D + d]!;
    m /= n;
    for (let i = 0; i < n; i++) C.data[i * D + d]! -= m;
  }
  const { U, s, V } = randomizedSvd(C, { rank: dim, rng, powerIterations: 4 });
  const Y = new Float64Array(n * dim);
  for (let j = 0; j < dim; j++) {
    let best = 0;
    for (let d = 0; d < D; d++)
      if (Math.abs(V.data[d * dim + j]!) > Math.abs(V.data[best * dim + j]!)) best = d;
    const sign = V.data[best * dim + j]! < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) Y[i * dim + j] = sign * U.data[i * dim + j]! * s[j]!;
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += Y[i * dim]!;
  mean /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (Y[i * dim]! - mean) ** 2;
  const sd = Math.sqrt(v / n);
  const scale = sd > 0 ? 1e-4 / sd : 1;
  for (let t = 0; t < Y.length; t++) Y[t]! *= scale;
  return Y;
}
