/**
 * Re-exports `@infogeom/distributions`.
 * @packageDocumentation
 */
export * from '@infogeom/distributions';
