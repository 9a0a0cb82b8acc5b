import { DenseMatrix, expm1, InvalidArgumentError, log1mexp, log1p } from '@infogeom/linalg';
import { constraints } from '../constraint.js';
import { defineFamily } from '../define-family.js';
import type { Family } from '../family.js';
import { klGeometric } from '../internal/log-ratio.js';

/** Parameters of the geometric distribution: the success probability `p` of each trial. */
export type GeometricParams = {
  /** Success probability p ∈ (0, 1) of each Bernoulli trial. */
  readonly p: number;
};

function isCount(x: number): boolean {
  return Number.isInteger(x) && x >= 0;
}

function logPmf(p: number, logP: number, log1mP: number, x: number): number {
  if (!(p > 0 && p < 1)) return Number.NaN;
  if (!isCount(x)) return Number.NEGATIVE_INFINITY;
  return logP + (x === 0 ? 0 : x * log1mP);
}

/**
 * The geometric distribution of the number of **failures** before the first success,
 * x ∈ {0, 1, 2, …}: p(x) = p (1 − p)ˣ, mean (1 − p)/p. (SciPy's `geom` counts trials, starting at 1:
 * this family is `scipy.stats.geom(p, loc=-1)`.) Fisher information 1/(p²(1 − p)); an exponential
 * family with natural parameter log(1 − p).
 */
export const geometric: Family<GeometricParams, number> = defineFamily<GeometricParams, number>({
  name: 'geometric',
  description:
    'Geometric: number of failures x = 0, 1, 2, … before the first success, success probability p (scipy geom(p, loc=-1)).',
  parameters: [
    {
      name: 'p',
      shape: 'scalar',
      constraint: constraints.unitInterval,
      description: 'success probability p ∈ (0, 1) of each trial',
    },
  ],
  examples: [{ p: 0.05 }, { p: 0.4 }, { p: 0.9 }],
  support: () => ({ kind: 'discrete', lower: 0, upper: Number.POSITIVE_INFINITY }),
  logProb: ({ p }, x) => logPmf(p, Math.log(p), log1p(-p), x),
  logProbBatch: ({ p }, xs) => {
    const logP = Math.log(p);
    const log1mP = log1p(-p);
    const out = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) out[i] = logPmf(p, logP, log1mP, xs[i]!);
    return out;
  },
  // Inversion: ⌊log U / log(1 − p)⌋ with U uniform on (0, 1] is geometric on {0, 1, …}.
  sample: ({ p }, rng, n) => {
    const log1mP = log1p(-p);
    return Array.from({ length: n }, () => Math.floor(log1p(-rng.uniform()) / log1mP));
  },
  mean: ({ p }) => (1 - p) / p,
  variance: ({ p }) => (1 - p) / (p * p),
  entropy: ({ p }) => (-(1 - p) * log1p(-p) - p * Math.log(p)) / p,
  score: ({ p }, x) => Float64Array.of(p > 0 && p < 1 ? 1 / p - x / (1 - p) : Number.NaN),
  fisher: ({ p }) => DenseMatrix.diagonal([1 / (p * p * (1 - p))]),
  kl: (a, b) => klGeometric(a.p, b.p),
  fit: (data, { weights }) => {
    let w = 0;
    let s = 0;
    data.forEach((x, i) => {
      if (!isCount(x)) throw new InvalidArgumentError(`data[${i}]`, x, 'a non-negative integer');
      const wi = weights === undefined ? 1 : weights[i]!;
      w += wi;
      s += wi * x;
    });
    const m = s / w;
    if (!(m > 0))
      throw new InvalidArgumentError('data', data, 'at least one positive count (the MLE is p = 1)');
    const p = 1 / (1 + m);
    const ll = w * (Math.log(p) + m * log1p(-p));
    return { params: { p }, logLikelihood: ll, iterations: 0, converged: true, gradientNorm: 0 };
  },
  initialGuess: (data, base) => {
    const m = data.reduce((a, b) => a + b, 0) / data.length;
    return { ...base, p: 1 / (1 + Math.max(m, 0.01)) };
  },
  exponentialFamily: {
    toNatural: ({ p }) => Float64Array.of(log1p(-p)),
    fromNatural: (eta, base) => ({ ...base, p: -expm1(eta[0]!) }),
    sufficientStatistic: (x) => Float64Array.of(x),
    logBaseMeasure: () => 0,
    logPartition: (eta) => -log1mexp(eta[0]!),
    meanParameters: (eta) => Float64Array.of(1 / expm1(-eta[0]!)),
    fromMean: (m, base) => ({ ...base, p: 1 / (1 + m[0]!) }),
    naturalFisher: (eta) => {
      const e = Math.exp(eta[0]!);
      const d = -expm1(eta[0]!);
      return DenseMatrix.diagonal([e / (d * d)]);
    },
  },
});
