/**
 * Re-exports `@infogeom/distributions/testing`.
 * @packageDocumentation
 */
export * from '@infogeom/distributions/testing';
