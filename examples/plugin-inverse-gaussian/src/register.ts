/**
 * Side-effect entry: registers {@link inverseGaussian} under `'inverseGaussian'` and types
 * `family('inverseGaussian')` by augmenting `@infogeom/distributions`' FamilyRegistry.
 * @packageDocumentation
 */
import { registerFamily } from '@infogeom/distributions';
import { inverseGaussian } from './inverse-gaussian.js';

declare module '@infogeom/distributions' {
  interface FamilyRegistry {
    /** The inverse Gaussian family from infogeom-plugin-inverse-gaussian. */
    inverseGaussian: typeof inverseGaussian;
  }
}

registerFamily(inverseGaussian);
