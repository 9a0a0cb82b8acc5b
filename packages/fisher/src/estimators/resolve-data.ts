import type { Observation } from '@infogeom/distributions';
import { DimensionMismatchError, InvalidArgumentError } from '@infogeom/linalg';
import type { ModelData } from './model.js';

/** Pairs each observation with its input (the data's, else the model's, else `undefined`). */
export function resolveData<X extends Observation, I>(
  model: { readonly inputs?: readonly I[] },
  data: ModelData<X, I>,
): Array<{ y: X; input: I | undefined }> {
  const ys = data.observations;
  if (ys.length === 0) throw new InvalidArgumentError('data.observations', ys, 'at least one observation');
  const inputs = data.inputs ?? model.inputs;
  if (inputs !== undefined && inputs.length !== ys.length)
    throw new DimensionMismatchError(
      'data.inputs.length',
      inputs.length,
      `${ys.length} (one input per observation)`,
    );
  return ys.map((y, i) => ({ y, input: inputs?.[i] }));
}
