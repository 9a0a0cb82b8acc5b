/**
 * @infogeom/natgrad — natural-gradient optimisation: family maximum likelihood in unconstrained and
 * mean coordinates, any model with a Fisher operator from @infogeom/fisher (dense, diagonal, K-FAC,
 * matrix-free CG) with Levenberg–Marquardt damping, line search, KL trust region and momentum, and
 * natural-gradient variational inference for GLMs. The tfjs trainers live in `@infogeom/natgrad/tfjs`.
 *
 * @packageDocumentation
 */

export * from './family-natural-gradient.js';
export * from './family-problem.js';
export * from './model-problem.js';
export * from './natural-gradient.js';
export * from './natural-gradient-flow.js';
export * from './optimizer.js';
export * from './preconditioners/index.js';
export * from './step-rules.js';
export * from './steppable.js';
export * from './vi/index.js';
