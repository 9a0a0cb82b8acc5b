import { DenseMatrix, InvalidArgumentError, log1p } from '@infogeom/linalg';
import { constraints } from '../constraint.js';
import { defineFamily } from '../define-family.js';
import type { Family } from '../family.js';

/** Parameters of the exponential distribution: the **rate** λ (not the scale 1/λ). */
export type ExponentialParams = {
  /** Rate λ > 0; the mean is 1/λ (scipy's `expon` takes `scale = 1/λ`). */
  readonly rate: number;
};

/**
 * The exponential distribution Exp(λ) on [0, ∞) with density λ e^(−λx), parameterised by the **rate** λ
 * (mean 1/λ; scipy's `expon(scale = 1/λ)`). Fisher information 1/λ²; an exponential family with natural
 * parameter −λ and sufficient statistic x.
 */
export const exponential: Family<ExponentialParams, number> = defineFamily<ExponentialParams, number>({
  name: 'exponential',
  description: 'Exponential Exp(λ) on [0, ∞) with rate λ (density λ e^(−λx), mean 1/λ; rate, not scale).',
  parameters: [
    { name: 'rate', shape: 'scalar', constraint: constraints.positive, description: 'rate λ > 0 (mean 1/λ)' },
  ],
  examples: [{ rate: 1 }, { rate: 0.02 }, { rate: 40 }],
  support: () => ({ kind: 'continuous', lower: 0, upper: Number.POSITIVE_INFINITY }),
  logProb: ({ rate }, x) => (x >= 0 ? Math.log(rate) - rate * x : Number.NEGATIVE_INFINITY),
  logProbBatch: ({ rate }, xs) => {
    const c = Math.log(rate);
    const out = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      out[i] = x >= 0 ? c - rate * x : Number.NEGATIVE_INFINITY;
    }
    return out;
  },
  // Inverse CDF: x = −log(1 − u)/λ with u ∈ [0, 1), so x is finite.
  sample: ({ rate }, rng, n) => Array.from({ length: n }, () => -log1p(-rng.uniform()) / rate),
  mean: ({ rate }) => 1 / rate,
  variance: ({ rate }) => 1 / (rate * rate),
  entropy: ({ rate }) => 1 - Math.log(rate),
  // NaN off the parameter space (rate ≤ 0), like logProb, so numerical derivatives notice the boundary.
  score: ({ rate }, x) => Float64Array.of(rate > 0 ? 1 / rate - x : Number.NaN),
  fisher: ({ rate }) => DenseMatrix.diagonal([1 / (rate * rate)]),
  kl: (p, q) => {
    const r = q.rate / p.rate;
    // log(λp/λq) + λq/λp − 1 = r − 1 − log r, accurate for r near 1.
    return r - 1 - log1p(r - 1);
  },
  fit: (data, { weights }) => {
    let w = 0;
    let s = 0;
    data.forEach((x, i) => {
      const wi = weights === undefined ? 1 : weights[i]!;
      if (wi === 0) return;
      if (!(x >= 0)) throw new InvalidArgumentError(`data[${i}]`, x, 'an observation ≥ 0');
      w += wi;
      s += wi * x;
    });
    if (!(s > 0)) throw new InvalidArgumentError('data', data, 'at least one positive observation');
    const rate = w / s;
    const params = { rate };
    // Σ wᵢ (log λ − λ xᵢ) = W log λ − λ S = W (log λ − 1).
    return {
      params,
      logLikelihood: w * (Math.log(rate) - 1),
      iterations: 0,
      converged: true,
      gradientNorm: 0,
    };
  },
  initialGuess: (data, base) => {
    const m = data.reduce((a, b) => a + b, 0) / data.length;
    return { ...base, rate: m > 0 ? 1 / m : 1 };
  },
  exponentialFamily: {
    toNatural: ({ rate }) => Float64Array.of(-rate),
    fromNatural: (eta, base) => ({ ...base, rate: -eta[0]! }),
    sufficientStatistic: (x) => Float64Array.of(x),
    logBaseMeasure: (x) => (x >= 0 ? 0 : Number.NEGATIVE_INFINITY),
    logPartition: (eta) => -Math.log(-eta[0]!),
    meanParameters: (eta) => Float64Array.of(-1 / eta[0]!),
    fromMean: (m, base) => ({ ...base, rate: 1 / m[0]! }),
    naturalFisher: (eta) => DenseMatrix.diagonal([1 / (eta[0]! * eta[0]!)]),
  },
});
