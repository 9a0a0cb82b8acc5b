/**
 * @infogeom/fisher — Fisher information and the Fisher–Rao geometry of statistical manifolds.
 *
 * @packageDocumentation
 */
export * from './estimators/index.js';
export * from './geometry/index.js';
export * from './operators/index.js';
export * from './statistics/index.js';
