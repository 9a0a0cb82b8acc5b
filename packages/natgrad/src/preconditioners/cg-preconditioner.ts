import { conjugateGradient, jacobiPreconditioner } from '@infogeom/linalg';
import { checkDamping } from './damped-check.js';
import type { PreconditionerConfig } from './preconditioner.js';

/** Options of {@link cgPreconditioner}. */
export interface CgPreconditionerOptions {
  /** Relative residual tolerance of CG (default 1e-10). */
  tol: number;
  /** Iteration cap (default 0: 10·dim, i.e. run to the tolerance). Truncated CG when small (Martens 2010). */
  maxIterations: number;
  /** Precondition CG by the Jacobi diagonal of F + λI (default true). */
  jacobi: boolean;
}

/**
 * Matrix-free natural gradient: solves (F + λI)Δ = g by conjugate gradients using only Fisher-vector
 * products (`fisher.mv`) — the Hessian-free / implicit approach for models too large to store F. Warm
 * started from the previous direction when the optimiser passes one.
 */
export const cgPreconditioner: PreconditionerConfig<CgPreconditionerOptions> = {
  name: 'cg',
  description: 'conjugate gradients on Fisher-vector products (matrix-free)',
  defaults: { tol: 1e-10, maxIterations: 0, jacobi: true },
  prepare(fisher, options) {
    const n = fisher.dim;
    let diag: Float64Array | undefined;
    const prepared = {
      lastIterations: 0,
      solve(g: Float64Array, damping: number, guess?: Float64Array): Float64Array {
        checkDamping(damping);
        const op = {
          shape: [n, n] as const,
          mv: (v: Float64Array, out?: Float64Array) => {
            const y = fisher.mv(v, out);
            for (let i = 0; i < n; i++) y[i]! += damping * v[i]!;
            return y;
          },
        };
        if (options.jacobi) diag ??= fisher.diag();
        const res = conjugateGradient(op, g, {
          tol: options.tol,
          ...(options.maxIterations > 0 ? { maxIterations: options.maxIterations } : {}),
          ...(guess !== undefined && guess.length === n ? { x0: guess } : {}),
          ...(options.jacobi && diag !== undefined
            ? { preconditioner: jacobiPreconditioner(Float64Array.from(diag, (d) => d + damping)) }
            : {}),
        });
        prepared.lastIterations = res.iterations;
        return res.x;
      },
    };
    return prepared;
  },
};
