/**
 * `@infogeom/distributions/testing` — the conformance kit every family, built-in or third-party, passes.
 *
 * @packageDocumentation
 */
export { ConformanceError } from './compare.js';
export {
  type ConformanceCheck,
  type ConformanceCheckName,
  type ConformanceOptions,
  type ConformanceReport,
  conformanceCheckNames,
  conformanceChecks,
  runConformance,
} from './conformance.js';
export { invalidVariants } from './invalid-params.js';
