import {
  DenseMatrix,
  digamma,
  InvalidArgumentError,
  lgamma,
  sampleDirichlet,
  trigamma,
} from '@infogeom/linalg';
import { constraints } from '../constraint.js';
import { defineFamily } from '../define-family.js';
import type { Family } from '../family.js';

/** Parameters of the Dirichlet distribution: a vector of concentrations. */
export type DirichletParams = {
  /** Concentrations α₁..α_k, each > 0 (k ≥ 1; all k are coordinates). */
  readonly alpha: Float64Array;
};

const SIMPLEX_TOL = 1e-9;

/** log of the normaliser B(α) = Π Γ(αᵢ) / Γ(α₀). */
function logBeta(alpha: ArrayLike<number>): number {
  let s = 0;
  let a0 = 0;
  for (let i = 0; i < alpha.length; i++) {
    s += lgamma(alpha[i]!);
    a0 += alpha[i]!;
  }
  return s - lgamma(a0);
}

function logPdf(alpha: Float64Array, logB: number, x: Float64Array): number {
  const k = alpha.length;
  if (!(x instanceof Float64Array) || x.length !== k) return Number.NEGATIVE_INFINITY;
  let s = 0;
  let lp = -logB;
  for (let i = 0; i < k; i++) {
    const xi = x[i]!;
    if (!(xi >= 0 && xi <= 1)) return Number.NEGATIVE_INFINITY;
    s += xi;
    const a = alpha[i]! - 1;
    if (a !== 0) lp += a * Math.log(xi);
  }
  return Math.abs(s - 1) <= SIMPLEX_TOL * k ? lp : Number.NEGATIVE_INFINITY;
}

/** `true` when x is a point of the open simplex of dimension k − 1 (entries > 0 summing to 1). */
function onOpenSimplex(x: Float64Array, k: number): boolean {
  if (!(x instanceof Float64Array) || x.length !== k) return false;
  let s = 0;
  for (const xi of x) {
    if (!(xi > 0 && xi <= 1)) return false;
    s += xi;
  }
  return Math.abs(s - 1) <= SIMPLEX_TOL * k;
}

/** ψ⁻¹(y) by Minka's initialisation and Newton's method. */
function inverseDigamma(y: number): number {
  let x = y >= -2.22 ? Math.exp(y) + 0.5 : -1 / (y - digamma(1));
  for (let i = 0; i < 8; i++) x -= (digamma(x) - y) / trigamma(x);
  return x;
}

/** Outcome of {@link solveLogMeans}. */
interface LogMeanSolution {
  alpha: Float64Array;
  iterations: number;
  gradientNorm: number;
}

/**
 * The α with ψ(αᵢ) − ψ(α₀) = sᵢ for all i (the Dirichlet MLE given mean log observations s; also the
 * moment map inverse). Newton's method on the concave log-likelihood, with the diagonal-plus-rank-one
 * Hessian inverted by Sherman–Morrison (Minka 2000); when a Newton step would leave α > 0 or fail to
 * increase the likelihood, one step of Minka's fixed point αᵢ ← ψ⁻¹(ψ(α₀) + sᵢ) is taken instead.
 */
function solveLogMeans(
  s: ArrayLike<number>,
  start: ArrayLike<number>,
  maxIterations: number,
): LogMeanSolution {
  const k = s.length;
  const objective = (a: Float64Array) => {
    let f = -logBeta(a);
    for (let i = 0; i < k; i++) f += a[i]! * s[i]!;
    return f;
  };
  let alpha = Float64Array.from(start);
  let f = objective(alpha);
  let gradientNorm = Number.POSITIVE_INFINITY;
  let it = 0;
  let scale = 1;
  for (let i = 0; i < k; i++) scale = Math.max(scale, Math.abs(s[i]!));
  for (; it < maxIterations; it++) {
    let a0 = 0;
    for (const a of alpha) a0 += a;
    const psi0 = digamma(a0);
    const g = Float64Array.from(alpha, (a, i) => psi0 - digamma(a) + s[i]!);
    gradientNorm = Math.hypot(...g.map((gi, i) => gi * alpha[i]!));
    if (gradientNorm <= 1e-14 * scale * (1 + a0)) break;
    // Newton: H = −diag(ψ'(αᵢ)) + ψ'(α₀) 11ᵀ; step = H⁻¹ g.
    const q = Float64Array.from(alpha, (a) => -trigamma(a));
    const z = trigamma(a0);
    let num = 0;
    let den = 1 / z;
    for (let i = 0; i < k; i++) {
      num += g[i]! / q[i]!;
      den += 1 / q[i]!;
    }
    const b = num / den;
    const next = Float64Array.from(alpha, (a, i) => a - (g[i]! - b) / q[i]!);
    let accepted = false;
    if (next.every((a) => a > 0 && Number.isFinite(a))) {
      const fn = objective(next);
      if (fn >= f - 1e-15 * Math.abs(f)) {
        let change = 0;
        for (let i = 0; i < k; i++) change = Math.max(change, Math.abs(next[i]! - alpha[i]!) / alpha[i]!);
        alpha = next;
        f = fn;
        accepted = true;
        if (change < 1e-15) {
          it++;
          break;
        }
      }
    }
    if (!accepted) {
      alpha = Float64Array.from(s, (si) => inverseDigamma(psi0 + si));
      f = objective(alpha);
    }
  }
  if (it === maxIterations || !Number.isFinite(gradientNorm)) {
    let a0 = 0;
    for (const a of alpha) a0 += a;
    const psi0 = digamma(a0);
    gradientNorm = Math.hypot(...Float64Array.from(alpha, (a, i) => a * (psi0 - digamma(a) + s[i]!)));
  }
  return { alpha, iterations: it, gradientNorm };
}

/**
 * The Dirichlet distribution on the probability simplex with concentrations α (observations are
 * Float64Array points of the simplex of length k). Coordinates θ = α; Fisher information
 * diag(ψ'(αᵢ)) − ψ'(α₀) 11ᵀ with α₀ = Σαᵢ. An exponential family with natural parameters α,
 * T(x) = log x and log h(x) = −Σ log xᵢ. The MLE is Minka's Newton iteration (reports iterations).
 */
export const dirichlet: Family<DirichletParams, Float64Array> = defineFamily<DirichletParams, Float64Array>({
  name: 'dirichlet',
  description: 'Dirichlet on the (k−1)-simplex with concentrations alpha (each > 0); observations sum to 1.',
  parameters: [
    {
      name: 'alpha',
      shape: 'vector',
      constraint: constraints.positive,
      description: 'concentrations αᵢ > 0',
    },
  ],
  examples: [
    { alpha: Float64Array.of(1.5, 2, 3) },
    { alpha: Float64Array.of(0.7, 1.3) },
    { alpha: Float64Array.of(0.6, 0.8, 1.2, 4) },
  ],
  invalidExamples: [{ alpha: Float64Array.of(2) }],
  check: ({ alpha }, argument) => {
    if (alpha.length < 2)
      throw new InvalidArgumentError(`${argument}.alpha.length`, alpha.length, 'at least 2');
  },
  support: ({ alpha }) => ({ kind: 'vector', dimension: alpha.length, domain: 'simplex' }),
  logProb: ({ alpha }, x) => logPdf(alpha, logBeta(alpha), x),
  logProbBatch: ({ alpha }, xs) => {
    const logB = logBeta(alpha);
    return Float64Array.from(xs, (x) => logPdf(alpha, logB, x));
  },
  sample: ({ alpha }, rng, n) => Array.from({ length: n }, () => sampleDirichlet(rng, alpha)),
  mean: ({ alpha }) => {
    const a0 = alpha.reduce((a, b) => a + b, 0);
    return Float64Array.from(alpha, (a) => a / a0);
  },
  variance: ({ alpha }) => {
    const a0 = alpha.reduce((a, b) => a + b, 0);
    return Float64Array.from(alpha, (a) => (a * (a0 - a)) / (a0 * a0 * (a0 + 1)));
  },
  entropy: ({ alpha }) => {
    const k = alpha.length;
    const a0 = alpha.reduce((a, b) => a + b, 0);
    let h = logBeta(alpha) + (a0 - k) * digamma(a0);
    for (const a of alpha) h -= (a - 1) * digamma(a);
    return h;
  },
  score: ({ alpha }, x) => {
    const psi0 = digamma(alpha.reduce((a, b) => a + b, 0));
    return Float64Array.from(alpha, (a, i) => psi0 - digamma(a) + Math.log(x[i]!));
  },
  fisher: ({ alpha }) => {
    const t0 = trigamma(alpha.reduce((a, b) => a + b, 0));
    return DenseMatrix.fromFunction(
      alpha.length,
      alpha.length,
      (i, j) => (i === j ? trigamma(alpha[i]!) : 0) - t0,
    );
  },
  kl: (p, q) => {
    const a = p.alpha;
    const b = q.alpha;
    if (a.length !== b.length)
      throw new InvalidArgumentError('q.alpha.length', b.length, `p.alpha.length = ${a.length}`);
    const psi0 = digamma(a.reduce((s, v) => s + v, 0));
    let kl = logBeta(b) - logBeta(a);
    for (let i = 0; i < a.length; i++) kl += (a[i]! - b[i]!) * (digamma(a[i]!) - psi0);
    return Math.max(kl, 0);
  },
  fit: (data, options) => {
    const k = options.init?.alpha.length ?? options.fixed?.alpha?.length ?? data[0]!.length;
    const w = options.weights;
    const s = new Float64Array(k);
    const m1 = new Float64Array(k);
    let m2 = 0;
    let total = 0;
    data.forEach((x, i) => {
      if (!onOpenSimplex(x, k))
        throw new InvalidArgumentError(`data[${i}]`, x, `a point of the open ${k - 1}-simplex`);
      const wi = w === undefined ? 1 : w[i]!;
      total += wi;
      for (let j = 0; j < k; j++) {
        s[j]! += wi * Math.log(x[j]!);
        m1[j]! += wi * x[j]!;
      }
      m2 += wi * x[0]! * x[0]!;
    });
    for (let j = 0; j < k; j++) {
      s[j]! /= total;
      m1[j]! /= total;
    }
    m2 /= total;
    // Start: the given init, else moment matching on the first coordinate (Minka 2000, eq. 21).
    let start: Float64Array;
    if (options.init !== undefined) start = Float64Array.from(options.init.alpha);
    else {
      const a0 = (m1[0]! - m2) / (m2 - m1[0]! * m1[0]!);
      start = Float64Array.from(m1, (m) => (a0 > 0 && Number.isFinite(a0) ? a0 : 1) * m);
    }
    const sol = solveLogMeans(s, start, options.maxIterations ?? 200);
    const params = { alpha: sol.alpha };
    const logB = logBeta(sol.alpha);
    let ll = 0;
    data.forEach((x, i) => {
      ll += (w === undefined ? 1 : w[i]!) * logPdf(sol.alpha, logB, x);
    });
    return {
      params,
      logLikelihood: ll,
      iterations: sol.iterations,
      converged: sol.gradientNorm < (options.tol ?? 1e-10),
      gradientNorm: sol.gradientNorm,
    };
  },
  initialGuess: (data, base) => {
    const k = base.alpha.length;
    const m1 = new Float64Array(k);
    let m2 = 0;
    for (const x of data) {
      for (let j = 0; j < k; j++) m1[j]! += x[j]! / data.length;
      m2 += (x[0]! * x[0]!) / data.length;
    }
    const a0 = (m1[0]! - m2) / (m2 - m1[0]! * m1[0]!);
    return { ...base, alpha: Float64Array.from(m1, (m) => (a0 > 0 && Number.isFinite(a0) ? a0 : 1) * m) };
  },
  exponentialFamily: {
    toNatural: ({ alpha }) => Float64Array.from(alpha),
    fromNatural: (eta, base) => ({ ...base, alpha: Float64Array.from(eta) }),
    sufficientStatistic: (x) => Float64Array.from(x, Math.log),
    logBaseMeasure: (x) => -x.reduce((acc, xi) => acc + Math.log(xi), 0),
    logPartition: (eta) => logBeta(eta),
    meanParameters: (eta) => {
      let a0 = 0;
      for (let i = 0; i < eta.length; i++) a0 += eta[i]!;
      const psi0 = digamma(a0);
      return Float64Array.from({ length: eta.length }, (_v, i) => digamma(eta[i]!) - psi0);
    },
    fromMean: (m, base) => ({ ...base, alpha: solveLogMeans(m, base.alpha, 500).alpha }),
    naturalFisher: (eta) => {
      let a0 = 0;
      for (let i = 0; i < eta.length; i++) a0 += eta[i]!;
      const t0 = trigamma(a0);
      return DenseMatrix.fromFunction(
        eta.length,
        eta.length,
        (i, j) => (i === j ? trigamma(eta[i]!) : 0) - t0,
      );
    },
  },
});
