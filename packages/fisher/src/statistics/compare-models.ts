import type { Family, FitOptions, Observation, Params } from '@infogeom/distributions';
import { InvalidArgumentError } from '@infogeom/linalg';
import {
  type FisherInformationApproximation,
  fisherInformationApproximation,
} from './fisher-information-approximation.js';
import type { CoordinateBox, FisherVolumeOptions } from './fisher-volume.js';

/** A candidate of {@link compareModels}: a family restricted to a box of its coordinates. */
export interface ModelCandidate<X extends Observation> {
  /** Label in the ranking (default: the family's name). */
  readonly name?: string;
  /** The family. */
  readonly family: Family<Params, X>;
  /** The bounded box Θ in its coordinates. */
  readonly region: CoordinateBox;
  /** Fit options (fixed hyperparameters such as a known σ). */
  readonly fit?: FitOptions<Params>;
}

/** One row of the ranking returned by {@link compareModels}. */
export interface ModelRanking {
  /** The candidate's label. */
  readonly name: string;
  /** Its stochastic complexity (FIA) in nats. */
  readonly complexity: number;
  /** complexity − the best candidate's (0 for the winner). */
  readonly delta: number;
  /** exp(−delta) normalised over the candidates (an MDL / Bayesian-evidence-style weight). */
  readonly weight: number;
  /** The full approximation, term by term. */
  readonly approximation: FisherInformationApproximation<Params>;
}

/**
 * Ranks families on the same data by Rissanen's Fisher-information approximation to stochastic
 * complexity (best, i.e. shortest code length, first): goodness of fit traded against dimension and
 * the Fisher–Rao volume of each family's region.
 *
 * @example
 * ```ts
 * import { normal, normalKnownSigma } from '@infogeom/distributions';
 * import { compareModels } from '@infogeom/fisher';
 *
 * // data from N(0, 1): knowing σ = 1 saves a parameter's worth of code length
 * const data = [0.3, -1.2, 0.8, 1.9, -0.4, 0.1];
 * const ranking = compareModels(data, [
 *   { family: normal, region: { lower: [-5, 0.1], upper: [5, 10] } },
 *   { family: normalKnownSigma, region: { lower: [-5], upper: [5] }, fit: { fixed: { sigma: 1 } } },
 * ]);
 * console.log(ranking.map((r) => r.name));
 * ```
 *
 * ```txt [output]
 * [ 'normalKnownSigma', 'normal' ]
 * ```
 * @throws InvalidArgumentError when there are no candidates
 */
export function compareModels<X extends Observation>(
  data: readonly X[],
  candidates: readonly ModelCandidate<X>[],
  options: FisherVolumeOptions = {},
): ModelRanking[] {
  if (candidates.length === 0)
    throw new InvalidArgumentError('candidates', candidates, 'at least one family');
  const rows = candidates.map((c) => {
    const approximation = fisherInformationApproximation(c.family, data, {
      ...options,
      region: c.region,
      ...(c.fit === undefined ? {} : { fit: c.fit }),
    });
    return { name: c.name ?? c.family.name, complexity: approximation.value, approximation };
  });
  rows.sort((a, b) => a.complexity - b.complexity);
  const best = rows[0]!.complexity;
  const total = rows.reduce((s, r) => s + Math.exp(best - r.complexity), 0);
  return rows.map((r) => ({
    ...r,
    delta: r.complexity - best,
    weight: Math.exp(best - r.complexity) / total,
  }));
}
