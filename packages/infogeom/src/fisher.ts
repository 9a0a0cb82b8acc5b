/**
 * Re-exports `@infogeom/fisher`.
 * @packageDocumentation
 */
export * from '@infogeom/fisher';
