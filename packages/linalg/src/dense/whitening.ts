/** PCA and ZCA (Mahalanobis) whitening of a data matrix: rows are samples, columns features. */
import { assertAtLeast, assertInteger } from '../core/assert.js';
import { DenseMatrix, type MatrixInput, toDense } from '../core/dense-matrix.js';
import { DimensionMismatchError, InvalidArgumentError, SingularMatrixError } from '../core/errors.js';
import { eigh } from '../kernels/eigh.js';
import { matmul } from '../kernels/matmul.js';
import { symmetrizeInPlace } from './matrix-ops.js';

/** Options for {@link fitWhitening}. */
export interface WhiteningOptions {
  /**
   * `'pca'` (default): rotate onto the principal axes then rescale, W = V_k Λ_k^{-1/2} (d×k).
   * `'zca'`: the symmetric W = V Λ^{-1/2} Vᵀ (d×d), whose output stays closest to the input.
   */
  method?: 'pca' | 'zca';
  /** Regulariser added to every eigenvalue of the covariance before inverting (default 0). */
  epsilon?: number;
  /** Number of principal components kept, 1…d (PCA only; default d). */
  components?: number;
}

/** A fitted whitening transform: Y = (X − mean) W has identity sample covariance. */
export interface Whitening {
  /** The method used. */
  method: 'pca' | 'zca';
  /** Feature means (length d), subtracted before whitening. */
  mean: Float64Array;
  /** Whitening matrix W (d×k): Y = (X − mean) W. */
  W: DenseMatrix;
  /** Colouring matrix C (k×d), the inverse map: X = Y C + mean (exact when k = d). */
  colouring: DenseMatrix;
  /** Principal axes as columns (d×k), in order of decreasing variance. */
  components: DenseMatrix;
  /** Sample variance (n − 1 denominator) along each principal axis, descending (length k). */
  explainedVariance: Float64Array;
  /** Each explained variance divided by the total variance. */
  explainedVarianceRatio: Float64Array;
  /** Whitens new samples: (X − mean) W, an n×k matrix. */
  transform(X: MatrixInput): DenseMatrix;
  /** Maps whitened samples back: Y C + mean, an n×d matrix. */
  inverseTransform(Y: MatrixInput): DenseMatrix;
}

/** Column means and the centred copy of x (internal). */
function centre(x: DenseMatrix, mean: Float64Array): DenseMatrix {
  const { rows: n, cols: d } = x;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[i * d + j] = x.data[i * d + j]! - mean[j]!;
  return new DenseMatrix(n, d, out);
}

/**
 * Fits a PCA or ZCA whitening transform to the rows of X (n samples × d features, n ≥ 2), from the
 * eigendecomposition of the sample covariance (n − 1 denominator). Eigenvector signs are fixed so
 * that each axis's largest-magnitude entry is positive (deterministic output).
 * @param X - data matrix, one sample per row
 * @throws SingularMatrixError naming `X` when a kept direction has (near-)zero variance and epsilon = 0
 * @example
 * ```ts
 * import { fitWhitening } from '@infogeom/linalg';
 *
 * // sample variances 8/3 and 2/3 (n − 1 denominator)
 * const w = fitWhitening([[2, 0], [-2, 0], [0, 1], [0, -1]], { method: 'zca' });
 * const Y = w.transform([[2, 0]]); // 2·√(3/8) = √(3/2)
 * const round = (v: number) => Math.round(v * 1e12) / 1e12 + 0;
 * console.log(Y.toArray()[0]!.map(round));
 * console.log(w.inverseTransform(Y).toArray()[0]!.map(round));
 * ```
 *
 * ```txt [output]
 * [ 1.224744871392, 0 ]
 * [ 2, 0 ]
 * ```
 */
export function fitWhitening(X: MatrixInput, options: WhiteningOptions = {}): Whitening {
  const method = options.method ?? 'pca';
  if (method !== 'pca' && method !== 'zca')
    throw new InvalidArgumentError('options.method', method, "'pca' or 'zca'");
  const eps = options.epsilon ?? 0;
  assertAtLeast('options.epsilon', eps, 0);
  const x = toDense(X, 'X');
  const { rows: n, cols: d } = x;
  if (n < 2) throw new InvalidArgumentError('X.rows', n, 'at least 2 samples');
  const k = options.components ?? d;
  assertInteger('options.components', k, 1, Math.max(1, d));
  if (method === 'zca' && k !== d) {
    throw new InvalidArgumentError(
      'options.components',
      k,
      `${d} (ZCA keeps every direction; use 'pca' to reduce)`,
    );
  }
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += x.data[i * d + j]!;
  for (let j = 0; j < d; j++) mean[j]! /= n;
  const xc = centre(x, mean);
  const cov = matmul(xc.transpose(), xc);
  for (let i = 0; i < cov.data.length; i++) cov.data[i]! /= n - 1;
  symmetrizeInPlace(cov.data, d);
  const { values, vectors } = eigh(cov);
  let total = 0;
  for (let j = 0; j < d; j++) total += Math.max(values[j]!, 0);
  const lmax = Math.max(values[d - 1]!, 0);
  const tiny = d * Number.EPSILON * lmax;
  const components = new DenseMatrix(d, k);
  const explainedVariance = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const src = d - 1 - c; // eigh is ascending
    const lam = Math.max(values[src]!, 0);
    if (lam + eps <= tiny || lam + eps === 0) {
      throw new SingularMatrixError(
        'X',
        `${n}×${d} matrix`,
        'data whose covariance is positive definite on the kept components',
        `variance along principal axis ${c} is ${values[src]!}; pass options.epsilon > 0 or fewer components`,
      );
    }
    explainedVariance[c] = lam;
    let big = 0;
    for (let i = 0; i < d; i++)
      if (Math.abs(vectors.data[i * d + src]!) > Math.abs(big)) big = vectors.data[i * d + src]!;
    const sign = big < 0 ? -1 : 1;
    for (let i = 0; i < d; i++) components.data[i * k + c] = sign * vectors.data[i * d + src]!;
  }
  const explainedVarianceRatio = explainedVariance.map((v) => (total > 0 ? v / total : 0));
  // PCA: W = V Λ^{-1/2}, C = Λ^{1/2} Vᵀ. ZCA: both conjugated back by V.
  const vScaled = new DenseMatrix(d, k);
  const cT = new DenseMatrix(d, k);
  for (let i = 0; i < d; i++)
    for (let c = 0; c < k; c++) {
      const s = Math.sqrt(explainedVariance[c]! + eps);
      vScaled.data[i * k + c] = components.data[i * k + c]! / s;
      cT.data[i * k + c] = components.data[i * k + c]! * s;
    }
  let W = vScaled;
  let colouring = cT.transpose();
  if (method === 'zca') {
    const vt = components.transpose();
    W = matmul(vScaled, vt);
    colouring = matmul(cT, vt);
    symmetrizeInPlace(W.data, d);
    symmetrizeInPlace(colouring.data, d);
  }
  const outCols = W.cols;
  return {
    method,
    mean,
    W,
    colouring,
    components,
    explainedVariance,
    explainedVarianceRatio,
    transform(Xnew: MatrixInput): DenseMatrix {
      const z = toDense(Xnew, 'X');
      if (z.cols !== d) throw new DimensionMismatchError('X.cols', z.cols, `${d} features (as fitted)`);
      return matmul(centre(z, mean), W);
    },
    inverseTransform(Y: MatrixInput): DenseMatrix {
      const y = toDense(Y, 'Y');
      if (y.cols !== outCols)
        throw new DimensionMismatchError('Y.cols', y.cols, `${outCols} whitened components`);
      const out = matmul(y, colouring);
      for (let i = 0; i < out.rows; i++) for (let j = 0; j < d; j++) out.data[i * d + j]! += mean[j]!;
      return out;
    },
  };
}
