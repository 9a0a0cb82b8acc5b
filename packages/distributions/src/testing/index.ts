/**
 * `@infogeom/distributions/testing` — the conformance kit every family, built-in or third-party, passes.
 *
 * @packageDocumentation
 */
export { ConformanceError } from './compare.js';
export {
  type ConformanceCheck,
  type ConformanceCheckName,
  type ConformanceFailure,
  type ConformanceOptions,
  type ConformanceReport,
  type ConformanceSkip,
  conformanceCheckNames,
  conformanceChecks,
  runConformance,
} from './conformance.js';
export { invalidVariants } from './invalid-params.js';
