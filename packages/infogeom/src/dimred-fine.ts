/**
 * Re-exports `@infogeom/dimred/fine`.
 * @packageDocumentation
 */
export * from '@infogeom/dimred/fine';
