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
import { columnsToDense, combine, gaussianVector, normalizeSign, orthogonalizeAgainst } from './block.js';
import { positiveInt, resolveRng, squareSize, tolerance } from './util.js';

/** Progress report of an eigensolver, once per restart (Lanczos) or iteration (LOBPCG). */
export interface EigsProgress {
  /** Operator applications (mat-vecs) so far. */
  iterations: number;
  /** Number of wanted eigenpairs that have converged. */
  converged: number;
  /** Largest residual estimate ‖Ax − λx‖ among the wanted pairs. */
  residual: number;
}

/** Options for {@link lanczos}. */
export interface LanczosOptions {
  /** Number of eigenpairs wanted (1 ≤ k < n, or k ≤ n for tiny operators). */
  k: number;
  /** Which end of the spectrum (default 'largest'). */
  which?: 'largest' | 'smallest';
  /** Converged when ‖Ax − λx‖ ≤ tol·‖A‖ (‖A‖ estimated by the extreme Ritz values; default 1e-10). */
  tol?: number;
  /**
   * 'norm' (default): converged when ‖Ax − λx‖ ≤ tol·‖A‖; 'ritz': when ‖Ax − λx‖ ≤ tol·|λ|
   * (ARPACK's criterion; right for shift-invert, where the wanted values are the large ones).
   */
  convergence?: 'norm' | 'ritz';
  /** Maximum number of operator applications (default max(1000, 10n)). */
  maxIterations?: number;
  /** Krylov subspace size, ≥ k + 1 (default min(n, max(2k + 1, 20))). */
  subspaceSize?: number;
  /** Starting vector (default a seeded Gaussian vector). */
  v0?: Float64Array;
  /** Seed for the starting vector (default 0); ignored when `rng` or `v0` is given. */
  seed?: number;
  /** Random source for starting and replacement vectors. */
  rng?: Rng;
  /** Throw a {@link ConvergenceError} when not every pair converged (default false). */
  throwOnFailure?: boolean;
  /** Aborts with an AbortError. */
  signal?: AbortSignal;
  /** Called after every restart cycle. */
  onProgress?: (progress: EigsProgress) => void;
}

/** Result of a partial symmetric eigensolver ({@link lanczos}, LOBPCG, sparseEigsh). */
export interface PartialEighResult {
  /** The k eigenvalues, ascending. */
  values: Float64Array;
  /** n×k matrix of orthonormal eigenvectors as columns; column j pairs with values[j]. */
  vectors: DenseMatrix;
  /** True residual norms ‖Axⱼ − λⱼxⱼ‖, one per pair. */
  residuals: Float64Array;
  /** Operator applications performed. */
  iterations: number;
  /** `true` when every wanted pair met the tolerance. */
  converged: boolean;
}

/**
 * k extreme eigenpairs of a symmetric operator by thick-restart Lanczos (Wu & Simon) with full
 * re-orthogonalisation (classical Gram–Schmidt, twice). An invariant subspace is continued with a
 * fresh random direction, so small operators are solved exactly.
 * @param A - symmetric operator (only `mv` is used)
 * @param options - k, which end, tolerance, subspace size, randomness, signal, progress
 * @example
 * ```ts
 * import { type LinearOperator, lanczos } from '@infogeom/linalg';
 *
 * // the path-graph Laplacian tridiag(−1, 2, −1), matrix-free: λⱼ = 2 − 2cos(jπ/(n + 1))
 * const n = 200;
 * const A: LinearOperator = {
 *   shape: [n, n],
 *   symmetric: true,
 *   mv: (x, out = new Float64Array(n)) => {
 *     for (let i = 0; i < n; i++) out[i] = 2 * x[i]! - (x[i - 1] ?? 0) - (x[i + 1] ?? 0);
 *     return out;
 *   },
 * };
 * const r = lanczos(A, { k: 3, which: 'largest', seed: 1 });
 * console.log(r.converged, Array.from(r.values, (v) => v.toFixed(8)));
 * const exact = [n - 2, n - 1, n].map((j) => (2 - 2 * Math.cos((j * Math.PI) / (n + 1))).toFixed(8));
 * console.log(exact);
 * ```
 *
 * ```txt [output]
 * true [ '3.99780178', '3.99902292', '3.99975571' ]
 * [ '3.99780178', '3.99902292', '3.99975571' ]
 * ```
 */
export function lanczos(A: LinearOperator, options: LanczosOptions): PartialEighResult {
  const n = squareSize(A);
  const k = options.k;
  if (!Number.isInteger(k) || k < 1 || k > n)
    throw new InvalidArgumentError('k', k, `an integer in [1, ${n}]`);
  const which = options.which ?? 'largest';
  if (which !== 'largest' && which !== 'smallest') {
    throw new InvalidArgumentError('which', which, "'largest' or 'smallest'");
  }
  const tol = tolerance(options.tol, 1e-10);
  const maxIter = positiveInt(options.maxIterations, Math.max(1000, 10 * n), 'maxIterations');
  const m = Math.min(
    n,
    positiveInt(options.subspaceSize, Math.max(2 * k + 1, 20), 'subspaceSize', Math.min(k + 1, n)),
  );
  const rng = resolveRng(options);
  let start: Float64Array;
  if (options.v0 !== undefined) {
    if (options.v0.length !== n) throw new DimensionMismatchError('v0.length', options.v0.length, `${n}`);
    start = options.v0.slice();
    if (norm2(start) === 0) start = gaussianVector(n, rng);
  } else start = gaussianVector(n, rng);
  const s0 = 1 / norm2(start);
  for (let i = 0; i < n; i++) start[i]! *= s0;

  const V: Float64Array[] = [start];
  const T = new DenseMatrix(m, m);
  const w = new Float64Array(n);
  let l = 0;
  let matvecs = 0;
  let anorm = 0;
  const wantedIdx = (): number[] =>
    Array.from({ length: k }, (_, i) => (which === 'smallest' ? i : m - k + i));
  for (;;) {
    throwIfAborted(options.signal);
    let betaM = 0;
    for (let j = l; j < m; j++) {
      A.mv(V[j]!, w);
      matvecs++;
      const wNorm = norm2(w);
      const alpha = dot(V[j]!, w);
      orthogonalizeAgainst(w, V, j + 1);
      T.data[j * m + j] = alpha;
      anorm = Math.max(anorm, wNorm);
      let beta = norm2(w);
      let next: Float64Array;
      if (beta <= 1e-12 * Math.max(wNorm, anorm) || beta === 0) {
        beta = 0;
        if (j + 1 >= n) {
          V[j + 1] = new Float64Array(n);
          break;
        }
        next = freshDirection(V, j + 1, n, rng);
      } else {
        next = w.slice();
        const s = 1 / beta;
        for (let i = 0; i < n; i++) next[i]! *= s;
      }
      V[j + 1] = next;
      if (j + 1 < m) T.data[j * m + j + 1] = T.data[(j + 1) * m + j] = beta;
      else betaM = beta;
    }
    const { values: theta, vectors: Y } = eigh(T);
    for (let i = 0; i < m; i++) anorm = Math.max(anorm, Math.abs(theta[i]!));
    const wanted = wantedIdx();
    const est = wanted.map((i) => Math.abs(betaM * Y.data[(m - 1) * m + i]!));
    const ritz = options.convergence === 'ritz';
    const nconv = est.filter((r, a) => r <= tol * (ritz ? Math.abs(theta[wanted[a]!]!) : anorm)).length;
    options.onProgress?.({ iterations: matvecs, converged: nconv, residual: Math.max(...est) });
    if (nconv === k || matvecs >= maxIter) {
      return finish(A, V, Y, wanted, theta, n, tol, anorm, matvecs, options);
    }
    // Thick restart: keep the l Ritz vectors nearest the wanted end plus the residual direction.
    l = Math.min(m - 1, k + Math.floor((m - k) / 2));
    const keep = Array.from({ length: l }, (_, i) => (which === 'smallest' ? i : m - 1 - i));
    const kept = combine(V, Y, keep);
    const resid = V[m]!;
    T.data.fill(0);
    for (let i = 0; i < l; i++) {
      V[i] = kept[i]!;
      const c = betaM * Y.data[(m - 1) * m + keep[i]!]!;
      T.data[i * m + i] = theta[keep[i]!]!;
      T.data[i * m + l] = T.data[l * m + i] = c;
    }
    V[l] = resid;
    V.length = l + 1;
  }
}

/** A random unit vector orthogonal to the first `count` columns of V. */
function freshDirection(V: readonly Float64Array[], count: number, n: number, rng: Rng): Float64Array {
  for (let attempt = 0; attempt < 5; attempt++) {
    const v = gaussianVector(n, rng);
    const before = norm2(v);
    orthogonalizeAgainst(v, V, count);
    const after = norm2(v);
    if (after > 1e-8 * before) {
      for (let i = 0; i < n; i++) v[i]! /= after;
      return v;
    }
  }
  return new Float64Array(n);
}

/** Forms the wanted Ritz vectors, their true residuals and the ascending result. */
function finish(
  A: LinearOperator,
  V: readonly Float64Array[],
  Y: DenseMatrix,
  wanted: number[],
  theta: Float64Array,
  n: number,
  tol: number,
  anorm: number,
  matvecs: number,
  options: LanczosOptions,
): PartialEighResult {
  const x = combine(V, Y, wanted);
  const values = Float64Array.from(wanted, (i) => theta[i]!);
  const residuals = new Float64Array(wanted.length);
  const Ax = new Float64Array(n);
  let iterations = matvecs;
  x.forEach((v, j) => {
    const s = 1 / norm2(v);
    for (let i = 0; i < n; i++) v[i]! *= s;
    normalizeSign(v);
    A.mv(v, Ax);
    iterations++;
    const lam = dot(v, Ax);
    values[j] = lam;
    for (let i = 0; i < n; i++) Ax[i]! -= lam * v[i]!;
    residuals[j] = norm2(Ax);
  });
  // Accept a small safety factor: the true residual can exceed the Lanczos estimate by rounding.
  const ritz = options.convergence === 'ritz';
  const converged = residuals.every(
    (r, j) => r <= 10 * tol * (ritz ? Math.abs(values[j]!) : anorm) + 1e-14 * anorm,
  );
  if (!converged && options.throwOnFailure === true) {
    throw new ConvergenceError(
      'tol',
      tol,
      'a tolerance reachable within maxIterations',
      `residuals ${Array.from(residuals).join(', ')}`,
    );
  }
  return { values, vectors: columnsToDense(x, n), residuals, iterations, converged };
}
