import {
  DenseMatrix,
  digamma,
  InvalidArgumentError,
  lgamma,
  log1p,
  sampleGamma,
  trigamma,
} from '@infogeom/linalg';
import { constraints } from '../constraint.js';
import { defineFamily } from '../define-family.js';
import type { Family, FitResult } from '../family.js';
import { deviance } from '../internal/deviance.js';

/** Parameters of the gamma distribution: `shape` α and `rate` β (a rate, not a scale: scale = 1/β). */
export type GammaParams = {
  /** Shape α > 0. */
  readonly shape: number;
  /** Rate β > 0 (inverse scale; SciPy's `scale` is 1/β). */
  readonly rate: number;
};

/** Above this shape the density uses the saddle-point form. */
const LARGE_SHAPE = 20;
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** Stirling's error δ(n) = log Γ(n + 1) − (n + ½) log n + n − ½ log 2π by its series, for real n > 16. */
function stirlingError(n: number): number {
  const nn = n * n;
  return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / 1188 / nn) / nn) / nn) / nn) / n;
}

/** (1 + v) log(1 + v) − v, by its series v²/2 − v³/6 + v⁴/12 − … for small |v|. */
function phi(v: number): number {
  if (Math.abs(v) > 0.01) return (1 + v) * log1p(v) - v;
  // Σ_{k≥2} (−1)ᵏ vᵏ / (k(k − 1)); 8 terms reach 1e-20 relative at |v| = 0.01.
  let s = 0;
  let vk = -v;
  for (let k = 2; k <= 9; k++) {
    vk *= -v;
    s += vk / (k * (k - 1));
  }
  return s;
}

/** ψ(a) − log a + 1/(2a) = −1/(12a²) + 1/(120a⁴) − 1/(252a⁶) + 1/(240a⁸) − 1/(132a¹⁰), for a > 16. */
function digammaRemainder(a: number): number {
  const w = 1 / (a * a);
  return -w * (1 / 12 - w * (1 / 120 - w * (1 / 252 - w * (1 / 240 - w / 132))));
}

/**
 * KL(Gamma(α, β) ‖ Gamma(α′, β′)) = (α − α′)ψ(α) − log Γ(α) + log Γ(α′) + α′ log(β/β′) + α(β′ − β)/β.
 * For large shapes its terms are of size α log α and cancel to a small KL (4e-5 relative error at
 * α = 1e6). There, with t = (α′ − α)/α, u = (β′ − β)/β, v = (t − u)/(1 + u) and Stirling's series
 * (log Γ(a) = (a − ½) log a − a + ½ log 2π + δ(a), ψ(a) = log a − 1/(2a) + R(a)), it is exactly
 * α(1 + u)φ(v) + ½(t − log(1 + t)) − (α′ − α)R(α) + δ(α′) − δ(α), φ(v) = (1 + v) log(1 + v) − v.
 */
function klGamma(p: GammaParams, q: GammaParams): number {
  const a = p.shape;
  const aq = q.shape;
  if (a > LARGE_SHAPE && aq > LARGE_SHAPE) {
    const t = (aq - a) / a;
    const u = (q.rate - p.rate) / p.rate;
    const v = (t - u) / (1 + u);
    const half =
      Math.abs(t) > 1e-3 ? t - log1p(t) : t * t * (0.5 - t * (1 / 3 - t * (0.25 - t * (0.2 - t / 6))));
    return (
      a * (1 + u) * phi(v) +
      0.5 * half -
      (aq - a) * digammaRemainder(a) +
      stirlingError(aq) -
      stirlingError(a)
    );
  }
  return (
    (a - aq) * digamma(a) -
    lgamma(a) +
    lgamma(aq) +
    aq * (Math.log(p.rate) - Math.log(q.rate)) +
    (a * (q.rate - p.rate)) / p.rate
  );
}

function logPdf(shape: number, rate: number, c: number, x: number): number {
  if (!(shape > 0 && rate > 0)) return Number.NaN;
  if (!(x >= 0) || x === Number.POSITIVE_INFINITY) return Number.NEGATIVE_INFINITY;
  if (x === 0) {
    if (shape === 1) return c;
    return shape < 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }
  if (shape > LARGE_SHAPE) {
    // Saddle-point form (Loader 2000) with n = α − 1, y = βx: log β − δ(n) − D(n, y) − ½ log 2πn. The
    // direct c + (α − 1) log x − βx cancels terms of size α log α (1e-10 relative error at α = 1e6).
    const n = shape - 1;
    return Math.log(rate) - stirlingError(n) - deviance(n, rate * x) - HALF_LOG_2PI - 0.5 * Math.log(n);
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

/** log a − ψ(a); by its series 1/(2a) − R(a) for large a (the difference of two ~log a numbers cancels). */
function logMinusDigamma(a: number): number {
  return a > LARGE_SHAPE ? 0.5 / a - digammaRemainder(a) : Math.log(a) - digamma(a);
}

/** d/da (log a − ψ(a)) = 1/a − ψ′(a) = −(1/(2a²) + 1/(6a³) − 1/(30a⁵) + 1/(42a⁷) − 1/(30a⁹)) for large a. */
function logMinusDigammaDerivative(a: number): number {
  if (!(a > LARGE_SHAPE)) return 1 / a - trigamma(a);
  const w = 1 / a;
  const w2 = w * w;
  return -w2 * (0.5 + w * (1 / 6 - w2 * (1 / 30 - w2 * (1 / 42 - w2 / 30))));
}

/**
 * Solves log α − ψ(α) = s (s > 0) for the shape α: Minka's (2002) closed-form start
 * (3 − s + √((s − 3)² + 24 s))/(12 s), then his generalised Newton iteration on 1/α, which converges
 * quadratically from that start (stopping after the step that falls below 1e-11 relative).
 */
function solveShape(s: number, maxIterations: number): ShapeSolution {
  let a = (3 - s + Math.sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
  for (let it = 1; it <= maxIterations; it++) {
    const f = logMinusDigamma(a) - s;
    const df = logMinusDigammaDerivative(a);
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
    const out = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) out[i] = logPdf(shape, rate, c, xs[i]!);
    return out;
  },
  sample: ({ shape, rate }, rng, n) => Array.from({ length: n }, () => sampleGamma(rng, shape, rate)),
  mean: ({ shape, rate }) => shape / rate,
  variance: ({ shape, rate }) => shape / (rate * rate),
  // α − log β + log Γ(α) + (1 − α)ψ(α); for large α by Stirling's series, where the terms of size α log α
  // cancel: ½ + ½ log(2πα) − log β + δ(α) − 1/(2α) + (1 − α)R(α).
  entropy: ({ shape, rate }) =>
    shape > LARGE_SHAPE
      ? 0.5 +
        0.5 * Math.log(2 * Math.PI * shape) -
        Math.log(rate) +
        stirlingError(shape) -
        0.5 / shape +
        (1 - shape) * digammaRemainder(shape)
      : shape - Math.log(rate) + lgamma(shape) + (1 - shape) * digamma(shape),
  score: ({ shape, rate }, x) =>
    shape > 0 && rate > 0
      ? Float64Array.of(Math.log(rate) - digamma(shape) + Math.log(x), shape / rate - x)
      : Float64Array.of(Number.NaN, Number.NaN),
  fisher: ({ shape, rate }) =>
    DenseMatrix.from([
      [trigamma(shape), -1 / rate],
      [-1 / rate, shape / (rate * rate)],
    ]),
  kl: (p, q) => klGamma(p, q),
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
    // s = log x̄ − mean(log x) = −mean(log(x/x̄)), with log1p((x − x̄)/x̄) for x near x̄: for concentrated
    // data (large shape, s ≈ 1/(2α)) the difference of the two means of logs loses all but a few digits.
    const logM = Math.log(m);
    let sw = 0;
    data.forEach((x, i) => {
      const d = 2 * x >= m && x <= 2 * m ? log1p((x - m) / m) : Math.log(x) - logM;
      sw -= (weights === undefined ? 1 : weights[i]!) * d;
    });
    const s = sw / w;
    if (!(s > 0)) throw new InvalidArgumentError('data', data, 'at least two distinct observations');
    const sol = solveShape(s, maxIterations);
    const shape = sol.shape;
    const rate = shape / m;
    // At β = α/x̄ the rate component of the mean score vanishes; the shape component is
    // log α − ψ(α) − s. Natural-gradient norm √(gᵀ I⁻¹ g) with I⁻¹_αα = α/(αψ′(α) − 1).
    const g = logMinusDigamma(shape) - s;
    const gradientNorm = Math.abs(g) * Math.sqrt(1 / -logMinusDigammaDerivative(shape));
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
