import type { Observation, Params } from '@infogeom/distributions';
import { DenseMatrix, InvalidArgumentError, type Rng } from '@infogeom/linalg';
import type { FisherEstimate } from './fisher-estimate.js';
import type { Model } from './model.js';
import { checkParameters, modelJacobian, pullBackScore, resolveInputs } from './model-jacobian.js';

/** Options of {@link monteCarloFisher}. */
export interface MonteCarloFisherOptions<I> {
  /** The generator labels are drawn from (the only source of randomness). */
  rng: Rng;
  /** Labels drawn per input (default 1000; at least 2). */
  samples?: number;
  /** Inputs to sum over (default: the model's `inputs`; a single term for unconditional models). */
  inputs?: readonly I[];
}

/**
 * The model's Fisher information at `w` by Monte Carlo: for each input, `samples` labels y ~ p(· | w, input)
 * drawn from the model itself, and Σᵢ mean_y[g gᵀ] with g = ∇_w log p(y | w, inputᵢ). Unlike the empirical
 * Fisher this is an unbiased estimate of the true Fisher at any w; each entry's standard error is
 * √(Σᵢ Var_y[(g gᵀ)ⱼₖ] / samples).
 * @throws InvalidArgumentError when `samples` is not an integer ≥ 2
 */
export function monteCarloFisher<P extends Params, X extends Observation, I>(
  model: Model<P, X, I>,
  w: ArrayLike<number>,
  options: MonteCarloFisherOptions<I>,
): FisherEstimate {
  const wv = checkParameters(model, w);
  const samples = options.samples ?? 1000;
  if (!Number.isInteger(samples) || samples < 2)
    throw new InvalidArgumentError('options.samples', samples, 'an integer ≥ 2');
  const p = model.dimension;
  const inputs = resolveInputs(model, options.inputs);
  const value = new DenseMatrix(p, p);
  const variance = new Float64Array(p * p);
  const mean = new Float64Array(p * p);
  const m2 = new Float64Array(p * p);
  for (const input of inputs) {
    const params = model.params(wv, input);
    const J = model.score === undefined ? modelJacobian(model, wv, input) : undefined;
    const ys = model.family.sample(params, options.rng, samples);
    mean.fill(0);
    m2.fill(0);
    for (let s = 0; s < samples; s++) {
      const y = ys[s]!;
      const g =
        J === undefined ? model.score!(wv, y, input) : pullBackScore(J, model.family.score(params, y));
      // Welford update of the mean and sum of squared deviations of each entry of g gᵀ.
      for (let i = 0; i < p; i++)
        for (let j = 0; j < p; j++) {
          const v = g[i]! * g[j]!;
          const idx = i * p + j;
          const d = v - mean[idx]!;
          mean[idx]! += d / (s + 1);
          m2[idx]! += d * (v - mean[idx]!);
        }
    }
    for (let idx = 0; idx < p * p; idx++) {
      value.data[idx]! += mean[idx]!;
      variance[idx]! += m2[idx]! / (samples - 1) / samples;
    }
  }
  return {
    value,
    standardError: new DenseMatrix(p, p, variance.map(Math.sqrt)),
    method: 'monte-carlo',
    terms: inputs.length,
    samples,
  };
}
