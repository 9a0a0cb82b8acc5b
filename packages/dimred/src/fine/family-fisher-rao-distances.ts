import type { Family, Observation, Params } from '@infogeom/distributions';
import { type GeodesicDistanceOptions, geodesicDistance } from '@infogeom/fisher';
import { AbortError, DenseMatrix, InvalidArgumentError } from '@infogeom/linalg';

/** Options of {@link familyFisherRaoDistances}. */
export interface FamilyDistanceOptions {
  /** Options of each `geodesicDistance` call (e.g. `freeze`, tolerances). */
  readonly distanceOptions?: GeodesicDistanceOptions;
  /** Checked between rows; an aborted signal stops with an `AbortError`. */
  readonly signal?: AbortSignal;
  /** Called after each row of the distance matrix with the fraction of pairs done. */
  readonly onProgress?: (fraction: number) => void;
}

/** Result of {@link familyFisherRaoDistances}. */
export interface FamilyDistances {
  /** The symmetric n × n Fisher–Rao distance matrix (zero diagonal). */
  readonly distances: DenseMatrix;
  /** Pairs whose distance came from a closed form. */
  readonly closedFormPairs: number;
  /** Pairs whose numerical geodesic solver did not meet its tolerance (their distance is an approximation). */
  readonly unconvergedPairs: number;
  /** Largest endpoint residual of the numerical solver (0 when every pair had a closed form). */
  readonly maxResidual: number;
}

/**
 * Pairwise Fisher–Rao distances between members of one parametric family, through
 * `geodesicDistance` of `@infogeom/fisher` (closed form when known, the geodesic boundary-value
 * solver otherwise).
 * @param family - the family (e.g. `normal` from `@infogeom/distributions`)
 * @param params - the n parameter points
 * @param options - options of `geodesicDistance` (e.g. `freeze`), plus signal and progress
 * @throws InvalidArgumentError for fewer than 1 point or an invalid parameter point
 */
export function familyFisherRaoDistances<P extends Params>(
  family: Family<P, Observation>,
  params: readonly P[],
  options: FamilyDistanceOptions = {},
): FamilyDistances {
  const n = params.length;
  if (n < 1) throw new InvalidArgumentError('params.length', n, 'at least 1 parameter point');
  const { signal, onProgress } = options;
  const geo = options.distanceOptions ?? {};
  const D = new DenseMatrix(n, n);
  let closed = 0;
  let unconverged = 0;
  let maxResidual = 0;
  const total = (n * (n - 1)) / 2;
  let done = 0;
  for (let i = 0; i < n; i++) {
    if (signal?.aborted === true) throw new AbortError(signal.reason);
    for (let j = i + 1; j < n; j++) {
      const r = geodesicDistance(family, params[i]!, params[j]!, geo);
      if (!Number.isFinite(r.distance))
        throw new InvalidArgumentError(
          `distance(params[${i}], params[${j}])`,
          r.distance,
          'a finite distance',
        );
      if (r.method === 'closed-form') closed++;
      if (!r.converged) unconverged++;
      maxResidual = Math.max(maxResidual, r.residual);
      D.data[i * n + j] = r.distance;
      D.data[j * n + i] = r.distance;
    }
    done += n - 1 - i;
    onProgress?.(total === 0 ? 1 : done / total);
  }
  return { distances: D, closedFormPairs: closed, unconvergedPairs: unconverged, maxResidual };
}
