import { constraints, defineFamily, type Family, type FitResult } from '@infogeom/distributions';
import { DenseMatrix, InvalidArgumentError, log1p } from '@infogeom/linalg';

/** Parameters of the inverse Gaussian (Wald) distribution IG(μ, λ). */
export type InverseGaussianParams = {
  /** Mean μ > 0. */
  readonly mean: number;
  /** Shape λ > 0 (variance μ³/λ). */
  readonly shape: number;
};

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

function logPdf(mu: number, lambda: number, x: number): number {
  // NaN off the parameter space: defineFamily's guard turns it into an InvalidArgumentError naming the parameter.
  if (!(mu > 0 && lambda > 0)) return Number.NaN;
  if (!(x > 0) || x === Number.POSITIVE_INFINITY) return Number.NEGATIVE_INFINITY;
  const d = x - mu;
  return 0.5 * Math.log(lambda) - HALF_LOG_2PI - 1.5 * Math.log(x) - (lambda * d * d) / (2 * mu * mu * x);
}

/**
 * The inverse Gaussian (Wald) distribution IG(μ, λ) on x > 0: p(x) = √(λ/(2πx³)) exp(−λ(x − μ)²/(2μ²x)),
 * mean μ, variance μ³/λ (scipy's `invgauss(μ/λ, scale=λ)`). Fisher information diag(λ/μ³, 1/(2λ²)); an
 * exponential family with natural parameters (−λ/(2μ²), −λ/2) and sufficient statistics (x, 1/x). Its
 * Fisher–Rao geometry is a hyperbolic half-plane of curvature −½ (see the package README).
 *
 * A third-party family: built from `@infogeom/distributions`'s public `defineFamily` only.
 */
export const inverseGaussian: Family<InverseGaussianParams, number> = defineFamily<
  InverseGaussianParams,
  number
>({
  name: 'inverseGaussian',
  description: 'Inverse Gaussian (Wald) IG(μ, λ) on x > 0 with mean μ and shape λ (variance μ³/λ).',
  parameters: [
    { name: 'mean', shape: 'scalar', constraint: constraints.positive, description: 'mean μ > 0' },
    { name: 'shape', shape: 'scalar', constraint: constraints.positive, description: 'shape λ > 0' },
  ],
  examples: [
    { mean: 1, shape: 1 },
    { mean: 0.3, shape: 4 },
    { mean: 5, shape: 20 },
  ],
  support: () => ({ kind: 'continuous', lower: 0, upper: Number.POSITIVE_INFINITY }),
  logProb: ({ mean, shape }, x) => logPdf(mean, shape, x),
  // Michael, Schucany & Haas (1976): a root of the χ²₁ transformation, chosen with probability μ/(μ + x).
  sample: ({ mean: mu, shape: lambda }, rng, n) =>
    Array.from({ length: n }, () => {
      const nu = rng.normal();
      const y = nu * nu;
      const my = mu * y;
      // x = μ + μ²y/(2λ) − μ/(2λ)·√(4μλy + μ²y²), written as μ·2λ/(2λ + μy + √(4μλy + μ²y²))·… to avoid
      // cancellation: x·x' = μ² for the two roots, so x = μ²/x' with x' the large root.
      const large =
        mu + (mu * my) / (2 * lambda) + (mu / (2 * lambda)) * Math.sqrt(4 * lambda * my + my * my);
      const x = (mu * mu) / large;
      return rng.uniform() * (mu + x) <= mu ? x : large;
    }),
  mean: ({ mean }) => mean,
  variance: ({ mean, shape }) => (mean * mean * mean) / shape,
  score: ({ mean: mu, shape: lambda }, x) => {
    const d = x - mu;
    return Float64Array.of((lambda * d) / (mu * mu * mu), 0.5 / lambda - (d * d) / (2 * mu * mu * x));
  },
  fisher: ({ mean: mu, shape: lambda }) =>
    DenseMatrix.diagonal([lambda / (mu * mu * mu), 0.5 / (lambda * lambda)]),
  // KL = ½ log(λp/λq) + λq/(2λp) − ½ + λq(μp − μq)²/(2μp μq²); ½(r − 1 − log r) with r = λq/λp is exact
  // near r = 1.
  kl: (p, q) => {
    const r = q.shape / p.shape;
    const d = p.mean - q.mean;
    return 0.5 * (r - 1 - log1p(r - 1)) + (q.shape * d * d) / (2 * p.mean * q.mean * q.mean);
  },
  fit: (data, { weights }): FitResult<InverseGaussianParams> => {
    let w = 0;
    let s = 0;
    data.forEach((x, i) => {
      if (!(x > 0 && Number.isFinite(x)))
        throw new InvalidArgumentError(`data[${i}]`, x, 'a finite number > 0');
      const wi = weights === undefined ? 1 : weights[i]!;
      w += wi;
      s += wi * x;
    });
    const mu = s / w;
    // 1/λ̂ = mean(1/x − 1/μ̂) = mean((μ̂ − x)/(x μ̂)), summed without cancellation.
    let inv = 0;
    data.forEach((x, i) => {
      inv += ((weights === undefined ? 1 : weights[i]!) * (mu - x)) / (x * mu);
    });
    inv /= w;
    if (!(inv > 0)) throw new InvalidArgumentError('data', data, 'at least two distinct observations');
    const params = { mean: mu, shape: 1 / inv };
    let ll = 0;
    data.forEach((x, i) => {
      ll += (weights === undefined ? 1 : weights[i]!) * logPdf(params.mean, params.shape, x);
    });
    return { params, logLikelihood: ll, iterations: 0, converged: true, gradientNorm: 0 };
  },
  exponentialFamily: {
    toNatural: ({ mean: mu, shape: lambda }) => Float64Array.of(-lambda / (2 * mu * mu), -lambda / 2),
    fromNatural: (eta, base) => {
      const lambda = -2 * eta[1]!;
      return { ...base, shape: lambda, mean: Math.sqrt(lambda / (-2 * eta[0]!)) };
    },
    sufficientStatistic: (x) => Float64Array.of(x, 1 / x),
    logBaseMeasure: (x) => -HALF_LOG_2PI - 1.5 * Math.log(x),
    logPartition: (eta) => -2 * Math.sqrt(eta[0]! * eta[1]!) - 0.5 * Math.log(-2 * eta[1]!),
    meanParameters: (eta) => {
      const lambda = -2 * eta[1]!;
      const mu = Math.sqrt(lambda / (-2 * eta[0]!));
      return Float64Array.of(mu, 1 / mu + 1 / lambda);
    },
    fromMean: (m, base) => ({ ...base, mean: m[0]!, shape: 1 / (m[1]! - 1 / m[0]!) }),
    // ∇²A with s = √(η₁η₂): [[η₂²/(2s³), −1/(2s)], [−1/(2s), η₁²/(2s³) + 1/(2η₂²)]].
    naturalFisher: (eta) => {
      const e1 = eta[0]!;
      const e2 = eta[1]!;
      const s = Math.sqrt(e1 * e2);
      const s3 = 2 * s * s * s;
      return DenseMatrix.from([
        [(e2 * e2) / s3, -0.5 / s],
        [-0.5 / s, (e1 * e1) / s3 + 0.5 / (e2 * e2)],
      ]);
    },
  },
});
