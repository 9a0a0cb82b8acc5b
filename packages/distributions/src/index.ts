/**
 * @infogeom/distributions — parametric families: the points of infogeom's statistical manifolds.
 *
 * Side-effect free: importing a family (`import { normal } from '@infogeom/distributions'`) registers
 * nothing. `import '@infogeom/distributions/register-all'` registers every built-in so that
 * `family('normal')` works, typed through {@link FamilyRegistry}.
 *
 * @packageDocumentation
 */
export * from './constraint.js';
export * from './define-family.js';
export * from './expectation.js';
export * from './exponential-family.js';
export * from './families/index.js';
export * from './family.js';
export * from './fisher-scoring-fit.js';
export * from './parameter.js';
export * from './parameter-space.js';
export * from './registry.js';
export * from './support.js';
