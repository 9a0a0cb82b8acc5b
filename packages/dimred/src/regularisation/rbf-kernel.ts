import {
  DenseMatrix,
  DimensionMismatchError,
  InvalidArgumentError,
  type MatrixInput,
  toDense,
} from '@infogeom/linalg';

/**
 * The Gaussian (RBF) kernel matrix K(aᵢ, bⱼ) = exp(−‖aᵢ − bⱼ‖² / (2σ²)).
 * @param A - m × D points
 * @param B - n × D points
 * @param width - kernel width σ > 0
 * @returns the m × n kernel matrix
 */
export function rbfKernel(A: MatrixInput, B: MatrixInput, width: number): DenseMatrix {
  const X = toDense(A, 'A');
  const Y = toDense(B, 'B');
  if (X.cols !== Y.cols) throw new DimensionMismatchError('B.cols', Y.cols, `A.cols = ${X.cols}`);
  if (!(width > 0) || !Number.isFinite(width))
    throw new InvalidArgumentError('width', width, 'a finite σ > 0');
  const { rows: m, cols: d } = X;
  const n = Y.rows;
  const K = new DenseMatrix(m, n);
  const c = -1 / (2 * width * width);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) {
        const u = X.data[i * d + t]! - Y.data[j * d + t]!;
        s += u * u;
      }
      K.data[i * n + j] = Math.exp(c * s);
    }
  return K;
}

/** The median of the pairwise distances between rows (the "median heuristic" kernel width), 1 if all coincide. */
export function medianPairwiseDistance(points: MatrixInput): number {
  const X = toDense(points, 'points');
  const { rows: n, cols: d } = X;
  const ds: number[] = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) {
        const u = X.data[i * d + t]! - X.data[j * d + t]!;
        s += u * u;
      }
      ds.push(Math.sqrt(s));
    }
  if (ds.length === 0) return 1;
  ds.sort((a, b) => a - b);
  const m = ds[ds.length >> 1]!;
  return m > 0 ? m : 1;
}
