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
import { integrate } from '../expectation.js';
import type { Family, FitOptions } from '../family.js';
import { countBatch } from '../internal/count-batch.js';
import { entropySum } from '../internal/entropy-sum.js';
import { klGeometric } from '../internal/log-ratio.js';

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

/** Terms summed one by one before the tail switches to Euler–Maclaurin. */
const DIRECT_TERMS = 1_000_000;
const EM_START = 1000;

/**
 * Entropy −Σ f(x) log f(x). The support is summed up to mean + 40 sd + 40/(−log(1 − p)) + 40 (beyond,
 * the gamma-like tail is below e⁻⁴⁰ relative). When that exceeds 10⁶ terms (p small: the mass spreads
 * over ~r/p counts, where the generic summation gives up), x < 1000 is summed and the rest is
 * Σ_{x≥K} g(x) = ∫_K^∞ g + g(K)/2 − g′(K)/12 + …, g = −f log f continued analytically through the
 * log-beta; g varies on the scale min(K/|r − 1|, 1/p), so the dropped g‴ term is negligible.
 */
function negativeBinomialEntropy(r: number, p: number): number {
  const logP = Math.log(p);
  const log1mP = log1p(-p);
  const logf = (x: number) => logPmf(r, p, logP, log1mP, x);
  const hi = Math.ceil((r * (1 - p)) / p + (40 * Math.sqrt(r * (1 - p))) / p - 40 / log1mP + 40);
  if (hi <= DIRECT_TERMS) return entropySum(0, hi, logf);
  const lf = (x: number) => logCoefficient(r, x) + r * logP + x * log1mP;
  const g = (x: number) => {
    const l = lf(x);
    return Number.isFinite(l) ? -Math.exp(l) * l : 0;
  };
  const K = EM_START;
  const h = 1e-3 * K;
  const dg = (g(K + h) - g(K - h)) / (2 * h);
  // Break the tail at the bulk (mean ± k sd) and at multiples of the tail scale 1/p, so each
  // double-exponential panel sees a smooth bump rather than a spike 10⁵ sd wide on a 10⁷ axis.
  const mean = (r * (1 - p)) / p;
  const sd = Math.sqrt(r * (1 - p)) / p;
  const cuts = [
    ...[-40, -10, -3, 0, 3, 10, 40].map((k) => mean + k * sd),
    ...[0.01, 0.1, 1, 10, 40].map((k) => k / p),
  ]
    .filter((x) => x > K)
    .sort((a, b) => a - b);
  const edges = [K, ...cuts, Number.POSITIVE_INFINITY];
  let tail = 0;
  for (let i = 0; i + 1 < edges.length; i++)
    if (edges[i + 1]! > edges[i]!) tail += integrate((x) => [g(x)], edges[i]!, edges[i + 1]!)[0]!;
  return entropySum(0, K - 1, logf) + tail + g(K) / 2 - dg / 12;
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
 * r/(p²(1 − p)). An exponential family with natural parameter log(1 − p). The entropy has no closed form:
 * it is summed exactly over the support, with the far tail of very wide distributions (small p) by
 * Euler–Maclaurin (quadrature of the analytic extension of −p log p plus boundary terms).
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
    // Counts repeat: each small count's log p(x) is computed once.
    return countBatch(xs, (x) => logPmf(r, p, logP, log1mP, x));
  },
  // Gamma–Poisson mixture: λ ~ Gamma(r, rate p/(1 − p)), x | λ ~ Poisson(λ).
  sample: ({ r, p }, rng, n) => {
    const rate = p / (1 - p);
    return Array.from({ length: n }, () => samplePoisson(rng, sampleGamma(rng, r, rate)));
  },
  mean: ({ r, p }) => (r * (1 - p)) / p,
  variance: ({ r, p }) => (r * (1 - p)) / (p * p),
  entropy: ({ r, p }) => negativeBinomialEntropy(r, p),
  score: ({ r, p }, x) => Float64Array.of(p > 0 && p < 1 ? r / p - x / (1 - p) : Number.NaN),
  fisher: ({ r, p }) => DenseMatrix.diagonal([r / (p * p * (1 - p))]),
  kl: (a, b) => {
    if (a.r !== b.r) throw new InvalidArgumentError('q.r', b.r, `the success count of p (${a.r})`);
    return a.r * klGeometric(a.p, b.p);
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
