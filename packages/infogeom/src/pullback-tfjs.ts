/**
 * Re-exports `@infogeom/pullback/tfjs`.
 * @packageDocumentation
 */
export * from '@infogeom/pullback/tfjs';
