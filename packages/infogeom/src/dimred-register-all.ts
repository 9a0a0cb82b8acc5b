/**
 * Re-exports `@infogeom/dimred/register-all` (registers every built-in embedder).
 * @packageDocumentation
 */
import '@infogeom/dimred/register-all';
