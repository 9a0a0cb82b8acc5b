import { InvalidArgumentError, NotPositiveDefiniteError } from '../core/errors.js';
import type { LinearOperator } from '../core/linear-operator.js';
import { type EigsProgress, lanczos, type PartialEighResult } from '../iterative/lanczos.js';
import { lobpcg } from '../iterative/lobpcg.js';
import { positiveInt, resolveRng, squareSize, tolerance } from '../iterative/util.js';
import type { Rng } from '../random/rng.js';
import { CsrMatrix } from './csr-matrix.js';
import { envelopeCholesky } from './envelope-cholesky.js';
import { findMissedEigenvectors } from './missed-eigenpairs.js';
import { rayleighRitzRefine } from './rayleigh-ritz-refine.js';

/** Options for {@link sparseEigsh}. */
export interface SparseEigshOptions {
  /** Number of eigenpairs. */
  k: number;
  /** Which end of the spectrum (default 'smallest'). */
  which?: 'smallest' | 'largest';
  /**
   * 'auto' (default): shift-invert Lanczos with an envelope Cholesky factorisation for the
   * smallest pairs of a {@link CsrMatrix} whose factor fits, plain thick-restart Lanczos otherwise;
   * or force 'shift-invert', 'lanczos' or 'lobpcg'.
   */
  method?: 'auto' | 'shift-invert' | 'lanczos' | 'lobpcg';
  /** Shift σ < λ_min for shift-invert (default: just below 0 for PSD matrices, else below the Gershgorin bound). */
  sigma?: number;
  /** Converged when ‖Ax − λx‖ ≤ tol·‖A‖ (‖A‖ bounded by Gershgorin for CSR input; default 1e-10). */
  tol?: number;
  /** Lanczos subspace size (default min(n, max(2k + 1, 20))). */
  subspaceSize?: number;
  /** Maximum operator applications (solves for shift-invert). */
  maxIterations?: number;
  /** Seed for starting vectors (default 0). */
  seed?: number;
  /** Random source (overrides `seed`). */
  rng?: Rng;
  /** Aborts with an AbortError. */
  signal?: AbortSignal;
  /** Progress of the underlying iteration. */
  onProgress?: (progress: EigsProgress) => void;
}

/** Result of {@link sparseEigsh}: the eigenpairs plus the method and shift used. */
export interface SparseEigshResult extends PartialEighResult {
  /** The method that produced the result. */
  method: 'shift-invert' | 'lanczos' | 'lobpcg';
  /** The shift σ used by shift-invert (NaN otherwise). */
  sigma: number;
}

/** Gershgorin bounds: [min over rows of aᵢᵢ − Σ|aᵢⱼ|, max over rows of Σ|aᵢⱼ|]. */
function gershgorin(A: CsrMatrix): [number, number] {
  let lower = Number.POSITIVE_INFINITY;
  let norm = 0;
  for (let i = 0; i < A.rows; i++) {
    let off = 0;
    let d = 0;
    for (let p = A.rowPtr[i]!; p < A.rowPtr[i + 1]!; p++) {
      if (A.colIdx[p] === i) d = A.values[p]!;
      else off += Math.abs(A.values[p]!);
    }
    lower = Math.min(lower, d - off);
    norm = Math.max(norm, Math.abs(d) + off);
  }
  return [lower, norm];
}

/**
 * k extreme eigenpairs of a sparse (or matrix-free) symmetric matrix, choosing a method. For the
 * smallest pairs of a CSR matrix it factors A − σI (RCM + envelope Cholesky) and runs Lanczos on
 * (A − σI)⁻¹, like ARPACK's shift-invert mode in scikit-learn, then polishes with a Rayleigh–Ritz
 * step on A itself; eigenvalues come back ascending with true residuals.
 * @param A - symmetric CSR matrix or symmetric operator
 * @param options - k, which end, method, shift, tolerance, randomness, signal, progress
 */
export function sparseEigsh(A: CsrMatrix | LinearOperator, options: SparseEigshOptions): SparseEigshResult {
  const n = squareSize(A);
  const k = options.k;
  if (!Number.isInteger(k) || k < 1 || k > n)
    throw new InvalidArgumentError('k', k, `an integer in [1, ${n}]`);
  if (A instanceof CsrMatrix ? !A.isSymmetric(1e-12) : A.symmetric === false) {
    throw new InvalidArgumentError('A', A, 'a symmetric matrix');
  }
  const which = options.which ?? 'smallest';
  if (which !== 'smallest' && which !== 'largest')
    throw new InvalidArgumentError('which', which, "'smallest' or 'largest'");
  const tol = tolerance(options.tol, 1e-10);
  const method = options.method ?? 'auto';
  if (!['auto', 'shift-invert', 'lanczos', 'lobpcg'].includes(method)) {
    throw new InvalidArgumentError('method', method, "'auto', 'shift-invert', 'lanczos' or 'lobpcg'");
  }
  const rng = resolveRng(options);
  const common = {
    k,
    tol,
    ...(options.maxIterations === undefined
      ? {}
      : { maxIterations: positiveInt(options.maxIterations, 1, 'maxIterations') }),
    rng, // one stream for the solver and the multiplicity check (a re-seeded copy would be blind)
    ...(options.subspaceSize === undefined ? {} : { subspaceSize: options.subspaceSize }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  };
  if (method === 'lobpcg') {
    return { ...lobpcg(A, { ...common, largest: which === 'largest' }), method: 'lobpcg', sigma: Number.NaN };
  }
  const wantShiftInvert =
    which === 'smallest' && A instanceof CsrMatrix && (method === 'auto' || method === 'shift-invert');
  if (method === 'shift-invert' && !(A instanceof CsrMatrix && which === 'smallest')) {
    throw new InvalidArgumentError(
      'method',
      method,
      "'shift-invert' only for the smallest pairs of a CsrMatrix",
    );
  }
  const finish = (
    op: LinearOperator,
    found: PartialEighResult,
    end: 'largest' | 'smallest',
    margin: number,
    solve: ((b: Float64Array, out?: Float64Array) => Float64Array) | undefined,
    absTol: number,
  ): PartialEighResult => {
    const cols = Array.from({ length: k }, (_, j) => found.vectors.column(j));
    const boundary = end === 'largest' ? found.values[0]! : found.values[k - 1]!;
    const missed = findMissedEigenvectors(op, cols, end, boundary, margin, tol, k, rng, options.signal);
    const res = rayleighRitzRefine(A, [...cols, ...missed.added], k, which, solve, absTol, options.signal);
    return { ...res, iterations: found.iterations + missed.iterations + res.iterations };
  };
  if (wantShiftInvert) {
    const [lower, norm] = gershgorin(A);
    const delta = 1e-6 * Math.max(norm, Number.MIN_VALUE);
    const sigmas =
      options.sigma !== undefined ? [options.sigma] : lower >= 0 ? [lower - delta] : [-delta, lower - delta];
    for (const sigma of sigmas) {
      if (!Number.isFinite(sigma)) throw new InvalidArgumentError('sigma', sigma, 'a finite number');
      let factor: ReturnType<typeof envelopeCholesky>;
      try {
        factor = envelopeCholesky(A, { shift: -sigma });
      } catch (e) {
        if (e instanceof NotPositiveDefiniteError && options.sigma === undefined) continue;
        if (e instanceof InvalidArgumentError && method === 'auto') break; // envelope too large
        throw e;
      }
      const B = factor.inverseOperator();
      const inv = lanczos(B, { ...common, which: 'largest', tol, convergence: 'ritz' });
      const res = finish(B, inv, 'largest', 10 * tol * inv.values[0]!, factor.solve, tol * norm);
      return { ...res, method: 'shift-invert', sigma };
    }
    if (method === 'shift-invert') {
      throw new NotPositiveDefiniteError('sigma', options.sigma, 'a shift below the smallest eigenvalue');
    }
  }
  const found = lanczos(A, { ...common, which });
  const scale = A instanceof CsrMatrix ? gershgorin(A)[1] : Math.max(...Array.from(found.values, Math.abs));
  const res = finish(A, found, which, 10 * tol * scale, undefined, 10 * tol * scale);
  return { ...res, converged: res.converged && found.converged, method: 'lanczos', sigma: Number.NaN };
}
