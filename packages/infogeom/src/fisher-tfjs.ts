/**
 * Re-exports `@infogeom/fisher/tfjs`.
 * @packageDocumentation
 */
export * from '@infogeom/fisher/tfjs';
