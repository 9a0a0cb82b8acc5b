/**
 * Re-exports `@infogeom/distributions/register-all`.
 * @packageDocumentation
 */
import '@infogeom/distributions/register-all';
