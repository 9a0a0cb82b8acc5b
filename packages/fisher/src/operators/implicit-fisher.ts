import {
  ConvergenceError,
  conjugateGradient,
  DenseMatrix,
  hutchinsonTrace,
  InvalidArgumentError,
  type LinearOperator,
  type TraceEstimate,
} from '@infogeom/linalg';
import type { FisherOperator } from './fisher-operator.js';
import { lanczosTopEigen } from './lanczos-top-eigen.js';
import { type LogdetEstimate, slqLogdet } from './slq-logdet.js';
import { checkDamping, checkLength, outVec } from './spectral.js';

/** A Fisher-vector product v ↦ F v (F symmetric PSD); must not modify `v`. */
export type FisherVectorProduct = (v: Float64Array) => ArrayLike<number>;

/** Options of {@link implicitFisher}. */
export interface ImplicitFisherOptions {
  /** The exact diagonal, when the caller can compute it cheaply (default: `dim` Fisher-vector products). */
  diag?: () => Float64Array;
  /** CG relative-residual tolerance of `solve` (default 1e-12). */
  cgTol?: number;
  /** CG iteration cap (default 10·dim). */
  maxIterations?: number;
  /** Hutchinson probes of `trace` (default 100). */
  traceSamples?: number;
  /** Probes of the stochastic Lanczos quadrature of `logdet` (default 30). */
  logdetSamples?: number;
  /** Lanczos steps per SLQ probe (default min(dim, 30)). */
  lanczosSteps?: number;
  /** Seed of every stochastic estimate (default 0): the same seed gives the same numbers. */
  seed?: number;
}

/** A Fisher operator known only through Fisher-vector products ({@link implicitFisher}). */
export interface ImplicitFisher extends FisherOperator {
  /** Always 'implicit'. */
  readonly kind: 'implicit';
  /** Hutchinson's estimate of tr F with its standard error (seeded). */
  traceEstimate(): TraceEstimate;
  /**
   * Stochastic Lanczos quadrature estimate of log det(F + λI) with its standard error (seeded).
   * @param damping - λ ≥ 0 (default 0)
   */
  logdetEstimate(damping?: number): LogdetEstimate;
}

/**
 * A Fisher operator given only by Fisher-vector products (e.g. Jacobian-vector products of a model),
 * with generic fallbacks:
 * - `solve(b, λ)`: conjugate gradients on F + λI to `cgTol`; a `ConvergenceError` naming `damping`
 *   when CG does not converge (typically λ = 0 on a singular F).
 * - `trace()`: Hutchinson with `traceSamples` seeded Rademacher probes (unbiased; SE via
 *   `traceEstimate()`).
 * - `logdet(λ)`: stochastic Lanczos quadrature (`slqLogdet`), SE via `logdetEstimate(λ)`.
 * - `diag()`: `options.diag` or `dim` products with unit vectors; `toDense()`: `dim` products,
 *   symmetrised; `topEigen`: Lanczos.
 * @param dim - number of parameters
 * @param fvp - v ↦ F v
 * @param options - tolerances, sample counts, seed
 */
export function implicitFisher(
  dim: number,
  fvp: FisherVectorProduct,
  options: ImplicitFisherOptions = {},
): ImplicitFisher {
  if (!Number.isInteger(dim) || dim < 1) throw new InvalidArgumentError('dim', dim, 'an integer ≥ 1');
  const seed = options.seed ?? 0;
  const mv = (v: Float64Array, out?: Float64Array): Float64Array => {
    checkLength(v, dim, 'v');
    const r = fvp(v);
    checkLength(r, dim, 'fvp(v)');
    const y = outVec(dim, out);
    y.set(r);
    return y;
  };
  const base: LinearOperator = { shape: [dim, dim] as const, symmetric: true, mv };
  const toDense = (): DenseMatrix => {
    const M = new DenseMatrix(dim, dim);
    const e = new Float64Array(dim);
    for (let j = 0; j < dim; j++) {
      e.fill(0);
      e[j] = 1;
      const c = mv(e);
      for (let i = 0; i < dim; i++) M.data[i * dim + j] = c[i]!;
    }
    for (let i = 0; i < dim; i++)
      for (let j = 0; j < i; j++)
        M.data[i * dim + j] = M.data[j * dim + i] = 0.5 * (M.data[i * dim + j]! + M.data[j * dim + i]!);
    return M;
  };
  const traceEstimate = (): TraceEstimate =>
    hutchinsonTrace(base, { samples: options.traceSamples ?? 100, seed });
  const logdetEstimate = (damping = 0): LogdetEstimate => {
    const o: Parameters<typeof slqLogdet>[2] = { samples: options.logdetSamples ?? 30, seed };
    if (options.lanczosSteps !== undefined) o.steps = options.lanczosSteps;
    return slqLogdet(base, damping, o);
  };
  const op: ImplicitFisher = {
    kind: 'implicit',
    dim,
    shape: [dim, dim] as const,
    symmetric: true,
    mv,
    solve(b, damping) {
      checkLength(b, dim, 'b');
      checkDamping(damping);
      const shifted: LinearOperator = {
        shape: [dim, dim] as const,
        symmetric: true,
        mv: (x, out) => {
          const y = mv(x, out);
          for (let i = 0; i < dim; i++) y[i]! += damping * x[i]!;
          return y;
        },
      };
      const cg: Parameters<typeof conjugateGradient>[2] = { tol: options.cgTol ?? 1e-12 };
      if (options.maxIterations !== undefined) cg.maxIterations = options.maxIterations;
      const r = conjugateGradient(shifted, b, cg);
      if (!r.converged)
        throw new ConvergenceError(
          'damping',
          damping,
          'a damping for which CG on F + damping·I converges',
          `relative residual ${r.residual} after ${r.iterations} iterations`,
        );
      return r.x;
    },
    trace: () => traceEstimate().estimate,
    traceEstimate,
    logdet: (damping = 0) => logdetEstimate(damping).estimate,
    logdetEstimate,
    diag() {
      if (options.diag !== undefined) {
        const d = options.diag();
        checkLength(d, dim, 'options.diag()');
        return d;
      }
      const d = new Float64Array(dim);
      const e = new Float64Array(dim);
      for (let j = 0; j < dim; j++) {
        e.fill(0);
        e[j] = 1;
        d[j] = mv(e)[j]!;
      }
      return d;
    },
    topEigen: (k, o) => lanczosTopEigen(base, k, o),
    toDense,
  };
  return op;
}
