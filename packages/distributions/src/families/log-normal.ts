import { DenseMatrix, expm1, InvalidArgumentError } from '@infogeom/linalg';
import { constraints } from '../constraint.js';
import { defineFamily } from '../define-family.js';
import type { Family } from '../family.js';

/**
 * Parameters of the log-normal: `mu` and `sigma` are the mean and standard deviation **of log x**
 * (log x ~ N(μ, σ²)), not the mean and standard deviation of x.
 */
export type LogNormalParams = {
  /** Mean μ ∈ ℝ of log x (the median of x is e^μ). */
  readonly mu: number;
  /** Standard deviation σ > 0 of log x. */
  readonly sigma: number;
};

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * The log-normal distribution on (0, ∞): log x ~ N(μ, σ²), density
 * exp(−(log x − μ)²/(2σ²)) / (x σ √(2π)); scipy's `lognorm(s = σ, scale = e^μ)`. Fisher information
 * diag(1/σ², 2/σ²) (that of the normal of log x); an exponential family with sufficient statistic
 * (log x, (log x)²). The MLE is the normal MLE of log x.
 */
export const logNormal: Family<LogNormalParams, number> = defineFamily<LogNormalParams, number>({
  name: 'logNormal',
  description:
    'Log-normal on (0, ∞): log x ~ N(μ, σ²), with mu and sigma the mean and standard deviation of log x.',
  parameters: [
    { name: 'mu', shape: 'scalar', constraint: constraints.real, description: 'mean μ of log x' },
    {
      name: 'sigma',
      shape: 'scalar',
      constraint: constraints.positive,
      description: 'standard deviation σ > 0 of log x',
    },
  ],
  examples: [
    { mu: 0, sigma: 0.5 },
    { mu: -2, sigma: 0.25 },
    { mu: 3, sigma: 0.8 },
  ],
  support: () => ({ kind: 'continuous', lower: 0, upper: Number.POSITIVE_INFINITY }),
  logProb: ({ mu, sigma }, x) => {
    if (!(x > 0)) return Number.NEGATIVE_INFINITY;
    const lx = Math.log(x);
    const z = (lx - mu) / sigma;
    return -HALF_LOG_2PI - Math.log(sigma) - lx - 0.5 * z * z;
  },
  logProbBatch: ({ mu, sigma }, xs) => {
    const c = -HALF_LOG_2PI - Math.log(sigma);
    const inv = 1 / sigma;
    const out = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      if (!(x > 0)) {
        out[i] = Number.NEGATIVE_INFINITY;
        continue;
      }
      const lx = Math.log(x);
      const z = (lx - mu) * inv;
      out[i] = c - lx - 0.5 * z * z;
    }
    return out;
  },
  sample: ({ mu, sigma }, rng, n) => Array.from({ length: n }, () => Math.exp(mu + sigma * rng.normal())),
  mean: ({ mu, sigma }) => Math.exp(mu + 0.5 * sigma * sigma),
  variance: ({ mu, sigma }) => expm1(sigma * sigma) * Math.exp(2 * mu + sigma * sigma),
  entropy: ({ mu, sigma }) => mu + 0.5 + HALF_LOG_2PI + Math.log(sigma),
  score: ({ mu, sigma }, x) => {
    // NaN off the parameter space (σ ≤ 0), like logProb, so numerical derivatives notice the boundary.
    if (!(sigma > 0)) return Float64Array.of(Number.NaN, Number.NaN);
    const z = (Math.log(x) - mu) / sigma;
    return Float64Array.of(z / sigma, (z * z - 1) / sigma);
  },
  fisher: ({ sigma }) => DenseMatrix.diagonal([1 / (sigma * sigma), 2 / (sigma * sigma)]),
  // KL is invariant under x ↦ log x: the normal KL.
  kl: (p, q) => {
    const r = p.sigma / q.sigma;
    const d = (p.mu - q.mu) / q.sigma;
    return -Math.log(r) + 0.5 * (r * r + d * d - 1);
  },
  fit: (data, { weights }) => {
    let w = 0;
    let m = 0;
    let s = 0;
    data.forEach((x, i) => {
      const wi = weights === undefined ? 1 : weights[i]!;
      if (wi === 0) return;
      if (!(x > 0)) throw new InvalidArgumentError(`data[${i}]`, x, 'an observation > 0');
      // Weighted Welford update on log x.
      const lx = Math.log(x);
      w += wi;
      const d = lx - m;
      m += (wi / w) * d;
      s += wi * d * (lx - m);
    });
    const sigma = Math.sqrt(s / w);
    if (!(sigma > 0)) throw new InvalidArgumentError('data', data, 'at least two distinct observations');
    const params = { mu: m, sigma };
    const lp = logNormal.logProbBatch(params, data);
    let ll = 0;
    lp.forEach((v, i) => {
      const wi = weights === undefined ? 1 : weights[i]!;
      if (wi !== 0) ll += wi * v;
    });
    return { params, logLikelihood: ll, iterations: 0, converged: true, gradientNorm: 0 };
  },
  initialGuess: (data, base) => {
    const logs = data.filter((x) => x > 0).map(Math.log);
    if (logs.length === 0) return base;
    const m = logs.reduce((a, b) => a + b, 0) / logs.length;
    const v = logs.reduce((a, b) => a + (b - m) * (b - m), 0) / logs.length;
    return { ...base, mu: m, sigma: Math.sqrt(v) || 1 };
  },
  exponentialFamily: {
    toNatural: ({ mu, sigma }) => Float64Array.of(mu / (sigma * sigma), -1 / (2 * sigma * sigma)),
    fromNatural: (eta, base) => ({
      ...base,
      mu: -eta[0]! / (2 * eta[1]!),
      sigma: Math.sqrt(-1 / (2 * eta[1]!)),
    }),
    sufficientStatistic: (x) => {
      const lx = Math.log(x);
      return Float64Array.of(lx, lx * lx);
    },
    logBaseMeasure: (x) => (x > 0 ? -HALF_LOG_2PI - Math.log(x) : Number.NEGATIVE_INFINITY),
    logPartition: (eta) => (-eta[0]! * eta[0]!) / (4 * eta[1]!) - 0.5 * Math.log(-2 * eta[1]!),
    meanParameters: (eta) => {
      const mu = -eta[0]! / (2 * eta[1]!);
      return Float64Array.of(mu, mu * mu - 1 / (2 * eta[1]!));
    },
    fromMean: (m, base) => ({ ...base, mu: m[0]!, sigma: Math.sqrt(m[1]! - m[0]! * m[0]!) }),
    naturalFisher: (eta) => {
      const [a, b] = [eta[0]!, eta[1]!];
      const ab = a / (2 * b * b);
      return DenseMatrix.from([
        [-1 / (2 * b), ab],
        [ab, (-a * a) / (2 * b * b * b) + 1 / (2 * b * b)],
      ]);
    },
  },
});
