import {
  DenseMatrix,
  DimensionMismatchError,
  InvalidArgumentError,
  type MatrixInput,
  solve,
  toDense,
} from '@infogeom/linalg';
import { argmaxRows, laplacianTimes } from './kernel-utils.js';
import { labelledClasses } from './labelled-classes.js';
import { type NeighbourhoodLaplacianOptions, neighbourhoodLaplacian } from './neighbourhood-laplacian.js';
import { medianPairwiseDistance, rbfKernel } from './rbf-kernel.js';

/** Options of {@link lapRls}. */
export interface LapRlsOptions extends NeighbourhoodLaplacianOptions {
  /** Ambient (RKHS) regularisation γ_A ≥ 0 (default 1e-4). */
  readonly gammaA?: number;
  /**
   * Intrinsic (manifold) regularisation γ_I ≥ 0 (default 1e4; the penalty is γ_I/(l+u)²·fᵀLf, so with a few
   * hundred points γ_I/(l+u)² ≈ 0.1–1); 0 gives plain regularised least squares.
   */
  readonly gammaI?: number;
  /** RBF kernel width σ (default: the median pairwise distance). */
  readonly kernelWidth?: number;
  /** Power p of the Laplacian in the intrinsic penalty fᵀLᵖf (integer ≥ 1, default 1). */
  readonly laplacianPower?: number;
}

/** A fitted Laplacian-regularised least-squares classifier. */
export interface LapRlsModel {
  /** The sorted class labels (the non-negative labels seen in training). */
  readonly classes: Int32Array;
  /** Expansion coefficients α (n × C, one column per class, one-vs-rest ±1 targets). */
  readonly alpha: DenseMatrix;
  /** The kernel width σ used. */
  readonly kernelWidth: number;
  /** Decision values on the training points (n × C). */
  readonly trainingScores: DenseMatrix;
  /** Predicted labels of every training point (labelled and unlabelled). */
  readonly trainingPredictions: Int32Array;
  /** Decision values f(x) = Σᵢ αᵢ K(xᵢ, x) of new points (m × C). */
  decisionFunction(points: MatrixInput): DenseMatrix;
  /** Predicted labels of new points (argmax of the decision values). */
  predict(points: MatrixInput): Int32Array;
}

/**
 * Laplacian-regularised least squares (LapRLS; Belkin, Niyogi & Sindhwani, JMLR 2006), transductive and
 * inductive: with the RBF kernel K over all n = l + u points and the kNN-graph Laplacian L,
 *
 *   α = (J K + γ_A l I + γ_I l/(l + u)² Lᵖ K)⁻¹ Y,   f(x) = Σᵢ αᵢ K(xᵢ, x),
 *
 * where J selects the l labelled points and Y holds one-vs-rest ±1 targets (0 for unlabelled points).
 * γ_I = 0 is plain regularised least squares on the labelled points. Like the paper's method it forms the
 * dense n × n kernel matrix and solves an n × n system (O(n³)): suited to a few thousand points.
 * @param points - n × D data, labelled and unlabelled
 * @param labels - n labels: a class id ≥ 0, or −1 for an unlabelled point (at least two classes labelled)
 * @param options - γ_A, γ_I, kernel width, graph options
 * @throws InvalidArgumentError for fewer than two labelled classes or bad hyperparameters;
 * DimensionMismatchError when labels and points disagree
 */
export function lapRls(
  points: MatrixInput,
  labels: ArrayLike<number>,
  options: LapRlsOptions = {},
): LapRlsModel {
  const X = toDense(points, 'points');
  const n = X.rows;
  if (labels.length !== n)
    throw new DimensionMismatchError('labels.length', labels.length, `points.rows = ${n}`);
  const gammaA = options.gammaA ?? 1e-4;
  const gammaI = options.gammaI ?? 1e4;
  const power = options.laplacianPower ?? 1;
  if (!(gammaA >= 0) || !Number.isFinite(gammaA))
    throw new InvalidArgumentError('gammaA', gammaA, 'a finite γ_A ≥ 0');
  if (!(gammaI >= 0) || !Number.isFinite(gammaI))
    throw new InvalidArgumentError('gammaI', gammaI, 'a finite γ_I ≥ 0');
  if (!Number.isInteger(power) || power < 1)
    throw new InvalidArgumentError('laplacianPower', power, 'an integer ≥ 1');
  const { labelled, classes } = labelledClasses(labels, n);
  const C = classes.length;
  const l = labelled.length;
  if (gammaA === 0 && gammaI === 0 && l < n)
    throw new InvalidArgumentError('gammaA', gammaA, 'γ_A > 0 when γ_I = 0 and some points are unlabelled');
  const width = options.kernelWidth ?? medianPairwiseDistance(X);
  const K = rbfKernel(X, X, width);
  const A = new DenseMatrix(n, n);
  if (gammaI > 0) {
    const { laplacian } = neighbourhoodLaplacian(X, options);
    const LK = laplacianTimes(laplacian, K, power);
    const c = (gammaI * l) / (n * n);
    for (let t = 0; t < n * n; t++) A.data[t] = c * LK.data[t]!;
  }
  for (const i of labelled) for (let j = 0; j < n; j++) A.data[i * n + j]! += K.data[i * n + j]!;
  for (let i = 0; i < n; i++) A.data[i * n + i]! += gammaA * l;
  const Y = new DenseMatrix(n, C);
  for (const i of labelled) {
    const y = labels[i]!;
    for (let c = 0; c < C; c++) Y.data[i * C + c] = classes[c] === y ? 1 : -1;
  }
  const alpha = solve(A, Y);
  const scores = (Kx: DenseMatrix): DenseMatrix => {
    const m = Kx.rows;
    const S = new DenseMatrix(m, C);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        const k = Kx.data[i * n + j]!;
        if (k === 0) continue;
        for (let c = 0; c < C; c++) S.data[i * C + c]! += k * alpha.data[j * C + c]!;
      }
    return S;
  };
  const trainingScores = scores(K);
  const decisionFunction = (pts: MatrixInput): DenseMatrix => {
    const Z = toDense(pts, 'points');
    if (Z.cols !== X.cols)
      throw new DimensionMismatchError('points.cols', Z.cols, `${X.cols} (training columns)`);
    return scores(rbfKernel(Z, X, width));
  };
  return {
    classes,
    alpha,
    kernelWidth: width,
    trainingScores,
    trainingPredictions: argmaxRows(trainingScores, classes),
    decisionFunction,
    predict: (pts) => argmaxRows(decisionFunction(pts), classes),
  };
}
