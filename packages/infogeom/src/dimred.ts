/**
 * Re-exports `@infogeom/dimred`.
 * @packageDocumentation
 */
export * from '@infogeom/dimred';
