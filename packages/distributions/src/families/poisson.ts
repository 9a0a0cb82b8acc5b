import { DenseMatrix, InvalidArgumentError, lfactorial, samplePoisson } from '@infogeom/linalg';
import { constraints } from '../constraint.js';
import { defineFamily } from '../define-family.js';
import type { Family } from '../family.js';
import { countBatch } from '../internal/count-batch.js';
import { deviance } from '../internal/deviance.js';
import { entropySum } from '../internal/entropy-sum.js';

/** Parameters of the Poisson distribution: its rate (= mean) `rate`. */
export type PoissonParams = {
  /** Rate λ > 0 (the mean and the variance). */
  readonly rate: number;
};

function isCount(x: number): boolean {
  return Number.isInteger(x) && x >= 0;
}

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** δ(n) = log n! − (n + ½) log n + n − ½ log 2π for n = 1…16 (mpmath, rounded to double). */
const STIRLING_ERROR = [
  0.08106146679532726, 0.0413406959554093, 0.02767792568499834, 0.020790672103765093, 0.016644691189821193,
  0.013876128823070748, 0.01189670994589177, 0.010411265261972096, 0.009255462182712733, 0.00833056343336287,
  0.007573675487951841, 0.00694284010720953, 0.006408994188004207, 0.0059513701127588475,
  0.005554733551962801, 0.0052076559196096404,
];

/** Stirling's error δ(n) for an integer n ≥ 1 (Loader 2000): a table, then the asymptotic series. */
function stirlingError(n: number): number {
  if (n <= 16) return STIRLING_ERROR[n - 1]!;
  const nn = n * n;
  const S0 = 1 / 12;
  const S1 = 1 / 360;
  const S2 = 1 / 1260;
  const S3 = 1 / 1680;
  const S4 = 1 / 1188;
  if (n > 500) return (S0 - S1 / nn) / n;
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/**
 * log p(x | λ) by Loader's saddle-point form −δ(x) − D(x, λ) − ½ log 2πx, accurate to a few ulps even
 * for large λ, where x log λ − λ − log x! loses digits to cancellation.
 */
function logPmf(rate: number, x: number): number {
  if (!(rate > 0)) return Number.NaN;
  if (!isCount(x)) return Number.NEGATIVE_INFINITY;
  if (x === 0) return -rate;
  return -stirlingError(x) - deviance(x, rate) - HALF_LOG_2PI - 0.5 * Math.log(x);
}

/**
 * Entropy: exact summation over λ ± 40√λ (+ 40) — the tails beyond are below e⁻⁸⁰⁰ — for λ < 10⁵, and
 * the asymptotic series ½ log(2πeλ) − 1/(12λ) − 1/(24λ²) − 19/(360λ³) + O(λ⁻⁴) above (error < 1e-20
 * there; summing 10⁶ or more terms would be slow and the generic summation gives up before the mass).
 */
function poissonEntropy(rate: number): number {
  if (rate >= 1e5) {
    const r = 1 / rate;
    return 0.5 * Math.log(2 * Math.PI * Math.E * rate) - r * (1 / 12 + r * (1 / 24 + (r * 19) / 360));
  }
  const w = 40 * Math.sqrt(rate) + 40;
  return entropySum(Math.max(0, Math.floor(rate - w)), Math.ceil(rate + w), (x) => logPmf(rate, x));
}

/**
 * KL = λ log(λ/μ) − λ + μ = μ φ(v) with v = (λ − μ)/μ and φ(v) = (1 + v) log(1 + v) − v (by its series
 * for |v| ≤ ¼): the direct form cancels terms of size λ|v| down to ~λv²/2 (1e-12 relative at λ = 1e5).
 */
function klPoisson(lambda: number, mu: number): number {
  const v = (lambda - mu) / mu;
  if (Math.abs(v) > 0.25) return lambda * Math.log(lambda / mu) - lambda + mu;
  // φ(v) = Σ_{k≥2} (−1)ᵏ vᵏ / (k(k − 1)), summed until the terms stop mattering (≤ 30 at |v| = 0.25).
  let s = 0;
  let vk = -v;
  for (let k = 2; k <= 40; k++) {
    vk *= -v;
    const s1 = s + vk / (k * (k - 1));
    if (s1 === s) break;
    s = s1;
  }
  return mu * s;
}

/** Weighted mean of the data; throws unless every observation is a count. */
function weightedMean(data: readonly number[], weights: ArrayLike<number> | undefined): number {
  let w = 0;
  let s = 0;
  data.forEach((x, i) => {
    if (!isCount(x)) throw new InvalidArgumentError(`data[${i}]`, x, 'a non-negative integer');
    const wi = weights === undefined ? 1 : weights[i]!;
    w += wi;
    s += wi * x;
  });
  return s / w;
}

/**
 * The Poisson distribution on the counts {0, 1, 2, …} with rate λ: p(x) = λˣ e^(−λ) / x!.
 * Fisher information 1/λ; an exponential family with natural parameter log λ. The entropy has no closed
 * form: it is summed over λ ± 40√λ (+ 40) for λ < 10⁵ and given by its asymptotic series above.
 */
export const poisson: Family<PoissonParams, number> = defineFamily<PoissonParams, number>({
  name: 'poisson',
  description: 'Poisson with rate λ (mean = variance = rate) on the counts 0, 1, 2, …',
  parameters: [
    { name: 'rate', shape: 'scalar', constraint: constraints.positive, description: 'rate λ > 0 (the mean)' },
  ],
  examples: [{ rate: 0.05 }, { rate: 3.5 }, { rate: 120 }],
  support: () => ({ kind: 'discrete', lower: 0, upper: Number.POSITIVE_INFINITY }),
  logProb: ({ rate }, x) => logPmf(rate, x),
  logProbBatch: ({ rate }, xs) => {
    // Counts repeat: each small count's log p(x) is computed once.
    return countBatch(xs, (x) => logPmf(rate, x));
  },
  sample: ({ rate }, rng, n) => Array.from({ length: n }, () => samplePoisson(rng, rate)),
  mean: ({ rate }) => rate,
  variance: ({ rate }) => rate,
  entropy: ({ rate }) => poissonEntropy(rate),
  score: ({ rate }, x) => Float64Array.of(rate > 0 ? x / rate - 1 : Number.NaN),
  fisher: ({ rate }) => DenseMatrix.diagonal([1 / rate]),
  kl: (p, q) => klPoisson(p.rate, q.rate),
  fit: (data, { weights }) => {
    const m = weightedMean(data, weights);
    if (!(m > 0)) throw new InvalidArgumentError('data', data, 'at least one positive count (the MLE is 0)');
    const params = { rate: m };
    const ll = data.reduce((acc, x, i) => acc + (weights === undefined ? 1 : weights[i]!) * logPmf(m, x), 0);
    return { params, logLikelihood: ll, iterations: 0, converged: true, gradientNorm: 0 };
  },
  initialGuess: (data, base) => {
    const m = data.reduce((a, b) => a + b, 0) / data.length;
    return { ...base, rate: m > 0 ? m : 1 };
  },
  exponentialFamily: {
    toNatural: ({ rate }) => Float64Array.of(Math.log(rate)),
    fromNatural: (eta, base) => ({ ...base, rate: Math.exp(eta[0]!) }),
    sufficientStatistic: (x) => Float64Array.of(x),
    logBaseMeasure: (x) => -lfactorial(x),
    logPartition: (eta) => Math.exp(eta[0]!),
    meanParameters: (eta) => Float64Array.of(Math.exp(eta[0]!)),
    fromMean: (m, base) => ({ ...base, rate: m[0]! }),
    naturalFisher: (eta) => DenseMatrix.diagonal([Math.exp(eta[0]!)]),
  },
});
