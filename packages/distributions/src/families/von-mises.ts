import { besselIRatio, DenseMatrix, InvalidArgumentError, logBesselI0 } from '@infogeom/linalg';
import { constraints, wrapAngle } from '../constraint.js';
import { defineFamily } from '../define-family.js';
import type { Family } from '../family.js';

/** Parameters of the von Mises distribution: mean direction `mu` and concentration `kappa`. */
export type VonMisesParams = {
  /** Mean direction μ (radians; any finite angle, coordinates compare it modulo 2π). */
  readonly mu: number;
  /** Concentration κ > 0 (1/κ plays the role of a variance for large κ). */
  readonly kappa: number;
};

const LOG_2PI = Math.log(2 * Math.PI);

/** Mean resultant length A(κ) = I₁(κ)/I₀(κ). */
function meanResultant(kappa: number): number {
  return besselIRatio(0, kappa);
}

/** Coefficients cₙ of the large-κ expansion A'(κ) ~ Σₙ cₙ κ^−(n+1), n = 1, 2, … (from Hankel's I₀, I₁ series). */
const DERIVATIVE_SERIES = [
  1 / 2,
  1 / 4,
  3 / 8,
  25 / 32,
  65 / 32,
  3219 / 512,
  721 / 32,
  375733 / 4096,
  214173 / 512,
];

/**
 * A'(κ) = 1 − A/κ − A², the Fisher information of κ. The formula cancels catastrophically for large κ
 * (A' ≈ 1/(2κ²) from terms of size 1), so above κ = 200 the asymptotic series is used (relative
 * truncation error < 1e-16 there; the direct formula's rounding error is ≈ 2κ²ε ≤ 1e-11 below).
 */
function meanResultantDerivative(kappa: number, a: number): number {
  if (kappa > 200) {
    const inv = 1 / kappa;
    let s = 0;
    for (let n = DERIVATIVE_SERIES.length - 1; n >= 0; n--) s = s * inv + DERIVATIVE_SERIES[n]!;
    return s * inv * inv;
  }
  return Math.max(1 - a / kappa - a * a, Number.MIN_VALUE);
}

/** Result of {@link inverseMeanResultant}. */
interface KappaSolution {
  kappa: number;
  iterations: number;
  converged: boolean;
}

/**
 * Solves A(κ) = r for κ by Newton's method from Banerjee et al.'s (2005) approximation
 * κ ≈ r(2 − r²)/(1 − r²). A is increasing and concave, so after the first step the iterates increase
 * monotonically to the root.
 */
function inverseMeanResultant(r: number, maxIterations = 100): KappaSolution {
  if (!(r > 0 && r < 1))
    throw new InvalidArgumentError(
      'mean resultant length',
      r,
      'a number in (0, 1) (data neither uniform nor identical)',
    );
  let kappa = (r * (2 - r * r)) / (1 - r * r);
  for (let it = 1; it <= maxIterations; it++) {
    const a = meanResultant(kappa);
    // A(κ) is known to a few ulps of 1: stop once the residual is at that rounding level.
    if (Math.abs(a - r) <= 4 * Number.EPSILON) return { kappa, iterations: it - 1, converged: true };
    const step = (a - r) / meanResultantDerivative(kappa, a);
    let next = kappa - step;
    if (!(next > 0)) next = kappa / 2;
    const change = Math.abs(next - kappa);
    kappa = next;
    if (change <= 1e-15 * kappa) return { kappa, iterations: it, converged: true };
  }
  return { kappa, iterations: maxIterations, converged: false };
}

/**
 * The von Mises distribution on the circle, density exp(κ cos(x − μ)) / (2π I₀(κ)) for angles x in
 * (−π, π]. `mean` is the mean direction μ and `variance` the circular variance 1 − A(κ) with
 * A(κ) = I₁(κ)/I₀(κ). Coordinates θ = (μ, κ); Fisher information diag(κA(κ), 1 − A(κ)/κ − A(κ)²).
 * Sampling by Best and Fisher's (1979) rejection method; MLE the circular mean and A⁻¹(R̄) by Newton.
 * An exponential family with η = κ(cos μ, sin μ) and T(x) = (cos x, sin x).
 */
export const vonMises: Family<VonMisesParams, number> = defineFamily<VonMisesParams, number>({
  name: 'vonMises',
  description:
    'Von Mises on the circle with mean direction mu (radians) and concentration kappa > 0; variance is circular (1 − A(κ)).',
  parameters: [
    {
      name: 'mu',
      shape: 'scalar',
      constraint: constraints.circle,
      description: 'mean direction μ (radians)',
    },
    { name: 'kappa', shape: 'scalar', constraint: constraints.positive, description: 'concentration κ > 0' },
  ],
  examples: [
    { mu: 0, kappa: 1 },
    { mu: 2.5, kappa: 10 },
    { mu: -1, kappa: 0.3 },
    { mu: 2.8, kappa: 150 },
  ],
  support: () => ({ kind: 'circle' }),
  logProb: ({ mu, kappa }, x) => kappa * Math.cos(x - mu) - LOG_2PI - logBesselI0(kappa),
  logProbBatch: ({ mu, kappa }, xs) => {
    const c = -LOG_2PI - logBesselI0(kappa);
    const out = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) out[i] = kappa * Math.cos(xs[i]! - mu) + c;
    return out;
  },
  sample: ({ mu, kappa }, rng, n) => {
    // Best & Fisher (1979). ρ = (τ − √(2τ))/(2κ) with τ = 1 + √(1 + 4κ²), rewritten without cancellation.
    const root = Math.sqrt(1 + 4 * kappa * kappa);
    const tau = 1 + root;
    const rho = (2 * kappa * tau) / ((root + 1) * (tau + Math.sqrt(2 * tau)));
    const r = (1 + rho * rho) / (2 * rho);
    return Array.from({ length: n }, () => {
      for (;;) {
        const z = Math.cos(Math.PI * rng.uniform());
        const f = (1 + r * z) / (r + z);
        const c = kappa * (r - f);
        const u2 = rng.uniform();
        if (c * (2 - c) - u2 > 0 || Math.log(c / u2) + 1 - c >= 0) {
          const theta = Math.acos(Math.min(1, Math.max(-1, f)));
          return wrapAngle(mu + (rng.uniform() < 0.5 ? -theta : theta));
        }
      }
    });
  },
  mean: ({ mu }) => wrapAngle(mu),
  variance: ({ kappa }) => 1 - meanResultant(kappa),
  entropy: ({ kappa }) => LOG_2PI + logBesselI0(kappa) - kappa * meanResultant(kappa),
  score: ({ mu, kappa }, x) =>
    Float64Array.of(kappa * Math.sin(x - mu), Math.cos(x - mu) - meanResultant(kappa)),
  fisher: ({ kappa }) => {
    const a = meanResultant(kappa);
    return DenseMatrix.diagonal([kappa * a, meanResultantDerivative(kappa, a)]);
  },
  kl: (p, q) => {
    const a = meanResultant(p.kappa);
    const kl =
      logBesselI0(q.kappa) - logBesselI0(p.kappa) + p.kappa * a - q.kappa * a * Math.cos(p.mu - q.mu);
    return Math.max(kl, 0);
  },
  fit: (data, options) => {
    const w = options.weights;
    let s = 0;
    let c = 0;
    let total = 0;
    data.forEach((x, i) => {
      if (!Number.isFinite(x)) throw new InvalidArgumentError(`data[${i}]`, x, 'a finite angle');
      const wi = w === undefined ? 1 : w[i]!;
      s += wi * Math.sin(x);
      c += wi * Math.cos(x);
      total += wi;
    });
    const mu = Math.atan2(s, c);
    const rBar = Math.hypot(s, c) / total;
    const sol = inverseMeanResultant(rBar, options.maxIterations ?? 100);
    const params = { mu, kappa: sol.kappa };
    const a = meanResultant(sol.kappa);
    // Mean log-likelihood: κR̄ − log 2π − log I₀(κ); its gradient in (μ, log κ) is (0, κ(R̄ − A(κ))).
    const gradientNorm = Math.abs(sol.kappa * (rBar - a));
    return {
      params,
      logLikelihood: total * (sol.kappa * rBar - LOG_2PI - logBesselI0(sol.kappa)),
      iterations: sol.iterations,
      converged: sol.converged && gradientNorm < (options.tol ?? 1e-10),
      gradientNorm,
    };
  },
  initialGuess: (data, base) => {
    let s = 0;
    let c = 0;
    for (const x of data) {
      s += Math.sin(x);
      c += Math.cos(x);
    }
    const r = Math.min(Math.hypot(s, c) / data.length, 0.999);
    return { ...base, mu: Math.atan2(s, c), kappa: Math.max((r * (2 - r * r)) / (1 - r * r), 1e-3) };
  },
  exponentialFamily: {
    toNatural: ({ mu, kappa }) => Float64Array.of(kappa * Math.cos(mu), kappa * Math.sin(mu)),
    fromNatural: (eta, base) => ({
      ...base,
      mu: Math.atan2(eta[1]!, eta[0]!),
      kappa: Math.hypot(eta[0]!, eta[1]!),
    }),
    sufficientStatistic: (x) => Float64Array.of(Math.cos(x), Math.sin(x)),
    logBaseMeasure: () => 0,
    logPartition: (eta) => LOG_2PI + logBesselI0(Math.hypot(eta[0]!, eta[1]!)),
    meanParameters: (eta) => {
      const r = Math.hypot(eta[0]!, eta[1]!);
      const a = meanResultant(r);
      return Float64Array.of((a * eta[0]!) / r, (a * eta[1]!) / r);
    },
    fromMean: (m, base) => ({
      ...base,
      mu: Math.atan2(m[1]!, m[0]!),
      kappa: inverseMeanResultant(Math.hypot(m[0]!, m[1]!)).kappa,
    }),
    naturalFisher: (eta) => {
      // ∇² log I₀(|η|) = A'(r) uuᵀ + (A(r)/r)(I − uuᵀ), u = η/r.
      const r = Math.hypot(eta[0]!, eta[1]!);
      const a = meanResultant(r);
      const d = meanResultantDerivative(r, a);
      const u = [eta[0]! / r, eta[1]! / r] as const;
      return DenseMatrix.fromFunction(2, 2, (i, j) => {
        const uu = u[i]! * u[j]!;
        return d * uu + (a / r) * ((i === j ? 1 : 0) - uu);
      });
    },
  },
});
