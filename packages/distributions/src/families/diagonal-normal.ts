import { DenseMatrix, DimensionMismatchError, InvalidArgumentError } from '@infogeom/linalg';
import { constraints } from '../constraint.js';
import { defineFamily } from '../define-family.js';
import type { Family } from '../family.js';

/** Parameters of the diagonal normal: per-coordinate means and standard deviations (scales, not variances). */
export type DiagonalNormalParams = {
  /** Means μ ∈ ℝᵈ. */
  readonly mu: Float64Array;
  /** Standard deviations σᵢ > 0 (length d). */
  readonly sigma: Float64Array;
};

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

function logPdf(mu: Float64Array, sigma: Float64Array, logNorm: number, x: Float64Array): number {
  const d = mu.length;
  if (!(x instanceof Float64Array) || x.length !== d)
    throw new DimensionMismatchError('x.length', x?.length, `${d} (mu.length)`);
  let q = 0;
  for (let i = 0; i < d; i++) {
    const z = (x[i]! - mu[i]!) / sigma[i]!;
    q += z * z;
  }
  return logNorm - 0.5 * q;
}

function logNormaliser(sigma: Float64Array): number {
  let s = 0;
  for (const v of sigma) s -= HALF_LOG_2PI + Math.log(v);
  return s;
}

/**
 * The product of d independent normals N(μᵢ, σᵢ²) — a multivariate normal with diagonal covariance,
 * parameterised by standard deviations σ. Coordinates θ: all μᵢ, then all σᵢ; Fisher information
 * diag(1/σᵢ², …, 2/σᵢ², …). An exponential family with η = (μ/σ², −1/(2σ²)) and T(x) = (x, x²).
 */
export const diagonalNormal: Family<DiagonalNormalParams, Float64Array> = defineFamily<
  DiagonalNormalParams,
  Float64Array
>({
  name: 'diagonalNormal',
  description:
    'Product of independent normals with means mu and standard deviations sigma (scales, not variances).',
  parameters: [
    { name: 'mu', shape: 'vector', constraint: constraints.real, description: 'means μᵢ' },
    {
      name: 'sigma',
      shape: 'vector',
      constraint: constraints.positive,
      description: 'standard deviations σᵢ > 0',
    },
  ],
  examples: [
    { mu: Float64Array.of(0, 1), sigma: Float64Array.of(1, 0.5) },
    { mu: Float64Array.of(-2, 0.3, 5), sigma: Float64Array.of(0.2, 1.5, 2) },
    { mu: Float64Array.of(10), sigma: Float64Array.of(4) },
  ],
  invalidExamples: [{ mu: Float64Array.of(0, 0), sigma: Float64Array.of(1) }],
  check: ({ mu, sigma }, argument) => {
    if (sigma.length !== mu.length)
      throw new InvalidArgumentError(`${argument}.sigma.length`, sigma.length, `mu.length = ${mu.length}`);
  },
  support: ({ mu }) => ({ kind: 'vector', dimension: mu.length, domain: 'real' }),
  logProb: ({ mu, sigma }, x) => logPdf(mu, sigma, logNormaliser(sigma), x),
  logProbBatch: ({ mu, sigma }, xs) => {
    const c = logNormaliser(sigma);
    return Float64Array.from(xs, (x) => logPdf(mu, sigma, c, x));
  },
  sample: ({ mu, sigma }, rng, n) =>
    Array.from({ length: n }, () => Float64Array.from(mu, (m, i) => m + sigma[i]! * rng.normal())),
  mean: ({ mu }) => Float64Array.from(mu),
  variance: ({ sigma }) => Float64Array.from(sigma, (s) => s * s),
  entropy: ({ sigma }) => sigma.reduce((acc, s) => acc + 0.5 + HALF_LOG_2PI + Math.log(s), 0),
  score: ({ mu, sigma }, x) => {
    const d = mu.length;
    const out = new Float64Array(2 * d);
    for (let i = 0; i < d; i++) {
      const z = (x[i]! - mu[i]!) / sigma[i]!;
      out[i] = z / sigma[i]!;
      out[d + i] = (z * z - 1) / sigma[i]!;
    }
    return out;
  },
  fisher: ({ sigma }) =>
    DenseMatrix.diagonal([
      ...Array.from(sigma, (s) => 1 / (s * s)),
      ...Array.from(sigma, (s) => 2 / (s * s)),
    ]),
  kl: (p, q) => {
    const d = p.mu.length;
    if (q.mu.length !== d) throw new InvalidArgumentError('q.mu.length', q.mu.length, `p.mu.length = ${d}`);
    let kl = 0;
    for (let i = 0; i < d; i++) {
      const r = p.sigma[i]! / q.sigma[i]!;
      const m = (p.mu[i]! - q.mu[i]!) / q.sigma[i]!;
      kl += -Math.log(r) + 0.5 * (r * r + m * m - 1);
    }
    return Math.max(kl, 0);
  },
  fit: (data, { weights }) => {
    const d = data[0]!.length;
    let w = 0;
    const m = new Float64Array(d);
    const s = new Float64Array(d);
    data.forEach((x, i) => {
      if (!(x instanceof Float64Array) || x.length !== d)
        throw new DimensionMismatchError(`data[${i}].length`, x?.length, `${d}`);
      const wi = weights === undefined ? 1 : weights[i]!;
      if (wi === 0) return;
      w += wi;
      // Weighted Welford update per coordinate.
      for (let j = 0; j < d; j++) {
        const dx = x[j]! - m[j]!;
        m[j]! += (wi / w) * dx;
        s[j]! += wi * dx * (x[j]! - m[j]!);
      }
    });
    const sigma = Float64Array.from(s, (v) => Math.sqrt(v / w));
    sigma.forEach((v, j) => {
      if (!(v > 0))
        throw new InvalidArgumentError(`data (coordinate ${j})`, v, 'at least two distinct observations');
    });
    const params = { mu: m, sigma };
    // At the MLE each coordinate contributes −w/2 (log 2π + 2 log σ̂ + 1).
    const ll = w * logNormaliser(sigma) - 0.5 * w * d;
    return { params, logLikelihood: ll, iterations: 0, converged: true, gradientNorm: 0 };
  },
  initialGuess: (data, base) => {
    const d = base.mu.length;
    const n = data.length;
    const m = new Float64Array(d);
    const v = new Float64Array(d);
    for (const x of data) for (let j = 0; j < d; j++) m[j]! += x[j]! / n;
    for (const x of data) for (let j = 0; j < d; j++) v[j]! += (x[j]! - m[j]!) ** 2 / n;
    return { ...base, mu: m, sigma: Float64Array.from(v, (vj) => Math.sqrt(vj) || 1) };
  },
  exponentialFamily: {
    toNatural: ({ mu, sigma }) => {
      const d = mu.length;
      const out = new Float64Array(2 * d);
      for (let i = 0; i < d; i++) {
        const v = sigma[i]! * sigma[i]!;
        out[i] = mu[i]! / v;
        out[d + i] = -1 / (2 * v);
      }
      return out;
    },
    fromNatural: (eta, base) => {
      const d = eta.length / 2;
      return {
        ...base,
        mu: Float64Array.from({ length: d }, (_v, i) => -eta[i]! / (2 * eta[d + i]!)),
        sigma: Float64Array.from({ length: d }, (_v, i) => Math.sqrt(-1 / (2 * eta[d + i]!))),
      };
    },
    sufficientStatistic: (x) => {
      const out = new Float64Array(2 * x.length);
      out.set(x);
      x.forEach((xi, i) => {
        out[x.length + i] = xi * xi;
      });
      return out;
    },
    logBaseMeasure: (x) => -x.length * HALF_LOG_2PI,
    logPartition: (eta) => {
      const d = eta.length / 2;
      let a = 0;
      for (let i = 0; i < d; i++) {
        const e1 = eta[i]!;
        const e2 = eta[d + i]!;
        a += (-e1 * e1) / (4 * e2) - 0.5 * Math.log(-2 * e2);
      }
      return a;
    },
    meanParameters: (eta) => {
      const d = eta.length / 2;
      const out = new Float64Array(2 * d);
      for (let i = 0; i < d; i++) {
        const m = -eta[i]! / (2 * eta[d + i]!);
        out[i] = m;
        out[d + i] = m * m - 1 / (2 * eta[d + i]!);
      }
      return out;
    },
    fromMean: (m, base) => {
      const d = m.length / 2;
      return {
        ...base,
        mu: Float64Array.from({ length: d }, (_v, i) => m[i]!),
        sigma: Float64Array.from({ length: d }, (_v, i) => Math.sqrt(m[d + i]! - m[i]! * m[i]!)),
      };
    },
    naturalFisher: (eta) => {
      const d = eta.length / 2;
      const F = new DenseMatrix(2 * d, 2 * d);
      const p = 2 * d;
      for (let i = 0; i < d; i++) {
        const a = eta[i]!;
        const b = eta[d + i]!;
        const ab = a / (2 * b * b);
        F.data[i * p + i] = -1 / (2 * b);
        F.data[i * p + d + i] = F.data[(d + i) * p + i] = ab;
        F.data[(d + i) * p + d + i] = (-a * a) / (2 * b * b * b) + 1 / (2 * b * b);
      }
      return F;
    },
  },
});
