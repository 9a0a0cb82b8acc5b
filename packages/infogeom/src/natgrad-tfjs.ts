/**
 * Re-exports `@infogeom/natgrad/tfjs`.
 * @packageDocumentation
 */
export * from '@infogeom/natgrad/tfjs';
