import {
  DenseMatrix,
  digamma,
  InvalidArgumentError,
  lbeta,
  log1p,
  sampleBeta,
  trigamma,
} from '@infogeom/linalg';
import { constraints } from '../constraint.js';
import { defineFamily } from '../define-family.js';
import type { Family, FitResult } from '../family.js';

/** Parameters of the beta distribution: the two shapes `alpha` and `beta`. */
export type BetaParams = {
  /** First shape α > 0 (the exponent of x). */
  readonly alpha: number;
  /** Second shape β > 0 (the exponent of 1 − x). */
  readonly beta: number;
};

/** log p at an endpoint where the density behaves like t^(a − 1), t → 0 (a the shape of that end). */
function endpoint(a: number, c: number): number {
  if (a === 1) return c;
  return a < 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}

function logPdf(alpha: number, beta: number, c: number, x: number): number {
  if (!(alpha > 0 && beta > 0)) return Number.NaN;
  if (!(x >= 0 && x <= 1)) return Number.NEGATIVE_INFINITY;
  if (x === 0) return endpoint(alpha, c);
  if (x === 1) return endpoint(beta, c);
  return c + (alpha - 1) * Math.log(x) + (beta - 1) * log1p(-x);
}

function fisherMatrix(alpha: number, beta: number): DenseMatrix {
  const t = trigamma(alpha + beta);
  return DenseMatrix.from([
    [trigamma(alpha) - t, -t],
    [-t, trigamma(beta) - t],
  ]);
}

/** Result of {@link solveShapes}. */
interface ShapesSolution {
  /** α. */
  alpha: number;
  /** β. */
  beta: number;
  /** Newton iterations used. */
  iterations: number;
  /** Whether the Newton step fell to rounding level. */
  converged: boolean;
  /** Natural-gradient norm √(gᵀ I⁻¹ g) of the mean log-likelihood at the result. */
  gradientNorm: number;
}

/**
 * Solves ψ(α) − ψ(α + β) = s₁, ψ(β) − ψ(α + β) = s₂ (the beta likelihood equations with s₁ = mean log x,
 * s₂ = mean log(1 − x)) by Newton's method — the Hessian of the mean log-likelihood is −I(α, β), so each
 * step is a Fisher-scoring step — from the moment estimate (Minka 2000), halving steps that leave α, β > 0
 * and, far from the root, steps that do not increase the (concave) mean log-likelihood.
 */
function solveShapes(
  s1: number,
  s2: number,
  start: [number, number],
  tol: number,
  maxIterations: number,
): ShapesSolution {
  // Mean log-likelihood (concave in α, β: the log-partition log B is convex).
  const objective = (a: number, b: number) => -lbeta(a, b) + (a - 1) * s1 + (b - 1) * s2;
  let [a, b] = start;
  let gn = Number.POSITIVE_INFINITY;
  let lastStepTiny = false;
  for (let it = 0; it <= maxIterations; it++) {
    const dab = digamma(a + b);
    const g1 = s1 - digamma(a) + dab;
    const g2 = s2 - digamma(b) + dab;
    const I = fisherMatrix(a, b);
    const [i11, i12, i22] = [I.get(0, 0), I.get(0, 1), I.get(1, 1)];
    const det = i11 * i22 - i12 * i12;
    const d1 = (i22 * g1 - i12 * g2) / det;
    const d2 = (i11 * g2 - i12 * g1) / det;
    gn = Math.sqrt(Math.max(d1 * g1 + d2 * g2, 0));
    // Quadratic convergence: after a full step below 1e-11 relative the error is below rounding.
    const small = Math.abs(d1) <= 4 * Number.EPSILON * a && Math.abs(d2) <= 4 * Number.EPSILON * b;
    if (small || lastStepTiny || it === maxIterations)
      return {
        alpha: a,
        beta: b,
        iterations: it,
        converged: small || lastStepTiny || gn < tol,
        gradientNorm: gn,
      };
    let t = 1;
    while (!(a + t * d1 > 0 && b + t * d2 > 0)) t /= 2;
    // Far from the root (Newton decrement > ¼) damp by backtracking on the concave objective; near it
    // take full steps, whose gains are below the objective's rounding noise anyway.
    if (gn > 0.25) {
      const f0 = objective(a, b);
      while (t > 1e-10 && !(objective(a + t * d1, b + t * d2) >= f0)) t /= 2;
    }
    lastStepTiny = t === 1 && Math.abs(d1) <= 1e-11 * a && Math.abs(d2) <= 1e-11 * b;
    a += t * d1;
    b += t * d2;
  }
  return { alpha: a, beta: b, iterations: maxIterations, converged: gn < tol, gradientNorm: gn };
}

/** Moment-matching start for the shapes from mean m and variance v (falls back to (1, 1)). */
function momentStart(m: number, v: number): [number, number] {
  const k = (m * (1 - m)) / v - 1;
  return k > 0 && m > 0 && m < 1 ? [m * k, (1 - m) * k] : [1, 1];
}

/**
 * The beta distribution on (0, 1) with shapes α and β: p(x) = x^(α−1) (1 − x)^(β−1) / B(α, β), mean
 * α/(α + β). Fisher information [[ψ′(α) − ψ′(α+β), −ψ′(α+β)], [−ψ′(α+β), ψ′(β) − ψ′(α+β)]]; an
 * exponential family with natural parameters (α, β) and sufficient statistics (log x, log(1 − x)). The
 * MLE is found by Newton's method on the likelihood equations (Minka), reporting iterations.
 */
export const beta: Family<BetaParams, number> = defineFamily<BetaParams, number>({
  name: 'beta',
  description: 'Beta on (0, 1) with shapes alpha (exponent of x) and beta (exponent of 1 − x).',
  parameters: [
    { name: 'alpha', shape: 'scalar', constraint: constraints.positive, description: 'first shape α > 0' },
    { name: 'beta', shape: 'scalar', constraint: constraints.positive, description: 'second shape β > 0' },
  ],
  examples: [
    { alpha: 0.5, beta: 0.5 },
    { alpha: 2, beta: 5 },
    { alpha: 30, beta: 3 },
  ],
  support: () => ({ kind: 'continuous', lower: 0, upper: 1 }),
  logProb: ({ alpha, beta }, x) => logPdf(alpha, beta, -lbeta(alpha, beta), x),
  logProbBatch: ({ alpha, beta }, xs) => {
    const c = -lbeta(alpha, beta);
    const out = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) out[i] = logPdf(alpha, beta, c, xs[i]!);
    return out;
  },
  sample: ({ alpha, beta }, rng, n) => Array.from({ length: n }, () => sampleBeta(rng, alpha, beta)),
  mean: ({ alpha, beta }) => alpha / (alpha + beta),
  variance: ({ alpha, beta }) => {
    const s = alpha + beta;
    return (alpha * beta) / (s * s * (s + 1));
  },
  entropy: ({ alpha, beta }) =>
    lbeta(alpha, beta) -
    (alpha - 1) * digamma(alpha) -
    (beta - 1) * digamma(beta) +
    (alpha + beta - 2) * digamma(alpha + beta),
  score: ({ alpha, beta }, x) => {
    if (!(alpha > 0 && beta > 0)) return Float64Array.of(Number.NaN, Number.NaN);
    const d = digamma(alpha + beta);
    return Float64Array.of(Math.log(x) - digamma(alpha) + d, log1p(-x) - digamma(beta) + d);
  },
  fisher: ({ alpha, beta }) => fisherMatrix(alpha, beta),
  kl: (p, q) =>
    lbeta(q.alpha, q.beta) -
    lbeta(p.alpha, p.beta) +
    (p.alpha - q.alpha) * digamma(p.alpha) +
    (p.beta - q.beta) * digamma(p.beta) +
    (q.alpha - p.alpha + q.beta - p.beta) * digamma(p.alpha + p.beta),
  fit: (data, { weights, tol = 1e-10, maxIterations = 200 }): FitResult<BetaParams> => {
    let w = 0;
    let m = 0;
    let m2 = 0;
    let s1 = 0;
    let s2 = 0;
    data.forEach((x, i) => {
      if (!(x > 0 && x < 1)) throw new InvalidArgumentError(`data[${i}]`, x, 'a number in (0, 1)');
      const wi = weights === undefined ? 1 : weights[i]!;
      w += wi;
      m += wi * x;
      m2 += wi * x * x;
      s1 += wi * Math.log(x);
      s2 += wi * log1p(-x);
    });
    m /= w;
    s1 /= w;
    s2 /= w;
    const v = m2 / w - m * m;
    if (!(v > 0)) throw new InvalidArgumentError('data', data, 'at least two distinct observations');
    const sol = solveShapes(s1, s2, momentStart(m, v), tol, maxIterations);
    const { alpha, beta } = sol;
    const ll = w * (-lbeta(alpha, beta) + (alpha - 1) * s1 + (beta - 1) * s2);
    return {
      params: { alpha, beta },
      logLikelihood: ll,
      iterations: sol.iterations,
      converged: sol.converged,
      gradientNorm: sol.gradientNorm,
    };
  },
  initialGuess: (data, base) => {
    const m = data.reduce((a, b) => a + b, 0) / data.length;
    const v = data.reduce((a, b) => a + (b - m) * (b - m), 0) / data.length;
    const [alpha, b] = momentStart(m, v);
    return { ...base, alpha, beta: b };
  },
  exponentialFamily: {
    toNatural: ({ alpha, beta }) => Float64Array.of(alpha, beta),
    fromNatural: (eta, base) => ({ ...base, alpha: eta[0]!, beta: eta[1]! }),
    sufficientStatistic: (x) => Float64Array.of(Math.log(x), log1p(-x)),
    logBaseMeasure: (x) => -Math.log(x) - log1p(-x),
    logPartition: (eta) => lbeta(eta[0]!, eta[1]!),
    meanParameters: (eta) => {
      const d = digamma(eta[0]! + eta[1]!);
      return Float64Array.of(digamma(eta[0]!) - d, digamma(eta[1]!) - d);
    },
    fromMean: (mu, base) => {
      // Damped Newton from Beta(1, 1); the objective is concave, so this converges from any start.
      const sol = solveShapes(mu[0]!, mu[1]!, [1, 1], 0, 500);
      return { ...base, alpha: sol.alpha, beta: sol.beta };
    },
    naturalFisher: (eta) => fisherMatrix(eta[0]!, eta[1]!),
  },
});
