import { DenseMatrix, InvalidArgumentError, log1p } from '@infogeom/linalg';
import { constraints } from '../constraint.js';
import { defineFamily } from '../define-family.js';
import type { Family } from '../family.js';

/** Parameters of the Laplace (double-exponential) distribution: location `mu` and scale `b` (not a rate). */
export type LaplaceParams = {
  /** Location μ ∈ ℝ (mean and median). */
  readonly mu: number;
  /** Scale b > 0 (the mean absolute deviation; the variance is 2b²). */
  readonly b: number;
};

/** Exp(1) draw by inversion, finite because u ∈ [0, 1). */
function standardExponential(u: number): number {
  return -log1p(-u);
}

/**
 * The Laplace distribution with density exp(−|x − μ|/b)/(2b): location μ, **scale** b (scipy's
 * `laplace(loc = μ, scale = b)`). Fisher information diag(1/b², 1/b²) (the log-density is not twice
 * differentiable in μ at x = μ, so I(θ) = E[score scoreᵀ] but not −E[Hessian]); closed-form KL; the MLE
 * is the (weighted) median and the mean absolute deviation about it (for an even count, the midpoint of
 * the two middle observations, as numpy's median and scipy's `laplace.fit`).
 */
export const laplace: Family<LaplaceParams, number> = defineFamily<LaplaceParams, number>({
  name: 'laplace',
  description: 'Laplace with density exp(−|x − μ|/b)/(2b): location mu and scale b > 0 (variance 2b²).',
  parameters: [
    {
      name: 'mu',
      shape: 'scalar',
      constraint: constraints.real,
      description: 'location μ (mean and median)',
    },
    {
      name: 'b',
      shape: 'scalar',
      constraint: constraints.positive,
      description: 'scale b > 0 (variance 2b²)',
    },
  ],
  examples: [
    { mu: 0, b: 1 },
    { mu: -2, b: 0.3 },
    { mu: 20, b: 5 },
  ],
  support: ({ mu }) => ({
    kind: 'continuous',
    lower: Number.NEGATIVE_INFINITY,
    upper: Number.POSITIVE_INFINITY,
    breakpoints: [mu],
  }),
  logProb: ({ mu, b }, x) => -Math.log(2 * b) - Math.abs(x - mu) / b,
  logProbBatch: ({ mu, b }, xs) => {
    const c = -Math.log(2 * b);
    const inv = 1 / b;
    const out = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) out[i] = c - Math.abs(xs[i]! - mu) * inv;
    return out;
  },
  // The difference of two independent Exp(1) draws is a standard Laplace.
  sample: ({ mu, b }, rng, n) =>
    Array.from(
      { length: n },
      () => mu + b * (standardExponential(rng.uniform()) - standardExponential(rng.uniform())),
    ),
  mean: ({ mu }) => mu,
  variance: ({ b }) => 2 * b * b,
  entropy: ({ b }) => 1 + Math.log(2 * b),
  score: ({ mu, b }, x) => {
    // NaN off the parameter space (b ≤ 0), like logProb, so numerical derivatives notice the boundary.
    if (!(b > 0)) return Float64Array.of(Number.NaN, Number.NaN);
    const d = x - mu;
    return Float64Array.of(Math.sign(d) / b, (Math.abs(d) / b - 1) / b);
  },
  fisher: ({ b }) => DenseMatrix.diagonal([1 / (b * b), 1 / (b * b)]),
  // KL(p ‖ q) = log(b_q/b_p) + |μp − μq|/b_q + (b_p/b_q) e^(−|μp − μq|/b_p) − 1.
  kl: (p, q) => {
    const d = Math.abs(p.mu - q.mu);
    const r = p.b / q.b;
    return -Math.log(r) + d / q.b + r * Math.exp(-d / p.b) - 1;
  },
  fit: (data, { weights }) => {
    const idx: number[] = [];
    let total = 0;
    data.forEach((x, i) => {
      const wi = weights === undefined ? 1 : weights[i]!;
      if (wi === 0) return;
      if (!Number.isFinite(x)) throw new InvalidArgumentError(`data[${i}]`, x, 'a finite observation');
      idx.push(i);
      total += wi;
    });
    if (!(total > 0)) throw new InvalidArgumentError('options.weights', weights, 'a positive total weight');
    idx.sort((i, j) => data[i]! - data[j]!);
    // Weighted median: the first point where the cumulative weight reaches half; on an exact tie, the
    // midpoint with the next observation (every point between them maximises the likelihood).
    let mu = data[idx[idx.length - 1]!]!;
    let cum = 0;
    for (let k = 0; k < idx.length; k++) {
      cum += weights === undefined ? 1 : weights[idx[k]!]!;
      if (cum === total / 2 && k + 1 < idx.length) {
        mu = 0.5 * (data[idx[k]!]! + data[idx[k + 1]!]!);
        break;
      }
      if (cum > total / 2) {
        mu = data[idx[k]!]!;
        break;
      }
    }
    let s = 0;
    for (const i of idx) s += (weights === undefined ? 1 : weights[i]!) * Math.abs(data[i]! - mu);
    const b = s / total;
    if (!(b > 0)) throw new InvalidArgumentError('data', data, 'at least two distinct observations');
    // Σ wᵢ (−log 2b − |xᵢ − μ|/b) = −W (log 2b + 1).
    return {
      params: { mu, b },
      logLikelihood: -total * (Math.log(2 * b) + 1),
      iterations: 0,
      converged: true,
      gradientNorm: 0,
    };
  },
  initialGuess: (data, base) => {
    const sorted = [...data].sort((a, b) => a - b);
    const n = sorted.length;
    const mu = n % 2 === 1 ? sorted[(n - 1) / 2]! : 0.5 * (sorted[n / 2 - 1]! + sorted[n / 2]!);
    const b = sorted.reduce((a, x) => a + Math.abs(x - mu), 0) / n;
    return { ...base, mu, b: b > 0 ? b : 1 };
  },
});
