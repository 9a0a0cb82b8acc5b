import { DenseMatrix, digamma, InvalidArgumentError, lgamma, sampleGamma, trigamma } from '@infogeom/linalg';
import { constraints } from '../constraint.js';
import { defineFamily } from '../define-family.js';
import type { Family, FitResult } from '../family.js';

/** Parameters of the gamma distribution: `shape` α and `rate` β (a rate, not a scale: scale = 1/β). */
export type GammaParams = {
  /** Shape α > 0. */
  readonly shape: number;
  /** Rate β > 0 (inverse scale; SciPy's `scale` is 1/β). */
  readonly rate: number;
};

function logPdf(shape: number, rate: number, c: number, x: number): number {
  if (!(shape > 0 && rate > 0)) return Number.NaN;
  if (!(x >= 0) || x === Number.POSITIVE_INFINITY) return Number.NEGATIVE_INFINITY;
  if (x === 0) {
    if (shape === 1) return c;
    return shape < 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }
  return c + (shape - 1) * Math.log(x) - rate * x;
}

/** The normalising term α log β − log Γ(α). */
function logNormaliser(shape: number, rate: number): number {
  return shape * Math.log(rate) - lgamma(shape);
}

/** Result of {@link solveShape}. */
interface ShapeSolution {
  /** The root α of log α − ψ(α) = s. */
  shape: number;
  /** Newton iterations used. */
  iterations: number;
  /** Whether |Δα| fell to rounding level. */
  converged: boolean;
}

/**
 * Solves log α − ψ(α) = s (s > 0) for the shape α: Minka's (2002) closed-form start
 * (3 − s + √((s − 3)² + 24 s))/(12 s), then his generalised Newton iteration on 1/α, which converges
 * quadratically from that start (stopping after the step that falls below 1e-11 relative).
 */
function solveShape(s: number, maxIterations: number): ShapeSolution {
  let a = (3 - s + Math.sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
  for (let it = 1; it <= maxIterations; it++) {
    const f = Math.log(a) - digamma(a) - s;
    const df = 1 / a - trigamma(a);
    const next = 1 / (1 / a + f / (a * a * df));
    // Quadratic convergence: once a step is below 1e-11 relative, the next one is below rounding.
    const done = Math.abs(next - a) <= 1e-11 * a;
    a = next > 0 && Number.isFinite(next) ? next : a / 2;
    if (done) return { shape: a, iterations: it, converged: true };
  }
  return { shape: a, iterations: maxIterations, converged: false };
}

/**
 * The gamma distribution on x > 0 with shape α and **rate** β: p(x) = βᵅ xᵅ⁻¹ e^(−βx)/Γ(α), mean α/β,
 * variance α/β² (SciPy's `gamma(a=α, scale=1/β)`). Fisher information [[ψ′(α), −1/β], [−1/β, α/β²]];
 * an exponential family with natural parameters (α, −β) and sufficient statistics (log x, x). The MLE
 * solves log α − ψ(α) = log x̄ − mean(log x) by Minka's Newton iteration, then β = α/x̄.
 */
export const gamma: Family<GammaParams, number> = defineFamily<GammaParams, number>({
  name: 'gamma',
  description: 'Gamma with shape α and rate β (not scale: scipy scale = 1/β), mean α/β, on x > 0.',
  parameters: [
    { name: 'shape', shape: 'scalar', constraint: constraints.positive, description: 'shape α > 0' },
    {
      name: 'rate',
      shape: 'scalar',
      constraint: constraints.positive,
      description: 'rate β > 0 (inverse scale)',
    },
  ],
  examples: [
    { shape: 0.6, rate: 2 },
    { shape: 3, rate: 1 },
    { shape: 40, rate: 0.25 },
  ],
  support: () => ({ kind: 'continuous', lower: 0, upper: Number.POSITIVE_INFINITY }),
  logProb: ({ shape, rate }, x) => logPdf(shape, rate, logNormaliser(shape, rate), x),
  logProbBatch: ({ shape, rate }, xs) => {
    const c = logNormaliser(shape, rate);
    return Float64Array.from(xs, (x) => logPdf(shape, rate, c, x));
  },
  sample: ({ shape, rate }, rng, n) => Array.from({ length: n }, () => sampleGamma(rng, shape, rate)),
  mean: ({ shape, rate }) => shape / rate,
  variance: ({ shape, rate }) => shape / (rate * rate),
  entropy: ({ shape, rate }) => shape - Math.log(rate) + lgamma(shape) + (1 - shape) * digamma(shape),
  score: ({ shape, rate }, x) =>
    shape > 0 && rate > 0
      ? Float64Array.of(Math.log(rate) - digamma(shape) + Math.log(x), shape / rate - x)
      : Float64Array.of(Number.NaN, Number.NaN),
  fisher: ({ shape, rate }) =>
    DenseMatrix.from([
      [trigamma(shape), -1 / rate],
      [-1 / rate, shape / (rate * rate)],
    ]),
  kl: (p, q) =>
    (p.shape - q.shape) * digamma(p.shape) -
    lgamma(p.shape) +
    lgamma(q.shape) +
    q.shape * (Math.log(p.rate) - Math.log(q.rate)) +
    (p.shape * (q.rate - p.rate)) / p.rate,
  fit: (data, { weights, tol = 1e-10, maxIterations = 200 }): FitResult<GammaParams> => {
    let w = 0;
    let m = 0;
    let ml = 0;
    data.forEach((x, i) => {
      if (!(x > 0 && Number.isFinite(x)))
        throw new InvalidArgumentError(`data[${i}]`, x, 'a finite number > 0');
      const wi = weights === undefined ? 1 : weights[i]!;
      w += wi;
      m += wi * x;
      ml += wi * Math.log(x);
    });
    m /= w;
    ml /= w;
    const s = Math.log(m) - ml;
    if (!(s > 0)) throw new InvalidArgumentError('data', data, 'at least two distinct observations');
    const sol = solveShape(s, maxIterations);
    const shape = sol.shape;
    const rate = shape / m;
    // At β = α/x̄ the rate component of the mean score vanishes; the shape component is
    // log α − ψ(α) − s. Natural-gradient norm √(gᵀ I⁻¹ g) with I⁻¹_αα = α/(αψ′(α) − 1).
    const g = Math.log(shape) - digamma(shape) - s;
    const gradientNorm = Math.abs(g) * Math.sqrt(shape / (shape * trigamma(shape) - 1));
    const ll = w * (logNormaliser(shape, rate) + (shape - 1) * ml - rate * m);
    return {
      params: { shape, rate },
      logLikelihood: ll,
      iterations: sol.iterations,
      converged: sol.converged || gradientNorm < tol,
      gradientNorm,
    };
  },
  initialGuess: (data, base) => {
    const m = data.reduce((a, b) => a + b, 0) / data.length;
    const v = data.reduce((a, b) => a + (b - m) * (b - m), 0) / data.length;
    return v > 0 && m > 0 ? { ...base, shape: (m * m) / v, rate: m / v } : base;
  },
  exponentialFamily: {
    toNatural: ({ shape, rate }) => Float64Array.of(shape, -rate),
    fromNatural: (eta, base) => ({ ...base, shape: eta[0]!, rate: -eta[1]! }),
    sufficientStatistic: (x) => Float64Array.of(Math.log(x), x),
    logBaseMeasure: (x) => -Math.log(x),
    logPartition: (eta) => lgamma(eta[0]!) - eta[0]! * Math.log(-eta[1]!),
    meanParameters: (eta) => {
      const [a, b] = [eta[0]!, -eta[1]!];
      return Float64Array.of(digamma(a) - Math.log(b), a / b);
    },
    fromMean: (mu, base) => {
      const shape = solveShape(Math.log(mu[1]!) - mu[0]!, 200).shape;
      return { ...base, shape, rate: shape / mu[1]! };
    },
    naturalFisher: (eta) => {
      const [a, e2] = [eta[0]!, eta[1]!];
      return DenseMatrix.from([
        [trigamma(a), -1 / e2],
        [-1 / e2, a / (e2 * e2)],
      ]);
    },
  },
});
