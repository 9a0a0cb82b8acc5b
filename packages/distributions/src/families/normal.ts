import { DenseMatrix, InvalidArgumentError } from '@infogeom/linalg';
import { constraints } from '../constraint.js';
import { defineFamily } from '../define-family.js';
import type { Family } from '../family.js';

/** Parameters of the univariate normal: mean `mu` and standard deviation `sigma` (a scale, not a variance). */
export type NormalParams = {
  /** Mean μ ∈ ℝ. */
  readonly mu: number;
  /** Standard deviation σ > 0. */
  readonly sigma: number;
};

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * The normal distribution N(μ, σ²), parameterised by mean μ and standard deviation σ.
 * Fisher information diag(1/σ², 2/σ²); its Fisher–Rao geometry is the hyperbolic half-plane scaled by √2.
 * @example
 * ```ts
 * import { normal } from '@infogeom/distributions';
 * import { createRng } from '@infogeom/linalg';
 *
 * const p = { mu: 0, sigma: 2 };
 * console.log(normal.logProb(p, 1).toFixed(12), (-Math.log(2 * Math.sqrt(2 * Math.PI)) - 1 / 8).toFixed(12));
 * console.log(normal.fisher(p).toArray()); // diag(1/σ², 2/σ²)
 * // KL(p ‖ q) = log(σq/σp) + (σp² + (μp − μq)²)/(2σq²) − ½
 * console.log(normal.kl(p, { mu: 1, sigma: 1 }).toFixed(12), (Math.log(1 / 2) + 5 / 2 - 1 / 2).toFixed(12));
 * const fit = normal.fit(normal.sample(p, createRng(1), 100_000)); // maximum likelihood
 * console.log(fit.params.sigma.toFixed(2), Math.abs(fit.params.mu) < 0.02); // |μ̂| < 3 standard errors
 * ```
 *
 * ```txt [output]
 * -1.737085713765 -1.737085713765
 * [ [ 0.25, 0 ], [ 0, 0.5 ] ]
 * 1.306852819440 1.306852819440
 * 2.00 true
 * ```
 */
export const normal: Family<NormalParams, number> = defineFamily<NormalParams, number>({
  name: 'normal',
  description: 'Normal N(μ, σ²) with mean mu and standard deviation sigma (scale, not variance).',
  parameters: [
    { name: 'mu', shape: 'scalar', constraint: constraints.real, description: 'mean μ' },
    {
      name: 'sigma',
      shape: 'scalar',
      constraint: constraints.positive,
      description: 'standard deviation σ > 0',
    },
  ],
  examples: [
    { mu: 0, sigma: 1 },
    { mu: -2.5, sigma: 0.3 },
    { mu: 10, sigma: 4 },
  ],
  support: () => ({ kind: 'continuous', lower: Number.NEGATIVE_INFINITY, upper: Number.POSITIVE_INFINITY }),
  logProb: ({ mu, sigma }, x) => {
    const z = (x - mu) / sigma;
    return -HALF_LOG_2PI - Math.log(sigma) - 0.5 * z * z;
  },
  logProbBatch: ({ mu, sigma }, xs) => {
    const c = -HALF_LOG_2PI - Math.log(sigma);
    const inv = 1 / sigma;
    const out = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) {
      const z = (xs[i]! - mu) * inv;
      out[i] = c - 0.5 * z * z;
    }
    return out;
  },
  sample: ({ mu, sigma }, rng, n) => Array.from({ length: n }, () => mu + sigma * rng.normal()),
  mean: ({ mu }) => mu,
  variance: ({ sigma }) => sigma * sigma,
  entropy: ({ sigma }) => 0.5 + HALF_LOG_2PI + Math.log(sigma),
  score: ({ mu, sigma }, x) => {
    const z = (x - mu) / sigma;
    return Float64Array.of(z / sigma, (z * z - 1) / sigma);
  },
  fisher: ({ sigma }) => DenseMatrix.diagonal([1 / (sigma * sigma), 2 / (sigma * sigma)]),
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
      // Weighted Welford update.
      const wi = weights === undefined ? 1 : weights[i]!;
      if (wi === 0) return;
      w += wi;
      const d = x - m;
      m += (wi / w) * d;
      s += wi * d * (x - m);
    });
    const sigma = Math.sqrt(s / w);
    if (!(sigma > 0)) throw new InvalidArgumentError('data', data, 'at least two distinct observations');
    const params = { mu: m, sigma };
    const ll = data.reduce(
      (acc, x, i) => acc + (weights === undefined ? 1 : weights[i]!) * normal.logProb(params, x),
      0,
    );
    return { params, logLikelihood: ll, iterations: 0, converged: true, gradientNorm: 0 };
  },
  initialGuess: (data, base) => {
    const m = data.reduce((a, b) => a + b, 0) / data.length;
    const v = data.reduce((a, b) => a + (b - m) * (b - m), 0) / data.length;
    return { ...base, mu: m, sigma: Math.sqrt(v) || 1 };
  },
  exponentialFamily: {
    toNatural: ({ mu, sigma }) => Float64Array.of(mu / (sigma * sigma), -1 / (2 * sigma * sigma)),
    fromNatural: (eta, base) => ({
      ...base,
      mu: -eta[0]! / (2 * eta[1]!),
      sigma: Math.sqrt(-1 / (2 * eta[1]!)),
    }),
    sufficientStatistic: (x) => Float64Array.of(x, x * x),
    logBaseMeasure: () => -HALF_LOG_2PI,
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
