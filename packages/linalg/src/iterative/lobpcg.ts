import { DenseMatrix } from '../core/dense-matrix.js';
import {
  ConvergenceError,
  DimensionMismatchError,
  InvalidArgumentError,
  throwIfAborted,
} from '../core/errors.js';
import type { LinearOperator } from '../core/linear-operator.js';
import { dot, norm2 } from '../core/vector.js';
import { eigh } from '../kernels/eigh.js';
import type { Rng } from '../random/rng.js';
import { columnsToDense, combine, gaussianVector, normalizeSign, orthonormalize } from './block.js';
import type { Preconditioner } from './conjugate-gradient.js';
import type { EigsProgress, PartialEighResult } from './lanczos.js';
import { operatorToDense } from './operators.js';
import { positiveInt, resolveRng, squareSize, tolerance } from './util.js';

/** Options for {@link lobpcg}. */
export interface LobpcgOptions {
  /** Number of eigenpairs wanted. */
  k: number;
  /** Largest instead of smallest eigenpairs (default false). */
  largest?: boolean;
  /** Preconditioner T ≈ (A − σI)⁻¹ applied to residuals (SPD); none by default. */
  preconditioner?: Preconditioner;
  /** Initial block (n×b, b ≥ k); default a seeded Gaussian block. */
  X0?: DenseMatrix;
  /** Block size b ≥ k including guard vectors (default min(n, k + ⌈k/2⌉ + 2)). */
  blockSize?: number;
  /** Seed for the initial block (default 0). */
  seed?: number;
  /** Random source (overrides `seed`). */
  rng?: Rng;
  /** Converged when ‖Ax − λx‖ ≤ tol·‖A‖ (‖A‖ estimated from Ritz values; default 1e-10). */
  tol?: number;
  /** Maximum number of iterations (default 1000); each costs about 2b operator applications. */
  maxIterations?: number;
  /** Throw a {@link ConvergenceError} when not every pair converged (default false). */
  throwOnFailure?: boolean;
  /** Aborts with an AbortError. */
  signal?: AbortSignal;
  /** Called after every iteration. */
  onProgress?: (progress: EigsProgress) => void;
}

/**
 * k extreme eigenpairs of a symmetric operator by the locally optimal block preconditioned
 * conjugate gradient method (Knyazev 2001). Rayleigh–Ritz runs on an explicitly orthonormalised
 * basis [X, W, P] (Gram–Schmidt twice, dropping numerically dependent directions, which keeps the
 * small eigenproblem well conditioned); converged columns are soft-locked (they stay in the basis,
 * their residuals no longer do). Operators with n ≤ 3b are solved densely.
 * @param A - symmetric operator
 * @param options - k, end, preconditioner, initial block, tolerance, randomness, signal, progress
 */
export function lobpcg(A: LinearOperator, options: LobpcgOptions): PartialEighResult {
  const n = squareSize(A);
  const k = options.k;
  if (!Number.isInteger(k) || k < 1 || k > n)
    throw new InvalidArgumentError('k', k, `an integer in [1, ${n}]`);
  const tol = tolerance(options.tol, 1e-10);
  const maxIter = positiveInt(options.maxIterations, 1000, 'maxIterations', 0);
  const sign = options.largest === true ? -1 : 1;
  const b = Math.min(n, positiveInt(options.blockSize, k + Math.ceil(k / 2) + 2, 'blockSize', k));
  const mv = (x: Float64Array): Float64Array => {
    const y = A.mv(x);
    if (sign < 0) for (let i = 0; i < n; i++) y[i] = -y[i]!;
    return y;
  };
  if (n <= 3 * b) return denseFallback(A, k, sign);
  const M = options.preconditioner;
  const precondition = (r: Float64Array): Float64Array => {
    if (M === undefined) return r;
    if (typeof M === 'function') {
      const z = new Float64Array(n);
      M(r, z);
      return z;
    }
    return M.mv(r);
  };
  const rng = resolveRng(options);
  let start: Float64Array[];
  if (options.X0 !== undefined) {
    if (options.X0.rows !== n || options.X0.cols < k) {
      throw new DimensionMismatchError(
        'X0.shape',
        `${options.X0.rows}×${options.X0.cols}`,
        `${n}×b with b ≥ ${k}`,
      );
    }
    start = Array.from({ length: options.X0.cols }, (_, j) => options.X0!.column(j));
  } else start = Array.from({ length: b }, () => gaussianVector(n, rng));
  let X = orthonormalize(start);
  while (X.length < Math.min(b, start.length)) X = orthonormalize([...X, gaussianVector(n, rng)]);
  let AX = X.map(mv);
  let matvecs = X.length;
  let lambda: Float64Array;
  let anorm = 0;
  ({ X, AX, lambda } = rayleighRitz(X, AX, X.length));
  let P: Float64Array[] = [];
  let iter = 0;
  let res = new Float64Array(X.length);
  for (;;) {
    const m = X.length;
    const R = X.map((x, j) => {
      const r = AX[j]!.slice();
      for (let i = 0; i < n; i++) r[i]! -= lambda[j]! * x[i]!;
      return r;
    });
    res = Float64Array.from(R, norm2);
    for (let j = 0; j < m; j++) anorm = Math.max(anorm, Math.abs(lambda[j]!), norm2(AX[j]!));
    const conv = Array.from(res, (r) => r <= tol * anorm);
    const nconv = conv.slice(0, k).filter(Boolean).length;
    options.onProgress?.({
      iterations: matvecs,
      converged: nconv,
      residual: Math.max(...res.subarray(0, k)),
    });
    if (nconv === k || iter >= maxIter) break;
    throwIfAborted(options.signal);
    iter++;
    const active = Array.from({ length: m }, (_, j) => j).filter((j) => !conv[j]);
    const W = orthonormalize(
      active.map((j) => precondition(R[j]!)),
      X,
    );
    const Pq = orthonormalize(P, [...X, ...W]);
    if (W.length === 0 && Pq.length === 0) break; // stagnation: nothing new to search
    const S = [...X, ...W, ...Pq];
    const AS = [...AX, ...W.map(mv), ...Pq.map(mv)];
    matvecs += W.length + Pq.length;
    const rr = rayleighRitz(S, AS, m);
    // New search directions: the W and P components of the new Ritz vectors.
    const Cwp = new DenseMatrix(S.length - m, m);
    Cwp.data.set(rr.C.data.subarray(m * m));
    P = combine(S.slice(m), Cwp);
    X = rr.X;
    AX = rr.AX;
    lambda = rr.lambda;
  }
  const vecs = X.slice(0, k);
  for (const v of vecs) normalizeSign(v);
  const values = Float64Array.from(lambda.subarray(0, k), (v) => sign * v);
  const residuals = res.slice(0, k);
  const converged = Array.from(residuals).every((r) => r <= tol * anorm);
  if (!converged && options.throwOnFailure === true) {
    throw new ConvergenceError('tol', tol, 'a tolerance reachable within maxIterations');
  }
  const order = Array.from({ length: k }, (_, j) => j).sort((a, c) => values[a]! - values[c]!);
  return {
    values: Float64Array.from(order, (j) => values[j]!),
    vectors: columnsToDense(
      order.map((j) => vecs[j]!),
      n,
    ),
    residuals: Float64Array.from(order, (j) => residuals[j]!),
    iterations: matvecs,
    converged,
  };
}

/** Rayleigh–Ritz on an orthonormal basis S: the m lowest Ritz pairs and the coefficient matrix. */
function rayleighRitz(
  S: Float64Array[],
  AS: Float64Array[],
  m: number,
): { X: Float64Array[]; AX: Float64Array[]; lambda: Float64Array; C: DenseMatrix } {
  const s = S.length;
  const H = DenseMatrix.fromFunction(s, s, (i, j) => (dot(S[i]!, AS[j]!) + dot(S[j]!, AS[i]!)) / 2);
  const { values, vectors } = eigh(H);
  const C = DenseMatrix.fromFunction(s, m, (i, j) => vectors.get(i, j));
  return { X: combine(S, C), AX: combine(AS, C), lambda: values.slice(0, m), C };
}

/** Dense eigh of the materialised operator, for tiny problems. */
function denseFallback(A: LinearOperator, k: number, sign: number): PartialEighResult {
  const D = operatorToDense(A);
  const n = D.rows;
  const { values, vectors } = eigh(DenseMatrix.fromFunction(n, n, (i, j) => (D.get(i, j) + D.get(j, i)) / 2));
  const idx = Array.from({ length: k }, (_, j) => (sign > 0 ? j : n - k + j));
  const cols = idx.map((j) => vectors.column(j));
  const residuals = Float64Array.from(cols, (x, a) => {
    const r = A.mv(x);
    for (let i = 0; i < n; i++) r[i]! -= values[idx[a]!]! * x[i]!;
    return norm2(r);
  });
  for (const c of cols) normalizeSign(c);
  return {
    values: Float64Array.from(idx, (j) => values[j]!),
    vectors: columnsToDense(cols, n),
    residuals,
    iterations: n,
    converged: true,
  };
}
