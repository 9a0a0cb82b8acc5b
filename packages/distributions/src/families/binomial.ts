import {
  DenseMatrix,
  InvalidArgumentError,
  lchoose,
  log1p,
  log1pexp,
  type Rng,
  sampleBeta,
} from '@infogeom/linalg';
import { constraints } from '../constraint.js';
import { defineFamily } from '../define-family.js';
import type { Family, FitOptions } from '../family.js';
import { countBatch } from '../internal/count-batch.js';
import { klBernoulli } from '../internal/log-ratio.js';

/** Parameters of the binomial distribution: the fixed trial count `n` and the success probability `p`. */
export type BinomialParams = {
  /** Number of trials n ≥ 1 (a fixed hyperparameter, not a coordinate). */
  readonly n: number;
  /** Success probability p ∈ (0, 1) of each trial. */
  readonly p: number;
};

function logPmf(n: number, p: number, logP: number, log1mP: number, x: number): number {
  if (!(p > 0 && p < 1)) return Number.NaN;
  if (!(Number.isInteger(x) && x >= 0 && x <= n)) return Number.NEGATIVE_INFINITY;
  return lchoose(n, x) + (x === 0 ? 0 : x * logP) + (x === n ? 0 : (n - x) * log1mP);
}

/** Bernoulli trials counted directly below this many trials; the beta-splitting recursion above. */
const DIRECT_TRIALS = 32;

/**
 * One Binomial(n, p) draw, exactly: Knuth's recursion (TAOCP 3.4.1 F) splits the trials at the i-th
 * order statistic X ~ Beta(i, n + 1 − i) of n uniforms, then counts the small remainders directly.
 */
function sampleBinomial(rng: Rng, n: number, p: number): number {
  let count = 0;
  let trials = n;
  let prob = p;
  while (trials > DIRECT_TRIALS) {
    const i = Math.floor(trials / 2) + 1;
    const x = sampleBeta(rng, i, trials + 1 - i);
    if (x < prob) {
      // The i smallest uniforms are successes; the other trials − i are uniform on (x, 1).
      count += i;
      trials -= i;
      prob = (prob - x) / (1 - x);
    } else {
      // The i − 1 smaller uniforms are uniform on (0, x).
      trials = i - 1;
      prob /= x;
    }
  }
  for (let k = 0; k < trials; k++) if (rng.uniform() < prob) count++;
  return count;
}

/** The trial count for a fit: from `init`, else from `fixed`. */
function fixedTrials(options: FitOptions<BinomialParams>): number {
  const n = options.init?.n ?? options.fixed?.n;
  if (n === undefined || !(Number.isInteger(n) && n >= 1))
    throw new InvalidArgumentError('options.fixed.n', n, 'the trial count, an integer ≥ 1');
  return n;
}

function sigmoid(t: number): number {
  return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
}

/**
 * The binomial distribution of the number of successes x ∈ {0, …, n} in n independent trials with
 * success probability p. The trial count n is a fixed hyperparameter (give it to `fit` through
 * `fixed: { n }` or `init`); the only coordinate is p, with Fisher information n/(p(1 − p)). An
 * exponential family with natural parameter logit p and base measure C(n, x). The entropy has no closed
 * form and is summed exactly over the support.
 */
export const binomial: Family<BinomialParams, number> = defineFamily<BinomialParams, number>({
  name: 'binomial',
  description: 'Binomial: successes x = 0…n in n trials (fixed hyperparameter) with success probability p.',
  parameters: [
    {
      name: 'n',
      shape: 'scalar',
      constraint: constraints.positiveInteger,
      fixed: true,
      description: 'number of trials n ≥ 1 (fixed)',
    },
    {
      name: 'p',
      shape: 'scalar',
      constraint: constraints.unitInterval,
      description: 'success probability p ∈ (0, 1) of each trial',
    },
  ],
  examples: [
    { n: 20, p: 0.05 },
    { n: 7, p: 0.5 },
    { n: 150, p: 0.9 },
  ],
  support: ({ n }) => ({ kind: 'discrete', lower: 0, upper: n }),
  logProb: ({ n, p }, x) => logPmf(n, p, Math.log(p), log1p(-p), x),
  logProbBatch: ({ n, p }, xs) => {
    const logP = Math.log(p);
    const log1mP = log1p(-p);
    // Counts repeat: each small count's log p(x) is computed once.
    return countBatch(xs, (x) => logPmf(n, p, logP, log1mP, x));
  },
  sample: ({ n, p }, rng, count) => Array.from({ length: count }, () => sampleBinomial(rng, n, p)),
  mean: ({ n, p }) => n * p,
  variance: ({ n, p }) => n * p * (1 - p),
  score: ({ n, p }, x) => Float64Array.of(p > 0 && p < 1 ? x / p - (n - x) / (1 - p) : Number.NaN),
  fisher: ({ n, p }) => DenseMatrix.diagonal([n / (p * (1 - p))]),
  kl: (a, b) => {
    if (a.n !== b.n) throw new InvalidArgumentError('q.n', b.n, `the trial count of p (${a.n})`);
    return a.n * klBernoulli(a.p, b.p);
  },
  fit: (data, options) => {
    const n = fixedTrials(options);
    const { weights } = options;
    let w = 0;
    let s = 0;
    data.forEach((x, i) => {
      if (!(Number.isInteger(x) && x >= 0 && x <= n))
        throw new InvalidArgumentError(`data[${i}]`, x, `an integer in [0, ${n}]`);
      const wi = weights === undefined ? 1 : weights[i]!;
      w += wi;
      s += wi * x;
    });
    const p = s / (w * n);
    if (!(p > 0 && p < 1))
      throw new InvalidArgumentError('data', data, 'not all 0 and not all n (the MLE is on the boundary)');
    const params = { n, p };
    const logP = Math.log(p);
    const log1mP = log1p(-p);
    const ll = data.reduce(
      (acc, x, i) => acc + (weights === undefined ? 1 : weights[i]!) * logPmf(n, p, logP, log1mP, x),
      0,
    );
    return { params, logLikelihood: ll, iterations: 0, converged: true, gradientNorm: 0 };
  },
  initialGuess: (data, base) => {
    const m = data.reduce((a, b) => a + b, 0) / data.length;
    return { ...base, p: Math.min(Math.max(m / base.n, 0.01), 0.99) };
  },
  exponentialFamily: {
    toNatural: ({ p }) => Float64Array.of(Math.log(p) - log1p(-p)),
    fromNatural: (eta, base) => ({ ...base, p: sigmoid(eta[0]!) }),
    sufficientStatistic: (x) => Float64Array.of(x),
    logBaseMeasure: (x, { n }) => lchoose(n, x),
    logPartition: (eta, { n }) => n * log1pexp(eta[0]!),
    meanParameters: (eta, { n }) => Float64Array.of(n * sigmoid(eta[0]!)),
    fromMean: (m, base) => ({ ...base, p: m[0]! / base.n }),
    naturalFisher: (eta, { n }) => {
      const s = sigmoid(eta[0]!);
      return DenseMatrix.diagonal([n * s * (1 - s)]);
    },
  },
});
