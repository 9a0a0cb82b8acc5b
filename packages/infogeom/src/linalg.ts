/**
 * Re-exports `@infogeom/linalg`.
 * @packageDocumentation
 */
export * from '@infogeom/linalg';
