/**
 * Re-exports `@infogeom/pullback`.
 * @packageDocumentation
 */
export * from '@infogeom/pullback';
