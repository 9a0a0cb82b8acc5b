import type { Family } from '../family.js';
import type { Params } from '../parameter.js';
import type { Observation } from '../support.js';
import {
  checkEntropy,
  checkInvalid,
  checkNormalised,
  checkOutsideSupport,
  checkSampleMoments,
  checkValid,
} from './checks-basic.js';
import {
  checkFisherHessian,
  checkFisherOuterProduct,
  checkKlLocal,
  checkScoreFiniteDifference,
  checkScoreMeanZero,
} from './checks-score.js';
import { checkExponentialFamily, checkFit, checkReparameterisation } from './checks-structure.js';
import { type CheckContext, createContext } from './context.js';

/** The names of the conformance checks, one per property every family must have. */
export const conformanceCheckNames = [
  'valid parameters',
  'invalid parameters throw',
  'outside the support',
  'normalises',
  'sample moments',
  'entropy equals −E[log p]',
  'score has mean zero',
  'score matches finite differences',
  'Fisher equals E[score scoreᵀ]',
  'Fisher equals −E[Hessian]',
  'KL is locally ½ dθᵀ I dθ',
  'reparameterisation',
  'exponential family',
  'maximum likelihood',
] as const;

/** One of {@link conformanceCheckNames}. */
export type ConformanceCheckName = (typeof conformanceCheckNames)[number];

const implementations: Record<ConformanceCheckName, (c: CheckContext<Params, Observation>) => void> = {
  'valid parameters': checkValid,
  'invalid parameters throw': checkInvalid,
  'outside the support': checkOutsideSupport,
  normalises: checkNormalised,
  'sample moments': checkSampleMoments,
  'entropy equals −E[log p]': checkEntropy,
  'score has mean zero': checkScoreMeanZero,
  'score matches finite differences': checkScoreFiniteDifference,
  'Fisher equals E[score scoreᵀ]': checkFisherOuterProduct,
  'Fisher equals −E[Hessian]': checkFisherHessian,
  'KL is locally ½ dθᵀ I dθ': checkKlLocal,
  reparameterisation: checkReparameterisation,
  'exponential family': checkExponentialFamily,
  'maximum likelihood': checkFit,
};

/** Options of {@link conformanceChecks}. */
export interface ConformanceOptions<P extends Params> {
  /** Parameter points to check (default: the family's examples). */
  params?: readonly P[];
  /** Seed of every check's generator (default 20240917). */
  seed?: number;
  /** Monte Carlo sample size for sampling-based checks (default 20,000). */
  samples?: number;
  /** Checks to skip, each with the reason (reported, so a skip is visible). */
  skip?: Partial<Record<ConformanceCheckName, string>>;
}

/** One runnable check: `run` throws a ConformanceError (or the family's own error) on failure. */
export interface ConformanceCheck {
  /** `"<family> <check> @ <params index>"`. */
  readonly name: string;
  /** Which property it checks. */
  readonly check: ConformanceCheckName;
  /** Index into the parameter points. */
  readonly paramsIndex: number;
  /** Why it is skipped, when it is. */
  readonly skipped?: string;
  /** Runs the check; throws on failure. */
  run(): void;
}

/**
 * The conformance kit: every property a family must have, as a list of independent checks that any
 * test runner can execute — built-ins and third-party plugins run the same list:
 *
 * @example
 * ```ts
 * import { normal } from '@infogeom/distributions';
 * import { conformanceChecks } from '@infogeom/distributions/testing';
 *
 * // in a test file: for (const c of conformanceChecks(myFamily)) it.skipIf(c.skipped)(c.name, () => c.run());
 * const checks = conformanceChecks(normal, { params: [{ mu: 1, sigma: 2 }], samples: 5000 });
 * const failed = checks.filter((c) => {
 *   if (c.skipped !== undefined) return false;
 *   try {
 *     c.run();
 *     return false;
 *   } catch {
 *     return true;
 *   }
 * });
 * console.log(checks.length > 10, failed.map((c) => c.name));
 * ```
 *
 * ```txt [output]
 * true []
 * ```
 */
export function conformanceChecks<P extends Params, X extends Observation>(
  family: Family<P, X>,
  options: ConformanceOptions<P> = {},
): ConformanceCheck[] {
  const points = options.params ?? family.examples;
  const seed = options.seed ?? 20240917;
  const samples = options.samples ?? 20_000;
  const out: ConformanceCheck[] = [];
  points.forEach((params, k) => {
    for (const check of conformanceCheckNames) {
      const skipped = options.skip?.[check];
      out.push({
        name: `${family.name} ${check} @ ${options.params === undefined ? 'examples' : 'params'}[${k}]`,
        check,
        paramsIndex: k,
        ...(skipped === undefined ? {} : { skipped }),
        run: () => {
          const ctx = createContext(family, params, seed + 7919 * k, samples);
          implementations[check](ctx as unknown as CheckContext<Params, Observation>);
        },
      });
    }
  });
  return out;
}

/** A failed check in a {@link ConformanceReport}. */
export interface ConformanceFailure {
  /** The check's name. */
  name: string;
  /** What it threw. */
  error: unknown;
}

/** A skipped check in a {@link ConformanceReport}. */
export interface ConformanceSkip {
  /** The check's name. */
  name: string;
  /** Why it was skipped. */
  reason: string;
}

/** Result of {@link runConformance}. */
export interface ConformanceReport {
  /** Names of the checks that passed. */
  passed: string[];
  /** Checks that failed, with their errors. */
  failed: ConformanceFailure[];
  /** Checks skipped, with the reasons. */
  skipped: ConformanceSkip[];
}

/** Runs every check and collects the outcome (for scripts; in tests prefer one test per check). */
export function runConformance<P extends Params, X extends Observation>(
  family: Family<P, X>,
  options: ConformanceOptions<P> = {},
): ConformanceReport {
  const report: ConformanceReport = { passed: [], failed: [], skipped: [] };
  for (const c of conformanceChecks(family, options)) {
    if (c.skipped !== undefined) {
      report.skipped.push({ name: c.name, reason: c.skipped });
      continue;
    }
    try {
      c.run();
      report.passed.push(c.name);
    } catch (error) {
      report.failed.push({ name: c.name, error });
    }
  }
  return report;
}
