import { InvalidArgumentError } from '@infogeom/linalg';
import { checkDamping } from './damped-check.js';
import type { PreconditionerConfig } from './preconditioner.js';

/** Options of {@link operatorPreconditioner} (none). */
export type OperatorPreconditionerOptions = Record<never, never>;

/**
 * Uses the Fisher operator's own damped solve `fisher.solve(g, λ)`: exact for dense, diagonal,
 * block-diagonal, low-rank (Woodbury) and K-FAC/EK-FAC operators (Kronecker eigendecompositions), CG for
 * implicit ones. The default preconditioner.
 */
export const operatorPreconditioner: PreconditionerConfig<OperatorPreconditionerOptions> = {
  name: 'operator',
  description: "the Fisher operator's own damped solve (F + λI)⁻¹g",
  defaults: {},
  prepare(fisher) {
    return {
      lastIterations: 0,
      solve: (g, damping) => fisher.solve(g, checkDamping(damping)),
    };
  },
};

const KRONECKER_KINDS = new Set(['kfac', 'ekfac', 'blockDiagonal']);

/** Options of {@link kfacPreconditioner} (none). */
export type KfacPreconditionerOptions = Record<never, never>;

/**
 * K-FAC: the damped inverse of a Kronecker-factored Fisher (`kfacFisher`, `ekfacFisher`, or a
 * `blockDiagonalFisher` of them, one block per layer) by its factors' eigendecompositions — O(d³) per
 * factor instead of O(p³). Rejects any other representation, so a dense Fisher is never silently
 * inverted in its place.
 */
export const kfacPreconditioner: PreconditionerConfig<KfacPreconditionerOptions> = {
  name: 'kfac',
  description: 'Kronecker-factored (K-FAC / EK-FAC, block-diagonal by layer) damped inverse',
  defaults: {},
  prepare(fisher) {
    if (!KRONECKER_KINDS.has(fisher.kind))
      throw new InvalidArgumentError(
        'fisher.kind',
        fisher.kind,
        "a Kronecker-factored operator ('kfac', 'ekfac' or 'blockDiagonal')",
      );
    return {
      lastIterations: 0,
      solve: (g, damping) => fisher.solve(g, checkDamping(damping)),
    };
  },
};
