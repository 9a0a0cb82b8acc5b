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
import type { LapRlsModel, LapRlsOptions } from './lap-rls.js';
import { neighbourhoodLaplacian } from './neighbourhood-laplacian.js';
import { medianPairwiseDistance, rbfKernel } from './rbf-kernel.js';
import { solveSvmDual } from './smo.js';

/** Options of {@link lapSvm}: those of LapRLS plus the dual solver's tolerance. */
export interface LapSvmOptions extends LapRlsOptions {
  /** KKT tolerance of the dual solver (default 1e-8). */
  readonly tol?: number;
  /** Maximum pair updates of the dual solver per class (default 100000). */
  readonly maxIterations?: number;
}

/** A fitted Laplacian SVM: the LapRLS model interface plus the biases and dual convergence. */
export interface LapSvmModel extends LapRlsModel {
  /** Bias b of each one-vs-rest decision function. */
  readonly bias: Float64Array;
  /** Whether every dual problem met its KKT tolerance. */
  readonly converged: boolean;
}

/**
 * The Laplacian support vector machine (LapSVM; Belkin, Niyogi & Sindhwani, JMLR 2006): hinge loss on the
 * l labelled points, γ_A‖f‖²_K and γ_I/(l+u)²·fᵀLᵖf. With G = (2γ_A I + 2γ_I/(l+u)² Lᵖ K)⁻¹ Jᵀ the dual is
 * the SVM dual with Q = Y J K G Y and C = 1/l (solved by SMO), and α = G Y β*, f(x) = Σᵢ αᵢ K(xᵢ, x) + b.
 * One-vs-rest for more than two classes. γ_I = 0 is the plain SVM on the labelled points.
 * @param points - n × D data, labelled and unlabelled
 * @param labels - n labels: a class id ≥ 0, or −1 for an unlabelled point (at least two classes labelled)
 * @param options - γ_A (> 0), γ_I, kernel width, graph options, solver tolerance
 */
export function lapSvm(
  points: MatrixInput,
  labels: ArrayLike<number>,
  options: LapSvmOptions = {},
): LapSvmModel {
  const X = toDense(points, 'points');
  const n = X.rows;
  if (labels.length !== n)
    throw new DimensionMismatchError('labels.length', labels.length, `points.rows = ${n}`);
  const gammaA = options.gammaA ?? 1e-4;
  const gammaI = options.gammaI ?? 1e4;
  const power = options.laplacianPower ?? 1;
  if (!(gammaA > 0) || !Number.isFinite(gammaA))
    throw new InvalidArgumentError('gammaA', gammaA, 'a finite γ_A > 0');
  if (!(gammaI >= 0) || !Number.isFinite(gammaI))
    throw new InvalidArgumentError('gammaI', gammaI, 'a finite γ_I ≥ 0');
  if (!Number.isInteger(power) || power < 1)
    throw new InvalidArgumentError('laplacianPower', power, 'an integer ≥ 1');
  const { labelled: lab, classes } = labelledClasses(labels, n);
  const nc = classes.length;
  const l = lab.length;
  const width = options.kernelWidth ?? medianPairwiseDistance(X);
  const K = rbfKernel(X, X, width);
  // M = 2γ_A I + 2γ_I/(l+u)² Lᵖ K;  Gm = M⁻¹ Jᵀ (n × l)
  const M = new DenseMatrix(n, n);
  if (gammaI > 0) {
    const LK = laplacianTimes(neighbourhoodLaplacian(X, options).laplacian, K, power);
    const c = (2 * gammaI) / (n * n);
    for (let t = 0; t < n * n; t++) M.data[t] = c * LK.data[t]!;
  }
  for (let i = 0; i < n; i++) M.data[i * n + i]! += 2 * gammaA;
  const Jt = new DenseMatrix(n, l);
  lab.forEach((i, a) => {
    Jt.data[i * l + a] = 1;
  });
  const Gm = solve(M, Jt);
  // H = J K Gm (l × l), symmetrised
  const H = new Float64Array(l * l);
  for (let a = 0; a < l; a++) {
    const ra = lab[a]! * n;
    for (let t = 0; t < n; t++) {
      const k = K.data[ra + t]!;
      if (k === 0) continue;
      for (let b = 0; b < l; b++) H[a * l + b]! += k * Gm.data[t * l + b]!;
    }
  }
  for (let a = 0; a < l; a++)
    for (let b = 0; b < a; b++) H[a * l + b] = H[b * l + a] = 0.5 * (H[a * l + b]! + H[b * l + a]!);
  const alpha = new DenseMatrix(n, nc);
  const bias = new Float64Array(nc);
  let converged = true;
  for (let c = 0; c < nc; c++) {
    const y = Float64Array.from(lab, (i) => (labels[i] === classes[c] ? 1 : -1));
    const Q = new Float64Array(l * l);
    for (let a = 0; a < l; a++) for (let b = 0; b < l; b++) Q[a * l + b] = y[a]! * y[b]! * H[a * l + b]!;
    const sol = solveSvmDual(Q, y, 1 / l, options.tol ?? 1e-8, options.maxIterations ?? 100_000);
    converged &&= sol.converged;
    bias[c] = sol.bias;
    for (let t = 0; t < n; t++) {
      let s = 0;
      for (let b = 0; b < l; b++) s += Gm.data[t * l + b]! * y[b]! * sol.beta[b]!;
      alpha.data[t * nc + c] = s;
    }
  }
  const scores = (Kx: DenseMatrix): DenseMatrix => {
    const m = Kx.rows;
    const S = new DenseMatrix(m, nc);
    for (let i = 0; i < m; i++) {
      for (let c = 0; c < nc; c++) S.data[i * nc + c] = bias[c]!;
      for (let j = 0; j < n; j++) {
        const k = Kx.data[i * n + j]!;
        if (k === 0) continue;
        for (let c = 0; c < nc; c++) S.data[i * nc + c]! += k * alpha.data[j * nc + c]!;
      }
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
    bias,
    converged,
    kernelWidth: width,
    trainingScores,
    trainingPredictions: argmaxRows(trainingScores, classes),
    decisionFunction,
    predict: (pts) => argmaxRows(decisionFunction(pts), classes),
  };
}
