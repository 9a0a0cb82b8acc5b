import { ConvergenceError, DimensionMismatchError, throwIfAborted } from '../core/errors.js';
import type { LinearOperator } from '../core/linear-operator.js';
import { dot, norm2 } from '../core/vector.js';
import { positiveInt, squareSize, tolerance } from './util.js';

/** A preconditioner M⁻¹ ≈ A⁻¹: an operator, or a function writing M⁻¹r into `out`. */
export type Preconditioner = LinearOperator | ((r: Float64Array, out: Float64Array) => void);

/** Progress report of {@link conjugateGradient}, once per iteration. */
export interface CgProgress {
  /** Iterations done so far. */
  iteration: number;
  /** Current relative residual ‖b − Ax‖/‖b‖ (recursively updated). */
  residual: number;
}

/** Options for {@link conjugateGradient}. */
export interface CgOptions {
  /** Stop when ‖b − Ax‖ ≤ tol·‖b‖ (default 1e-10). */
  tol?: number;
  /** Maximum number of iterations (default 10·n). */
  maxIterations?: number;
  /** Initial guess (default zeros). */
  x0?: Float64Array;
  /** Preconditioner M⁻¹ (SPD); see {@link jacobiPreconditioner}. */
  preconditioner?: Preconditioner;
  /** Throw a {@link ConvergenceError} instead of returning `converged: false` (default false). */
  throwOnFailure?: boolean;
  /** Aborts the iteration with an AbortError. */
  signal?: AbortSignal;
  /** Called after every iteration. */
  onProgress?: (progress: CgProgress) => void;
}

/** Result of {@link conjugateGradient}. */
export interface CgResult {
  /** The approximate solution. */
  x: Float64Array;
  /** Iterations performed. */
  iterations: number;
  /** Final relative residual ‖b − Ax‖/‖b‖, recomputed from the true residual. */
  residual: number;
  /** `true` when `residual ≤ tol`. */
  converged: boolean;
}

/**
 * The Jacobi (diagonal) preconditioner r ↦ r ./ diag(A). Zero or non-finite diagonal entries are
 * left unscaled.
 * @param A - an operator with `diag`, or the diagonal itself
 */
export function jacobiPreconditioner(A: LinearOperator | ArrayLike<number>): Preconditioner {
  const d = 'mv' in A ? A.diag?.() : Float64Array.from(A);
  if (d === undefined) throw new DimensionMismatchError('A.diag', undefined, 'an operator with diag()');
  const inv = Float64Array.from(d, (v) => (v !== 0 && Number.isFinite(v) ? 1 / v : 1));
  return (r, out) => {
    for (let i = 0; i < inv.length; i++) out[i] = inv[i]! * r[i]!;
  };
}

/**
 * Solves Ax = b for a symmetric positive definite operator by (preconditioned) conjugate gradients.
 * Reports non-convergence in the result (`converged: false`) unless `throwOnFailure` is set.
 * @param A - SPD operator (n×n)
 * @param b - right-hand side (length n)
 * @param options - tolerance, iteration cap, initial guess, preconditioner, signal, progress
 * @example
 * ```ts
 * import { conjugateGradient, denseOperator, jacobiPreconditioner } from '@infogeom/linalg';
 *
 * const A = denseOperator([[4, 1], [1, 3]]);
 * const preconditioner = jacobiPreconditioner(A);
 * const r = conjugateGradient(A, Float64Array.of(1, 2), { tol: 1e-12, preconditioner });
 * console.log(r.converged, Array.from(r.x, (v) => +v.toFixed(12))); // (1/11, 7/11)
 * console.log(+(1 / 11).toFixed(12), +(7 / 11).toFixed(12));
 * ```
 *
 * ```txt [output]
 * true [ 0.090909090909, 0.636363636364 ]
 * 0.090909090909 0.636363636364
 * ```
 */
export function conjugateGradient(A: LinearOperator, b: Float64Array, options: CgOptions = {}): CgResult {
  const n = squareSize(A);
  if (b.length !== n) throw new DimensionMismatchError('b.length', b.length, `${n}`);
  const tol = tolerance(options.tol, 1e-10);
  const maxIter = positiveInt(options.maxIterations, Math.max(10 * n, 10), 'maxIterations', 0);
  const x = options.x0 === undefined ? new Float64Array(n) : options.x0.slice();
  if (x.length !== n) throw new DimensionMismatchError('x0.length', x.length, `${n}`);
  const M = options.preconditioner;
  const applyM = (r: Float64Array, z: Float64Array): void => {
    if (M === undefined) z.set(r);
    else if (typeof M === 'function') M(r, z);
    else M.mv(r, z);
  };
  const bnorm = norm2(b);
  if (bnorm === 0) return { x: new Float64Array(n), iterations: 0, residual: 0, converged: true };
  const r = new Float64Array(n);
  const Ap = new Float64Array(n);
  const trueResidual = (): number => {
    A.mv(x, Ap);
    for (let i = 0; i < n; i++) r[i] = b[i]! - Ap[i]!;
    return norm2(r) / bnorm;
  };
  let rel = trueResidual();
  const z = new Float64Array(n);
  const p = new Float64Array(n);
  applyM(r, z);
  p.set(z);
  let rz = dot(r, z);
  let it = 0;
  while (rel > tol && it < maxIter) {
    throwIfAborted(options.signal);
    A.mv(p, Ap);
    const pAp = dot(p, Ap);
    if (!(pAp > 0)) break; // not positive definite along p (or breakdown)
    const alpha = rz / pAp;
    for (let i = 0; i < n; i++) {
      x[i]! += alpha * p[i]!;
      r[i]! -= alpha * Ap[i]!;
    }
    it++;
    rel = norm2(r) / bnorm;
    if (rel <= tol || it % 50 === 0) rel = trueResidual(); // guard against residual drift
    options.onProgress?.({ iteration: it, residual: rel });
    if (rel <= tol) break;
    applyM(r, z);
    const rzNew = dot(r, z);
    const beta = rzNew / rz;
    rz = rzNew;
    for (let i = 0; i < n; i++) p[i] = z[i]! + beta * p[i]!;
  }
  rel = trueResidual();
  const converged = rel <= tol;
  if (!converged && options.throwOnFailure === true) {
    throw new ConvergenceError('tol', tol, `a residual reachable in ${maxIter} iterations`, `reached ${rel}`);
  }
  return { x, iterations: it, residual: rel, converged };
}
