import { DenseMatrix, InvalidArgumentError, log1p, log1pexp } from '@infogeom/linalg';
import { constraints } from '../constraint.js';
import { defineFamily } from '../define-family.js';
import type { Family } from '../family.js';
import { klBernoulli } from '../internal/log-ratio.js';

/** Parameters of the Bernoulli distribution: the success probability `p`. */
export type BernoulliParams = {
  /** Success probability p = P(x = 1) ∈ (0, 1). */
  readonly p: number;
};

function logPmf(p: number, x: number): number {
  if (!(p > 0 && p < 1)) return Number.NaN;
  if (x === 1) return Math.log(p);
  if (x === 0) return log1p(-p);
  return Number.NEGATIVE_INFINITY;
}

function sigmoid(t: number): number {
  return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
}

/**
 * The Bernoulli distribution on {0, 1} with success probability p: p(1) = p, p(0) = 1 − p.
 * Fisher information 1/(p(1 − p)); an exponential family with natural parameter logit p.
 */
export const bernoulli: Family<BernoulliParams, number> = defineFamily<BernoulliParams, number>({
  name: 'bernoulli',
  description: 'Bernoulli on {0, 1} with success probability p = P(x = 1).',
  parameters: [
    {
      name: 'p',
      shape: 'scalar',
      constraint: constraints.unitInterval,
      description: 'success probability p = P(x = 1) ∈ (0, 1)',
    },
  ],
  examples: [{ p: 0.05 }, { p: 0.5 }, { p: 0.9 }],
  support: () => ({ kind: 'discrete', lower: 0, upper: 1 }),
  logProb: ({ p }, x) => logPmf(p, x),
  logProbBatch: ({ p }, xs) => {
    const l1 = Math.log(p);
    const l0 = log1p(-p);
    if (!(p > 0 && p < 1)) return new Float64Array(xs.length).fill(Number.NaN);
    return Float64Array.from(xs, (x) => (x === 1 ? l1 : x === 0 ? l0 : Number.NEGATIVE_INFINITY));
  },
  sample: ({ p }, rng, n) => Array.from({ length: n }, () => (rng.uniform() < p ? 1 : 0)),
  mean: ({ p }) => p,
  variance: ({ p }) => p * (1 - p),
  entropy: ({ p }) => -p * Math.log(p) - (1 - p) * log1p(-p),
  score: ({ p }, x) => Float64Array.of(p > 0 && p < 1 ? x / p - (1 - x) / (1 - p) : Number.NaN),
  fisher: ({ p }) => DenseMatrix.diagonal([1 / (p * (1 - p))]),
  kl: (a, b) => klBernoulli(a.p, b.p),
  fit: (data, { weights }) => {
    let w = 0;
    let s = 0;
    data.forEach((x, i) => {
      if (x !== 0 && x !== 1) throw new InvalidArgumentError(`data[${i}]`, x, '0 or 1');
      const wi = weights === undefined ? 1 : weights[i]!;
      w += wi;
      s += wi * x;
    });
    const p = s / w;
    if (!(p > 0 && p < 1))
      throw new InvalidArgumentError('data', data, 'both outcomes 0 and 1 (the MLE is on the boundary)');
    const l1 = Math.log(p);
    const l0 = log1p(-p);
    const ll = w * (p * l1 + (1 - p) * l0);
    return { params: { p }, logLikelihood: ll, iterations: 0, converged: true, gradientNorm: 0 };
  },
  initialGuess: (data, base) => {
    const m = data.reduce((a, b) => a + b, 0) / data.length;
    return { ...base, p: Math.min(Math.max(m, 0.01), 0.99) };
  },
  exponentialFamily: {
    toNatural: ({ p }) => Float64Array.of(Math.log(p) - log1p(-p)),
    fromNatural: (eta, base) => ({ ...base, p: sigmoid(eta[0]!) }),
    sufficientStatistic: (x) => Float64Array.of(x),
    logBaseMeasure: () => 0,
    logPartition: (eta) => log1pexp(eta[0]!),
    meanParameters: (eta) => Float64Array.of(sigmoid(eta[0]!)),
    fromMean: (m, base) => ({ ...base, p: m[0]! }),
    naturalFisher: (eta) => {
      const s = sigmoid(eta[0]!);
      return DenseMatrix.diagonal([s * (1 - s)]);
    },
  },
});
