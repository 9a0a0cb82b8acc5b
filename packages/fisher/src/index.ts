/**
 * @infogeom/fisher — Fisher information and the Fisher–Rao geometry of statistical manifolds.
 *
 * @packageDocumentation
 */
export * from './geometry/index.js';
