import type { Observation, Params } from '@infogeom/distributions';
import { DenseMatrix, DimensionMismatchError, InvalidArgumentError, jacobian } from '@infogeom/linalg';
import type { Model } from './model.js';

/** Checks that `w` is a finite vector of the model's dimension and returns it as a Float64Array. */
export function checkParameters(
  model: Model<Params, Observation, unknown>,
  w: ArrayLike<number>,
): Float64Array {
  if (w.length !== model.dimension)
    throw new DimensionMismatchError('w.length', w.length, `${model.dimension} (the model's dimension)`);
  for (let i = 0; i < w.length; i++)
    if (!Number.isFinite(w[i]!)) throw new InvalidArgumentError(`w[${i}]`, w[i], 'a finite number');
  return Float64Array.from(w);
}

/**
 * J = ∂θ/∂w (k×p) of a model at `w` (and `input`): the model's own Jacobian when it has one, otherwise
 * Ridders-extrapolated central differences of w ↦ θ(w) = family.space.toCoordinates(params(w)).
 */
export function modelJacobian<P extends Params, X extends Observation, I>(
  model: Model<P, X, I>,
  w: Float64Array,
  input?: I,
): DenseMatrix {
  if (model.jacobian !== undefined) return model.jacobian(w, input);
  const f = (v: Float64Array): Float64Array => model.family.space.toCoordinates(model.params(v, input));
  return jacobian(f, w, { name: 'model.params', step: 1e-2 });
}

/** Jᵀs: pulls a score in the family's coordinates θ back to the model's parameters w. */
export function pullBackScore(J: DenseMatrix, s: ArrayLike<number>): Float64Array {
  const k = J.rows;
  const p = J.cols;
  if (s.length !== k) throw new DimensionMismatchError('score.length', s.length, `${k}`);
  const g = new Float64Array(p);
  for (let a = 0; a < k; a++) {
    const sa = s[a]!;
    if (sa === 0) continue;
    for (let j = 0; j < p; j++) g[j]! += J.data[a * p + j]! * sa;
  }
  return g;
}

/** ∇_w log p(x | w, input): the model's own score when it has one, else Jᵀ·family.score. */
export function modelScore<P extends Params, X extends Observation, I>(
  model: Model<P, X, I>,
  w: Float64Array,
  x: X,
  input?: I,
): Float64Array {
  if (model.score !== undefined) return model.score(w, x, input);
  const J = modelJacobian(model, w, input);
  return pullBackScore(J, model.family.score(model.params(w, input), x));
}

/** The inputs to sum over: the given ones, else the model's, else a single unconditional term. */
export function resolveInputs<I>(
  model: { readonly inputs?: readonly I[] },
  inputs: readonly I[] | undefined,
): readonly (I | undefined)[] {
  return inputs ?? model.inputs ?? [undefined];
}

/** JᵀAJ for a k×p Jacobian J and a k×k matrix A, added into `out` (p×p) with weight `c`. */
export function addCongruence(out: DenseMatrix, J: DenseMatrix, A: DenseMatrix, c = 1): void {
  const k = J.rows;
  const p = J.cols;
  const AJ = new Float64Array(k * p);
  for (let a = 0; a < k; a++)
    for (let b = 0; b < k; b++) {
      const v = A.data[a * k + b]!;
      if (v === 0) continue;
      for (let j = 0; j < p; j++) AJ[a * p + j]! += v * J.data[b * p + j]!;
    }
  for (let i = 0; i < p; i++)
    for (let a = 0; a < k; a++) {
      const jai = J.data[a * p + i]! * c;
      if (jai === 0) continue;
      for (let j = 0; j < p; j++) out.data[i * p + j]! += jai * AJ[a * p + j]!;
    }
}

/** Adds c·g gᵀ into the p×p matrix `out`. */
export function addOuter(out: DenseMatrix | Float64Array, g: ArrayLike<number>, c = 1): void {
  const d = out instanceof DenseMatrix ? out.data : out;
  const p = g.length;
  for (let i = 0; i < p; i++) {
    const gi = g[i]! * c;
    for (let j = 0; j < p; j++) d[i * p + j]! += gi * g[j]!;
  }
}
