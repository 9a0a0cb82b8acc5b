import {
  DenseMatrix,
  expm1,
  InvalidArgumentError,
  lbeta,
  log1mexp,
  log1p,
  sampleGamma,
  samplePoisson,
} from '@infogeom/linalg';
import { constraints } from '../constraint.js';
import { defineFamily } from '../define-family.js';
import type { Family, FitOptions } from '../family.js';

/** Parameters of the negative binomial: the fixed number of successes `r` and the success probability `p`. */
export type NegativeBinomialParams = {
  /** Number of successes r > 0 to wait for (real values allowed; a fixed hyperparameter, not a coordinate). */
  readonly r: number;
  /** Success probability p ∈ (0, 1) of each trial. */
  readonly p: number;
};

function isCount(x: number): boolean {
  return Number.isInteger(x) && x >= 0;
}

/**
 * log Γ(x + r) / (Γ(r) x!), the log base measure, as −log(x + r) − log B(r, x + 1): the log-beta is
 * computed without the cancellation of log Γ(x + r) − log Γ(r) − log x!.
 */
function logCoefficient(r: number, x: number): number {
  return x === 0 ? 0 : -Math.log(x + r) - lbeta(r, x + 1);
}

function logPmf(r: number, p: number, logP: number, log1mP: number, x: number): number {
  if (!(p > 0 && p < 1 && r > 0)) return Number.NaN;
  if (!isCount(x)) return Number.NEGATIVE_INFINITY;
  return logCoefficient(r, x) + r * logP + (x === 0 ? 0 : x * log1mP);
}

/** The success count for a fit: from `init`, else from `fixed`. */
function fixedSuccesses(options: FitOptions<NegativeBinomialParams>): number {
  const r = options.init?.r ?? options.fixed?.r;
  if (r === undefined || !(r > 0 && Number.isFinite(r)))
    throw new InvalidArgumentError('options.fixed.r', r, 'the number of successes, a finite number > 0');
  return r;
}

/**
 * The negative binomial distribution of the number of **failures** x ∈ {0, 1, 2, …} before the r-th
 * success, success probability p: p(x) = Γ(x + r)/(Γ(r) x!) pʳ (1 − p)ˣ, mean r(1 − p)/p — SciPy's
 * `nbinom(n=r, p)`. r > 0 may be real (the gamma–Poisson mixture) and is a fixed hyperparameter (give
 * it to `fit` through `fixed: { r }` or `init`); the only coordinate is p, with Fisher information
 * r/(p²(1 − p)). An exponential family with natural parameter log(1 − p). The entropy has no closed form
 * and is summed exactly over the support.
 */
export const negativeBinomial: Family<NegativeBinomialParams, number> = defineFamily<
  NegativeBinomialParams,
  number
>({
  name: 'negativeBinomial',
  description:
    'Negative binomial: failures x = 0, 1, … before the r-th success (r > 0 fixed, real allowed), success probability p (scipy nbinom(r, p)).',
  parameters: [
    {
      name: 'r',
      shape: 'scalar',
      constraint: constraints.positive,
      fixed: true,
      description: 'number of successes r > 0 (fixed; real values allowed)',
    },
    {
      name: 'p',
      shape: 'scalar',
      constraint: constraints.unitInterval,
      description: 'success probability p ∈ (0, 1) of each trial',
    },
  ],
  examples: [
    { r: 3.5, p: 0.1 },
    { r: 0.7, p: 0.3 },
    { r: 12, p: 0.9 },
  ],
  support: () => ({ kind: 'discrete', lower: 0, upper: Number.POSITIVE_INFINITY }),
  logProb: ({ r, p }, x) => logPmf(r, p, Math.log(p), log1p(-p), x),
  logProbBatch: ({ r, p }, xs) => {
    const logP = Math.log(p);
    const log1mP = log1p(-p);
    return Float64Array.from(xs, (x) => logPmf(r, p, logP, log1mP, x));
  },
  // Gamma–Poisson mixture: λ ~ Gamma(r, rate p/(1 − p)), x | λ ~ Poisson(λ).
  sample: ({ r, p }, rng, n) => {
    const rate = p / (1 - p);
    return Array.from({ length: n }, () => samplePoisson(rng, sampleGamma(rng, r, rate)));
  },
  mean: ({ r, p }) => (r * (1 - p)) / p,
  variance: ({ r, p }) => (r * (1 - p)) / (p * p),
  score: ({ r, p }, x) => Float64Array.of(p > 0 && p < 1 ? r / p - x / (1 - p) : Number.NaN),
  fisher: ({ r, p }) => DenseMatrix.diagonal([r / (p * p * (1 - p))]),
  kl: (a, b) => {
    if (a.r !== b.r) throw new InvalidArgumentError('q.r', b.r, `the success count of p (${a.r})`);
    return a.r * (Math.log(a.p / b.p) + ((1 - a.p) / a.p) * (log1p(-a.p) - log1p(-b.p)));
  },
  fit: (data, options) => {
    const r = fixedSuccesses(options);
    const { weights } = options;
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
    const p = r / (r + m);
    const params = { r, p };
    const logP = Math.log(p);
    const log1mP = log1p(-p);
    const ll = data.reduce(
      (acc, x, i) => acc + (weights === undefined ? 1 : weights[i]!) * logPmf(r, p, logP, log1mP, x),
      0,
    );
    return { params, logLikelihood: ll, iterations: 0, converged: true, gradientNorm: 0 };
  },
  initialGuess: (data, base) => {
    const m = data.reduce((a, b) => a + b, 0) / data.length;
    return { ...base, p: base.r / (base.r + Math.max(m, 0.01)) };
  },
  exponentialFamily: {
    toNatural: ({ p }) => Float64Array.of(log1p(-p)),
    fromNatural: (eta, base) => ({ ...base, p: -expm1(eta[0]!) }),
    sufficientStatistic: (x) => Float64Array.of(x),
    logBaseMeasure: (x, { r }) => logCoefficient(r, x),
    logPartition: (eta, { r }) => -r * log1mexp(eta[0]!),
    meanParameters: (eta, { r }) => Float64Array.of(r / expm1(-eta[0]!)),
    fromMean: (m, base) => ({ ...base, p: base.r / (base.r + m[0]!) }),
    naturalFisher: (eta, { r }) => {
      const e = Math.exp(eta[0]!);
      const d = -expm1(eta[0]!);
      return DenseMatrix.diagonal([(r * e) / (d * d)]);
    },
  },
});
