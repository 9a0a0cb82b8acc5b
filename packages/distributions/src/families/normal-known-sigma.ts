import { DenseMatrix, InvalidArgumentError } from '@infogeom/linalg';
import { constraints } from '../constraint.js';
import { defineFamily } from '../define-family.js';
import type { Family, FitOptions } from '../family.js';

/**
 * Parameters of the normal with known standard deviation: the mean `mu` (the one coordinate) and the
 * fixed standard deviation `sigma` (a scale, not a variance; a hyperparameter, not fitted).
 */
export type NormalKnownSigmaParams = {
  /** Mean μ ∈ ℝ, the only coordinate. */
  readonly mu: number;
  /** Known standard deviation σ > 0 (fixed hyperparameter). */
  readonly sigma: number;
};

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

function knownSigma(options: FitOptions<NormalKnownSigmaParams>): number {
  const sigma = options.init?.sigma ?? options.fixed?.sigma;
  if (sigma === undefined || !(sigma > 0) || !Number.isFinite(sigma))
    throw new InvalidArgumentError(
      'options.fixed.sigma',
      sigma,
      'the known standard deviation σ > 0 (in options.fixed or options.init)',
    );
  return sigma;
}

/**
 * The normal distribution N(μ, σ²) with **known** standard deviation σ (a fixed hyperparameter): a
 * one-parameter location family in μ with Fisher information 1/σ². An exponential family with natural
 * parameter μ/σ², sufficient statistic x and log-partition σ²η²/2. Fitting needs σ in `options.fixed`
 * (or `options.init`); the MLE of μ is the (weighted) sample mean.
 */
export const normalKnownSigma: Family<NormalKnownSigmaParams, number> = defineFamily<
  NormalKnownSigmaParams,
  number
>({
  name: 'normalKnownSigma',
  description:
    'Normal N(μ, σ²) with mean mu (the coordinate) and known standard deviation sigma (fixed; scale, not variance).',
  parameters: [
    { name: 'mu', shape: 'scalar', constraint: constraints.real, description: 'mean μ' },
    {
      name: 'sigma',
      shape: 'scalar',
      constraint: constraints.positive,
      fixed: true,
      description: 'known standard deviation σ > 0 (fixed)',
    },
  ],
  examples: [
    { mu: 0, sigma: 1 },
    { mu: -3, sigma: 0.2 },
    { mu: 50, sigma: 10 },
  ],
  support: () => ({ kind: 'continuous', lower: Number.NEGATIVE_INFINITY, upper: Number.POSITIVE_INFINITY }),
  logProb: ({ mu, sigma }, x) => {
    const z = (x - mu) / sigma;
    return -HALF_LOG_2PI - Math.log(sigma) - 0.5 * z * z;
  },
  logProbBatch: ({ mu, sigma }, xs) => {
    const c = -HALF_LOG_2PI - Math.log(sigma);
    const inv = 1 / sigma;
    return Float64Array.from(xs, (x) => {
      const z = (x - mu) * inv;
      return c - 0.5 * z * z;
    });
  },
  sample: ({ mu, sigma }, rng, n) => Array.from({ length: n }, () => mu + sigma * rng.normal()),
  mean: ({ mu }) => mu,
  variance: ({ sigma }) => sigma * sigma,
  entropy: ({ sigma }) => 0.5 + HALF_LOG_2PI + Math.log(sigma),
  score: ({ mu, sigma }, x) => Float64Array.of((x - mu) / (sigma * sigma)),
  fisher: ({ sigma }) => DenseMatrix.diagonal([1 / (sigma * sigma)]),
  // The general normal KL (it reduces to (μp − μq)²/(2σ²) when the known σ agree).
  kl: (p, q) => {
    const r = p.sigma / q.sigma;
    const d = (p.mu - q.mu) / q.sigma;
    return -Math.log(r) + 0.5 * (r * r + d * d - 1);
  },
  fit: (data, options) => {
    const sigma = knownSigma(options);
    const { weights } = options;
    let w = 0;
    let m = 0;
    data.forEach((x, i) => {
      const wi = weights === undefined ? 1 : weights[i]!;
      if (wi === 0) return;
      w += wi;
      m += (wi / w) * (x - m);
    });
    if (!(w > 0)) throw new InvalidArgumentError('options.weights', weights, 'a positive total weight');
    const params = { mu: m, sigma };
    const lp = normalKnownSigma.logProbBatch(params, data);
    let ll = 0;
    lp.forEach((v, i) => {
      const wi = weights === undefined ? 1 : weights[i]!;
      if (wi !== 0) ll += wi * v;
    });
    return { params, logLikelihood: ll, iterations: 0, converged: true, gradientNorm: 0 };
  },
  initialGuess: (data, base) => ({ ...base, mu: data.reduce((a, b) => a + b, 0) / data.length }),
  exponentialFamily: {
    toNatural: ({ mu, sigma }) => Float64Array.of(mu / (sigma * sigma)),
    fromNatural: (eta, base) => ({ ...base, mu: eta[0]! * base.sigma * base.sigma }),
    sufficientStatistic: (x) => Float64Array.of(x),
    logBaseMeasure: (x, { sigma }) => -HALF_LOG_2PI - Math.log(sigma) - (0.5 * x * x) / (sigma * sigma),
    logPartition: (eta, { sigma }) => 0.5 * sigma * sigma * eta[0]! * eta[0]!,
    meanParameters: (eta, { sigma }) => Float64Array.of(sigma * sigma * eta[0]!),
    fromMean: (m, base) => ({ ...base, mu: m[0]! }),
    naturalFisher: (_eta, { sigma }) => DenseMatrix.diagonal([sigma * sigma]),
  },
});
