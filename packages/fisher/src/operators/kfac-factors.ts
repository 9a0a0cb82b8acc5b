import { DenseMatrix, DimensionMismatchError, gram, type MatrixInput, toDense } from '@infogeom/linalg';

/** Options of {@link kfacFactors}. */
export interface KfacFactorsOptions {
  /** Append the homogeneous coordinate 1 to every activation (the layer has a bias; default true). */
  bias?: boolean;
}

/** The two Kronecker factors of a dense layer's K-FAC block. */
export interface KfacFactors {
  /** A = E[ā āᵀ], (in+1)×(in+1) with a bias (the last coordinate is the constant 1), in×in without. */
  A: DenseMatrix;
  /** G = E[g gᵀ], out×out. */
  G: DenseMatrix;
}

/**
 * The K-FAC factors of one dense layer z = W ā from per-example data, as plain averages over the n
 * examples: A = (1/n) Σ āₙāₙᵀ and G = (1/n) Σ gₙgₙᵀ, where gₙ = ∂ℓₙ/∂zₙ is the gradient of the
 * n-th example's own loss (not divided by n) with respect to the pre-activations. For the true
 * Fisher draw the targets from the model; observed targets give the empirical-Fisher K-FAC.
 * Pass the result to {@link kfacFisher}.
 * @param activations - n×in layer inputs a
 * @param preactivationGrads - n×out gradients g
 * @param options - `bias` (default true)
 * @throws DimensionMismatchError when the row counts differ
 * @example
 * ```ts
 * import { kfacFactors, kfacFisher } from '@infogeom/fisher';
 *
 * // a dense layer z = w·a + b (in = 1 plus the bias, out = 1) on three examples
 * const a = [[1], [2], [3]];
 * const g = [[0.5], [-0.5], [0.5]]; // ∂ℓₙ/∂zₙ
 * const { A, G } = kfacFactors(a, g); // E[āāᵀ] with ā = (a, 1), and E[g²]
 * console.log(A.toArray().map((row) => row.map((v) => +v.toFixed(12))), G.toArray());
 * // |gₙ| is constant, so K-FAC is exact here: tr F = (1/n) Σ gₙ² ‖āₙ‖²
 * console.log(kfacFisher(A, G).trace().toFixed(12), ((0.25 * (2 + 5 + 10)) / 3).toFixed(12));
 * ```
 *
 * ```txt [output]
 * [ [ 4.666666666667, 2 ], [ 2, 1 ] ] [ [ 0.25 ] ]
 * 1.416666666667 1.416666666667
 * ```
 */
export function kfacFactors(
  activations: MatrixInput,
  preactivationGrads: MatrixInput,
  options: KfacFactorsOptions = {},
): KfacFactors {
  const X = toDense(activations, 'activations');
  const Gr = toDense(preactivationGrads, 'preactivationGrads');
  if (X.rows !== Gr.rows)
    throw new DimensionMismatchError('preactivationGrads.rows', Gr.rows, `activations.rows = ${X.rows}`);
  if (X.rows === 0) throw new DimensionMismatchError('activations.rows', 0, 'at least one example');
  const n = X.rows;
  const bias = options.bias ?? true;
  const Xb = bias
    ? DenseMatrix.fromFunction(n, X.cols + 1, (i, j) => (j < X.cols ? X.data[i * X.cols + j]! : 1))
    : X;
  const A = gram(Xb);
  const G = gram(Gr);
  for (let i = 0; i < A.data.length; i++) A.data[i]! /= n;
  for (let i = 0; i < G.data.length; i++) G.data[i]! /= n;
  return { A, G };
}
