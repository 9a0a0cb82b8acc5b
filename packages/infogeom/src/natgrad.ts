/**
 * Re-exports `@infogeom/natgrad`.
 * @packageDocumentation
 */
export * from '@infogeom/natgrad';
