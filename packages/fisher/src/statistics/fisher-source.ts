import type { Family, Observation, Params } from '@infogeom/distributions';
import { type DenseMatrix, eigh, SingularMatrixError } from '@infogeom/linalg';
import { exactFisher } from '../estimators/exact-fisher.js';
import type { Model } from '../estimators/model.js';

/** What a Fisher information can come from: a family (at its params) or a model (at parameters w). */
export type FisherSource<P extends Params = Params> = Family<P, Observation> | Model<P, Observation, unknown>;

/** A point of a {@link FisherSource}: the family's params, or the model's parameter vector w. */
export type FisherPoint<P extends Params = Params> = P | ArrayLike<number>;

function isModel<P extends Params>(source: FisherSource<P>): source is Model<P, Observation, unknown> {
  return typeof (source as { dimension?: unknown }).dimension === 'number';
}

/** The Fisher information of one observation (or, for a model, summed over its inputs) at `point`. */
export function fisherAt<P extends Params>(source: FisherSource<P>, point: FisherPoint<P>): DenseMatrix {
  if (isModel(source)) return exactFisher(source, point as ArrayLike<number>).value;
  source.validate(point as P);
  return source.fisher(point as P);
}

/** Coordinate names of `point` (θ names for a family, `w[i]` for a model). */
export function coordinateNames<P extends Params>(source: FisherSource<P>, point: FisherPoint<P>): string[] {
  if (isModel(source)) return Array.from({ length: source.dimension }, (_, i) => `w[${i}]`);
  return source.space.coordinateNames(point as P);
}

/** Throws SingularMatrixError naming `argument` unless the symmetric `I` is numerically positive definite. */
export function assertNonsingularFisher(I: DenseMatrix, argument: string): void {
  if (I.rows === 0) return;
  const { values } = eigh(I);
  const max = Math.max(...values.map(Math.abs));
  const min = values[0]!;
  if (!(min > 1e-12 * max) || !(max > 0))
    throw new SingularMatrixError(
      argument,
      I,
      'a nonsingular Fisher information (the parameters are not identifiable here)',
      `smallest eigenvalue ${min}, largest ${max}`,
    );
}
