import { createRng, type Rng } from '@infogeom/linalg';
import { expectation, type VectorExpectation } from '../expectation.js';
import type { Family } from '../family.js';
import type { Params } from '../parameter.js';
import type { Observation } from '../support.js';

/** What every check receives: the family, one parameter point and the kit's options. */
export interface CheckContext<P extends Params, X extends Observation> {
  /** The family under test. */
  readonly family: Family<P, X>;
  /** The parameter point. */
  readonly params: P;
  /** Monte Carlo sample size for sample-based checks. */
  readonly samples: number;
  /** A fresh generator for this check (same seed every run). */
  rng(): Rng;
  /** E_params[f(x)], exact where the support allows, else Monte Carlo with `samples` draws. */
  expect(f: (x: X) => ArrayLike<number>, samples?: number): VectorExpectation;
}

/** Builds a {@link CheckContext}. */
export function createContext<P extends Params, X extends Observation>(
  family: Family<P, X>,
  params: P,
  seed: number,
  samples: number,
): CheckContext<P, X> {
  const m = family.mean(params);
  const target = {
    support: family.support(params),
    logProb: (x: X) => family.logProb(params, x),
    sample: (rng: Rng, n: number) => family.sample(params, rng, n),
    ...(typeof m === 'number' && Number.isFinite(m) ? { center: m } : {}),
  };
  return {
    family,
    params,
    samples,
    rng: () => createRng(seed),
    expect: (f, n = samples) => expectation(target, f, { rng: createRng(seed + 1), samples: n }),
  };
}

/** Tolerance for an expectation: `exact` where it was summed or integrated, `sigmas` standard errors otherwise. */
export function expectationTolerance(e: VectorExpectation, exact: number, sigmas = 5): Float64Array {
  return e.method === 'monte-carlo'
    ? Float64Array.from(e.standardError, (s) => sigmas * s + exact)
    : new Float64Array(e.value.length).fill(exact);
}
