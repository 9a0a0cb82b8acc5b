import { SingularMatrixError } from '@infogeom/linalg';
import { checkDamping } from './damped-check.js';
import type { PreconditionerConfig } from './preconditioner.js';

/** Options of {@link diagonalPreconditioner} (none). */
export type DiagonalPreconditionerOptions = Record<never, never>;

/**
 * Keeps only the diagonal of F: Δᵢ = gᵢ / (Fᵢᵢ + λ). O(p) per step; exact when F is diagonal, the
 * coordinate-wise rescaling of Adagrad/Adam-style methods otherwise.
 */
export const diagonalPreconditioner: PreconditionerConfig<DiagonalPreconditionerOptions> = {
  name: 'diagonal',
  description: 'diagonal of F: gᵢ / (Fᵢᵢ + λ)',
  defaults: {},
  prepare(fisher) {
    const d = fisher.diag();
    return {
      lastIterations: 0,
      solve(g, damping) {
        checkDamping(damping);
        const out = new Float64Array(g.length);
        for (let i = 0; i < g.length; i++) {
          const s = d[i]! + damping;
          if (!(s > 0))
            throw new SingularMatrixError('damping', damping, `a damping that makes F[${i}][${i}] + λ > 0`);
          out[i] = g[i]! / s;
        }
        return out;
      },
    };
  },
};
