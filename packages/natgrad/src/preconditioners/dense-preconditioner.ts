import { cholesky, choleskySolve, NotPositiveDefiniteError, SingularMatrixError } from '@infogeom/linalg';
import { checkDamping } from './damped-check.js';
import type { PreconditionerConfig } from './preconditioner.js';

/** Options of {@link densePreconditioner} (none). */
export type DensePreconditionerOptions = Record<never, never>;

/**
 * Materialises F densely (`toDense()`, O(p²) memory) and solves (F + λI)Δ = g by Cholesky: the exact
 * natural gradient for any representation, for models with up to a few thousand parameters.
 */
export const densePreconditioner: PreconditionerConfig<DensePreconditionerOptions> = {
  name: 'dense',
  description: 'exact (F + λI)⁻¹g by Cholesky of the dense Fisher matrix',
  defaults: {},
  prepare(fisher) {
    const F = fisher.toDense();
    const p = F.rows;
    return {
      lastIterations: 0,
      solve(g, damping) {
        checkDamping(damping);
        const A = F.clone();
        for (let i = 0; i < p; i++) A.data[i * p + i]! += damping;
        try {
          return choleskySolve(cholesky(A), g);
        } catch (e) {
          if (e instanceof NotPositiveDefiniteError)
            throw new SingularMatrixError(
              'damping',
              damping,
              'a damping that makes F + λI positive definite',
            );
          throw e;
        }
      },
    };
  },
};
