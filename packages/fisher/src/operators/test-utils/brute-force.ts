/** Brute-force references for the operator tests: random matrices, per-example gradients, norms. */
import { DenseMatrix, gram, matmulTransB, type Rng } from '@infogeom/linalg';

/** A random symmetric PSD n×n matrix of the given rank (default n): B Bᵀ with B n×rank Gaussian. */
export function randomPsd(n: number, rng: Rng, rank = n): DenseMatrix {
  const B = DenseMatrix.fromFunction(n, rank, () => rng.normal());
  const M = matmulTransB(B, B);
  for (let i = 0; i < M.data.length; i++) M.data[i]! /= rank;
  return M;
}

/** A random Gaussian vector. */
export function randomVector(n: number, rng: Rng): Float64Array {
  return rng.fillNormal(new Float64Array(n));
}

/** A random Gaussian rows×cols matrix. */
export function randomMatrix(rows: number, cols: number, rng: Rng): DenseMatrix {
  return DenseMatrix.fromFunction(rows, cols, () => rng.normal());
}

/** Per-example layer gradients vec(gₙ āₙᵀ) = gₙ ⊗ āₙ as the rows of an n×(out·in') matrix. */
export function layerGradients(acts: DenseMatrix, grads: DenseMatrix, bias: boolean): DenseMatrix {
  const n = acts.rows;
  const ip = acts.cols + (bias ? 1 : 0);
  const out = grads.cols;
  const M = new DenseMatrix(n, out * ip);
  for (let r = 0; r < n; r++)
    for (let o = 0; o < out; o++)
      for (let i = 0; i < ip; i++) {
        const a = i < acts.cols ? acts.data[r * acts.cols + i]! : 1;
        M.data[r * out * ip + o * ip + i] = grads.data[r * out + o]! * a;
      }
  return M;
}

/** E[vvᵀ] = (1/n) Σ vₙvₙᵀ over the rows of V. */
export function secondMoment(V: DenseMatrix): DenseMatrix {
  const M = gram(V);
  for (let i = 0; i < M.data.length; i++) M.data[i]! /= V.rows;
  return M;
}

/** ‖X − Y‖_F / ‖Y‖_F. */
export function relFro(X: DenseMatrix, Y: DenseMatrix): number {
  return relErr(X.data, Y.data);
}

/** ‖x − y‖ / ‖y‖ (or ‖x − y‖ when y = 0). */
export function relErr(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let d = 0;
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    d += (x[i]! - y[i]!) ** 2;
    s += y[i]! ** 2;
  }
  return Math.sqrt(d) / (s > 0 ? Math.sqrt(s) : 1);
}

/** |x − y| / max(|y|, 1e-300). */
export function relScalar(x: number, y: number): number {
  return Math.abs(x - y) / Math.max(Math.abs(y), 1e-300);
}

/** M v for a dense matrix. */
export function denseMv(M: DenseMatrix, v: ArrayLike<number>): Float64Array {
  const y = new Float64Array(M.rows);
  for (let i = 0; i < M.rows; i++) {
    let s = 0;
    for (let j = 0; j < M.cols; j++) s += M.data[i * M.cols + j]! * v[j]!;
    y[i] = s;
  }
  return y;
}
