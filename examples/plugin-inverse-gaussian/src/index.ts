/**
 * infogeom-plugin-inverse-gaussian — a third-party family for @infogeom/distributions, written against its
 * public entry points only. Importing this entry registers nothing; import
 * `infogeom-plugin-inverse-gaussian/register` to register the family and type `family('inverseGaussian')`.
 * @packageDocumentation
 */
export { type InverseGaussianParams, inverseGaussian } from './inverse-gaussian.js';
export { inverseGaussianDistance } from './inverse-gaussian-distance.js';
