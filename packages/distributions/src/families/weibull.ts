import { DenseMatrix, expm1, InvalidArgumentError, lgamma, log1p } from '@infogeom/linalg';
import { constraints } from '../constraint.js';
import { defineFamily } from '../define-family.js';
import type { Family, FitResult } from '../family.js';

/** Parameters of the two-parameter Weibull distribution: scale λ and shape k (scipy's `weibull_min(c = k, scale = λ)`). */
export type WeibullParams = {
  /** Scale λ > 0 (the 63.2% quantile). */
  readonly scale: number;
  /** Shape k > 0 (k = 1 is the exponential with rate 1/λ; k < 1 has a density that is infinite at 0). */
  readonly shape: number;
};

/** The Euler–Mascheroni constant γ. */
const EULER_GAMMA = 0.5772156649015329;
const PI2_6 = (Math.PI * Math.PI) / 6;

/**
 * The Weibull distribution on [0, ∞) with density (k/λ)(x/λ)^(k−1) e^(−(x/λ)^k): scale λ, shape k;
 * scipy's `weibull_min(c = k, scale = λ)` (location fixed at 0). Coordinates (λ, k) with Fisher information
 * [[k²/λ², −(1−γ)/λ], [−(1−γ)/λ, ((1−γ)² + π²/6)/k²]] (γ Euler's constant); closed-form entropy
 * γ(1 − 1/k) + log(λ/k) + 1 and KL (Bauckhage 2013). The MLE solves the profile equation
 * 1/k + mean(log x) − Σ x^k log x / Σ x^k = 0 by safeguarded Newton on k, with λ = (mean x^k)^(1/k);
 * it reports iterations and convergence. Observations must be > 0 to fit.
 */
export const weibull: Family<WeibullParams, number> = defineFamily<WeibullParams, number>({
  name: 'weibull',
  description:
    'Weibull on [0, ∞) with scale λ and shape k: density (k/λ)(x/λ)^(k−1) exp(−(x/λ)^k) (scipy weibull_min c = k).',
  parameters: [
    { name: 'scale', shape: 'scalar', constraint: constraints.positive, description: 'scale λ > 0' },
    { name: 'shape', shape: 'scalar', constraint: constraints.positive, description: 'shape k > 0' },
  ],
  examples: [
    { scale: 1, shape: 1.5 },
    { scale: 0.3, shape: 0.8 },
    { scale: 100, shape: 5 },
  ],
  support: () => ({ kind: 'continuous', lower: 0, upper: Number.POSITIVE_INFINITY }),
  logProb: ({ scale, shape }, x) => logProb(scale, shape, x),
  logProbBatch: ({ scale, shape }, xs) => {
    const out = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) out[i] = logProb(scale, shape, xs[i]!);
    return out;
  },
  // Inverse CDF: x = λ (−log(1 − u))^(1/k) with u ∈ [0, 1).
  sample: ({ scale, shape }, rng, n) =>
    Array.from({ length: n }, () => scale * (-log1p(-rng.uniform())) ** (1 / shape)),
  mean: ({ scale, shape }) => scale * Math.exp(lgamma(1 + 1 / shape)),
  variance: ({ scale, shape }) =>
    // λ² Γ(1 + 2/k) (1 − Γ(1 + 1/k)²/Γ(1 + 2/k)), in logs: no ∞ − ∞ when Γ(1 + 2/k) overflows
    // (k ≲ 0.0117 gives a variance beyond the double range: +∞, not NaN), no cancellation for large k.
    -scale *
    scale *
    Math.exp(lgamma(1 + 2 / shape)) *
    expm1(2 * lgamma(1 + 1 / shape) - lgamma(1 + 2 / shape)),
  entropy: ({ scale, shape }) => EULER_GAMMA * (1 - 1 / shape) + Math.log(scale / shape) + 1,
  score: ({ scale, shape }, x) => {
    // NaN off the parameter space, like logProb, so numerical derivatives notice the boundary.
    if (!(scale > 0 && shape > 0)) return Float64Array.of(Number.NaN, Number.NaN);
    const t = Math.log(x / scale);
    const z = Math.exp(shape * t);
    return Float64Array.of((shape / scale) * (z - 1), 1 / shape + t * (1 - z));
  },
  fisher: ({ scale, shape }) => {
    const off = -(1 - EULER_GAMMA) / scale;
    return DenseMatrix.from([
      [(shape * shape) / (scale * scale), off],
      [off, ((1 - EULER_GAMMA) ** 2 + PI2_6) / (shape * shape)],
    ]);
  },
  // Bauckhage (2013): KL = log(k₁/k₂) + k₂ log(λ₂/λ₁) − γ(1 − k₂/k₁) + (λ₁/λ₂)^k₂ Γ(1 + k₂/k₁) − 1.
  kl: (p, q) => {
    const r = q.shape / p.shape;
    return (
      Math.log(p.shape / q.shape) +
      q.shape * Math.log(q.scale / p.scale) -
      EULER_GAMMA * (1 - r) +
      Math.exp(q.shape * Math.log(p.scale / q.scale) + lgamma(1 + r)) -
      1
    );
  },
  fit: (data, options) => fitWeibull(data, options.weights, options.init?.shape, options),
  initialGuess: (data, base) => {
    const logs = data.filter((x) => x > 0).map(Math.log);
    const k = momentShape(logs);
    const m = logs.reduce((a, b) => a + b, 0) / Math.max(logs.length, 1);
    return { ...base, shape: k, scale: Math.exp(m + EULER_GAMMA / k) };
  },
});

function logProb(scale: number, shape: number, x: number): number {
  if (x > 0) {
    const t = Math.log(x / scale);
    return Math.log(shape / scale) + (shape - 1) * t - Math.exp(shape * t);
  }
  if (x === 0) {
    if (shape < 1) return Number.POSITIVE_INFINITY;
    return shape === 1 ? -Math.log(scale) : Number.NEGATIVE_INFINITY;
  }
  return Number.isNaN(x) ? Number.NaN : Number.NEGATIVE_INFINITY;
}

/** Shape from the spread of log x: Var(log x) = π²/(6k²) for a Weibull. */
function momentShape(logs: readonly number[]): number {
  const n = logs.length;
  if (n < 2) return 1;
  const m = logs.reduce((a, b) => a + b, 0) / n;
  const v = logs.reduce((a, b) => a + (b - m) * (b - m), 0) / n;
  return v > 0 ? Math.PI / Math.sqrt(6 * v) : 1;
}

/**
 * Weibull MLE: Newton on the profile score g(k) = 1/k + L̄ − Σ wᵢ xᵢ^k log xᵢ / Σ wᵢ xᵢ^k (strictly
 * decreasing, so its root is unique), safeguarded by a bracket; then λ = (Σ wᵢ xᵢ^k / W)^(1/k).
 */
function fitWeibull(
  data: readonly number[],
  weights: ArrayLike<number> | undefined,
  initShape: number | undefined,
  options: { tol?: number; maxIterations?: number },
): FitResult<WeibullParams> {
  const xs: number[] = [];
  const logs: number[] = [];
  const ws: number[] = [];
  data.forEach((x, i) => {
    const wi = weights === undefined ? 1 : weights[i]!;
    if (wi === 0) return;
    if (!(x > 0) || !Number.isFinite(x))
      throw new InvalidArgumentError(`data[${i}]`, x, 'a finite observation > 0');
    xs.push(x);
    logs.push(Math.log(x));
    ws.push(wi);
  });
  const n = logs.length;
  let W = 0;
  let lbar = 0;
  let lmax = Number.NEGATIVE_INFINITY;
  let lmin = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    W += ws[i]!;
    lbar += ws[i]! * logs[i]!;
    lmax = Math.max(lmax, logs[i]!);
    lmin = Math.min(lmin, logs[i]!);
  }
  if (!(W > 0)) throw new InvalidArgumentError('options.weights', weights, 'a positive total weight');
  if (!(lmax > lmin)) throw new InvalidArgumentError('data', data, 'at least two distinct observations');
  lbar /= W;
  const tol = options.tol ?? 1e-10;
  const maxIterations = options.maxIterations ?? 200;

  // Weighted moments of log x under weights wᵢ xᵢ^k (shifted by lmax against overflow).
  const tilted = (k: number) => {
    let s0 = 0;
    let s1 = 0;
    for (let i = 0; i < n; i++) {
      const e = ws[i]! * Math.exp(k * (logs[i]! - lmax));
      s0 += e;
      s1 += e * logs[i]!;
    }
    const m1 = s1 / s0;
    let v = 0;
    for (let i = 0; i < n; i++) {
      const d = logs[i]! - m1;
      v += ws[i]! * Math.exp(k * (logs[i]! - lmax)) * d * d;
    }
    return { s0, m1, v: v / s0 };
  };

  let k = initShape !== undefined && initShape > 0 && Number.isFinite(initShape) ? initShape : 0;
  if (k === 0) {
    let v = 0;
    for (let i = 0; i < n; i++) v += ws[i]! * (logs[i]! - lbar) ** 2;
    k = Math.PI / Math.sqrt((6 * v) / W);
  }
  let lo = 0; // g(lo) > 0
  let hi = Number.POSITIVE_INFINITY; // g(hi) < 0
  let g = Number.NaN;
  let it = 0;
  let t = tilted(k);
  for (; it < maxIterations; it++) {
    g = 1 / k + lbar - t.m1;
    if (g > 0) lo = k;
    else if (g < 0) hi = k;
    else break;
    const dg = -1 / (k * k) - t.v;
    let next = k - g / dg;
    if (!(next > lo && next < hi))
      next = Number.isFinite(hi) ? (lo > 0 ? Math.sqrt(lo * hi) : hi / 2) : 2 * k;
    const step = Math.abs(next - k);
    k = next;
    t = tilted(k);
    if (step <= 1e-14 * k) {
      g = 1 / k + lbar - t.m1;
      it++;
      break;
    }
  }
  const scale = Math.exp(lmax + Math.log(t.s0 / W) / k);
  const params = { scale, shape: k };
  // Gradient of the mean log-likelihood in η = (log λ, log k): λ ∂/∂λ and k ∂/∂k of the mean score.
  let gl = 0;
  let gk = 0;
  let ll = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i]!;
    const s = weibull.score(params, x);
    gl += ws[i]! * s[0]!;
    gk += ws[i]! * s[1]!;
    ll += ws[i]! * logProb(scale, k, x);
  }
  const gradientNorm = Math.hypot((scale * gl) / W, (k * gk) / W);
  return {
    params,
    logLikelihood: ll,
    iterations: it,
    converged: Math.abs(k * g) <= tol && Number.isFinite(scale),
    gradientNorm,
  };
}
