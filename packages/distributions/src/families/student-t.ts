import { DenseMatrix, digamma, lbeta, lgamma, log1p } from '@infogeom/linalg';
import { constraints } from '../constraint.js';
import { defineFamily } from '../define-family.js';
import type { Family } from '../family.js';

/**
 * Parameters of the location–scale Student t: degrees of freedom `nu` (a fixed hyperparameter, any real
 * ν > 0), location `mu` and scale `sigma` (not the standard deviation, which is σ√(ν/(ν − 2)) for ν > 2).
 */
export type StudentTParams = {
  /** Degrees of freedom ν > 0 (fixed hyperparameter, not fitted). */
  readonly nu: number;
  /** Location μ ∈ ℝ (the mean when ν > 1). */
  readonly mu: number;
  /** Scale σ > 0. */
  readonly sigma: number;
};

const HALF_LOG_PI = 0.5 * Math.log(Math.PI);

/** Above this ν the log-gamma and digamma differences use their asymptotic series (no cancellation). */
const LARGE_NU = 200;

/**
 * S(z) = log Γ(z + ½) − log Γ(z) − ½ log z = −1/(8z) + 1/(192z³) − 1/(640z⁵) + 17/(14336z⁷) − …,
 * accurate to 1e-21 for z ≥ 100 (checked against mpmath); the direct difference of two log-gammas of
 * size z log z would lose log₁₀(z log z) digits (4e-10 relative in log p at ν = 1e6).
 */
function lgammaHalfShift(z: number): number {
  const w = 1 / z;
  const w2 = w * w;
  return w * (-1 / 8 + w2 * (1 / 192 + w2 * (-1 / 640 + (w2 * 17) / 14336)));
}

/** ψ(z + ½) − ψ(z) = 1/(2z) + 1/(8z²) − 1/(64z⁴) + 1/(128z⁶) − 17/(2048z⁸) + … (z ≥ 100). */
function digammaHalfShift(z: number): number {
  const w = 1 / z;
  const w2 = w * w;
  return w / 2 + w2 * (1 / 8 + w2 * (-1 / 64 + w2 * (1 / 128 - (w2 * 17) / 2048)));
}

/** log of the normalising constant Γ((ν+1)/2) / (Γ(ν/2) √(νπ)). */
function logNormaliser(nu: number): number {
  // With z = ν/2: log Γ(z + ½) − log Γ(z) − ½ log(2z) = S(z) − ½ log 2.
  if (nu >= LARGE_NU) return lgammaHalfShift(0.5 * nu) - 0.5 * Math.LN2 - HALF_LOG_PI;
  return lgamma(0.5 * (nu + 1)) - lgamma(0.5 * nu) - 0.5 * Math.log(nu) - HALF_LOG_PI;
}

/** Entropy (ν+1)/2 [ψ((ν+1)/2) − ψ(ν/2)] + log(√ν B(ν/2, ½)) + log σ; by series for large ν. */
function studentTEntropy(nu: number, sigma: number): number {
  if (nu >= LARGE_NU) {
    // log(√ν B(z, ½)) = ½ log(2z) + ½ log π − (½ log z + S(z)) = ½ log(2π) − S(z).
    const z = 0.5 * nu;
    return (
      (z + 0.5) * digammaHalfShift(z) + 0.5 * Math.log(2 * Math.PI) - lgammaHalfShift(z) + Math.log(sigma)
    );
  }
  return (
    0.5 * (nu + 1) * (digamma(0.5 * (nu + 1)) - digamma(0.5 * nu)) +
    0.5 * Math.log(nu) +
    lbeta(0.5 * nu, 0.5) +
    Math.log(sigma)
  );
}

/**
 * The location–scale Student t distribution with ν degrees of freedom (fixed), location μ and scale σ:
 * density Γ((ν+1)/2) / (Γ(ν/2) √(νπ) σ) · (1 + z²/ν)^(−(ν+1)/2) with z = (x − μ)/σ; scipy's
 * `t(df = ν, loc = μ, scale = σ)`. Coordinates (μ, σ) with Fisher information
 * diag((ν+1)/((ν+3)σ²), 2ν/((ν+3)σ²)); closed-form entropy. The mean is NaN for ν ≤ 1; the variance is
 * σ²ν/(ν − 2) for ν > 2, +∞ for 1 < ν ≤ 2 and NaN for ν ≤ 1. KL has no closed form (quadrature fallback)
 * and the MLE is the generic Fisher scoring from a median / MAD start.
 */
export const studentT: Family<StudentTParams, number> = defineFamily<StudentTParams, number>({
  name: 'studentT',
  description:
    'Location–scale Student t with fixed degrees of freedom nu > 0, location mu and scale sigma (not the standard deviation).',
  parameters: [
    {
      name: 'nu',
      shape: 'scalar',
      constraint: constraints.positive,
      fixed: true,
      description: 'degrees of freedom ν > 0 (fixed)',
    },
    { name: 'mu', shape: 'scalar', constraint: constraints.real, description: 'location μ' },
    {
      name: 'sigma',
      shape: 'scalar',
      constraint: constraints.positive,
      description: 'scale σ > 0 (not the standard deviation)',
    },
  ],
  examples: [
    { nu: 5, mu: 0, sigma: 1 },
    { nu: 10, mu: -2, sigma: 0.5 },
    { nu: 30, mu: 10, sigma: 5 },
  ],
  support: () => ({ kind: 'continuous', lower: Number.NEGATIVE_INFINITY, upper: Number.POSITIVE_INFINITY }),
  logProb: ({ nu, mu, sigma }, x) => {
    const z = (x - mu) / sigma;
    return logNormaliser(nu) - Math.log(sigma) - 0.5 * (nu + 1) * log1p((z * z) / nu);
  },
  logProbBatch: ({ nu, mu, sigma }, xs) => {
    const c = logNormaliser(nu) - Math.log(sigma);
    const inv = 1 / sigma;
    const h = 0.5 * (nu + 1);
    const out = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) {
      const z = (xs[i]! - mu) * inv;
      out[i] = c - h * log1p((z * z) / nu);
    }
    return out;
  },
  // μ + σ Z / √(V/ν) with Z standard normal and V ~ χ²_ν = 2·Gamma(ν/2).
  sample: ({ nu, mu, sigma }, rng, n) =>
    Array.from({ length: n }, () => {
      const z = rng.normal();
      const v = 2 * rng.standardGamma(0.5 * nu);
      return mu + (sigma * z) / Math.sqrt(v / nu);
    }),
  mean: ({ nu, mu }) => (nu > 1 ? mu : Number.NaN),
  variance: ({ nu, sigma }) =>
    nu > 2 ? (sigma * sigma * nu) / (nu - 2) : nu > 1 ? Number.POSITIVE_INFINITY : Number.NaN,
  // (ν+1)/2 [ψ((ν+1)/2) − ψ(ν/2)] + log(√ν B(ν/2, 1/2)) + log σ.
  entropy: ({ nu, sigma }) => studentTEntropy(nu, sigma),
  score: ({ nu, mu, sigma }, x) => {
    // NaN off the parameter space (σ ≤ 0), like logProb, so numerical derivatives notice the boundary.
    if (!(sigma > 0)) return Float64Array.of(Number.NaN, Number.NaN);
    const z = (x - mu) / sigma;
    const w = (nu + 1) / (nu + z * z);
    return Float64Array.of((w * z) / sigma, (w * z * z - 1) / sigma);
  },
  fisher: ({ nu, sigma }) => {
    const s2 = sigma * sigma;
    return DenseMatrix.diagonal([(nu + 1) / ((nu + 3) * s2), (2 * nu) / ((nu + 3) * s2)]);
  },
  initialGuess: (data, base) => {
    // Robust start: median and 1.4826 · median absolute deviation (the normal-consistent MAD).
    const sorted = [...data].sort((a, b) => a - b);
    const median = (s: number[]) => {
      const n = s.length;
      return n % 2 === 1 ? s[(n - 1) / 2]! : 0.5 * (s[n / 2 - 1]! + s[n / 2]!);
    };
    const mu = median(sorted);
    const mad = median(sorted.map((x) => Math.abs(x - mu)).sort((a, b) => a - b));
    return { ...base, mu, sigma: mad > 0 ? 1.4826 * mad : 1 };
  },
});
