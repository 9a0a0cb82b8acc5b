import {
  DenseMatrix,
  InvalidArgumentError,
  lchoose,
  lfactorial,
  logsumexp,
  type Rng,
} from '@infogeom/linalg';
import { constraints } from '../constraint.js';
import { defineFamily } from '../define-family.js';
import type { Family } from '../family.js';

/** Parameters of the multinomial distribution: a fixed trial count `n` and category probabilities `p`. */
export type MultinomialParams = {
  /** Number of trials n ≥ 1 (a fixed hyperparameter, not a coordinate). */
  readonly n: number;
  /** Category probabilities p₁..p_k (each > 0, summing to 1); coordinates are the first k − 1. */
  readonly p: Float64Array;
};

/** `true` when x is a vector of k non-negative integer counts summing to n. */
function isCountVector(x: Float64Array, k: number, n: number): boolean {
  if (!(x instanceof Float64Array) || x.length !== k) return false;
  let s = 0;
  for (let i = 0; i < k; i++) {
    const c = x[i]!;
    if (!(Number.isInteger(c) && c >= 0)) return false;
    s += c;
  }
  return s === n;
}

/** log m! from a table when one is given (batches), else from lfactorial. */
function logFactorial(m: number, table: Float64Array | undefined): number {
  return table === undefined ? lfactorial(m) : table[m]!;
}

function logPmf(n: number, logP: ArrayLike<number>, x: Float64Array, table?: Float64Array): number {
  if (!isCountVector(x, logP.length, n)) return Number.NEGATIVE_INFINITY;
  let lp = logFactorial(n, table);
  for (let i = 0; i < x.length; i++) {
    const c = x[i]!;
    if (c > 0) lp += c * logP[i]! - logFactorial(c, table);
  }
  return lp;
}

/** log 0!, …, log n! (for batches with a moderate n). */
function logFactorialTable(n: number): Float64Array | undefined {
  if (n > 100_000) return undefined;
  const t = new Float64Array(n + 1);
  for (let m = 2; m <= n; m++) t[m] = lfactorial(m);
  return t;
}

/**
 * A Binomial(n, p) draw: Knuth's beta splitting (TAOCP 3.4.1) — the a-th order statistic of n uniforms
 * is Beta(a, n + 1 − a), which halves n per step — then direct Bernoulli trials once n ≤ 16. Exact.
 */
function binomial(rng: Rng, trials: number, prob: number): number {
  let n = trials;
  let p = prob;
  let count = 0;
  while (n > 16) {
    if (p <= 0) return count;
    if (p >= 1) return count + n;
    const a = 1 + Math.floor(n / 2);
    const b = n + 1 - a;
    const x = rng.beta(a, b);
    if (p < x) {
      n = a - 1;
      p /= x;
    } else {
      count += a;
      n = b - 1;
      p = (p - x) / (1 - x);
    }
  }
  for (let i = 0; i < n; i++) if (rng.uniform() < p) count++;
  return count;
}

/** Softmax of (η, 0). */
function softmaxWithReference(eta: ArrayLike<number>): Float64Array {
  const k = eta.length + 1;
  const logs = Float64Array.from({ length: k }, (_v, i) => (i < k - 1 ? eta[i]! : 0));
  const lse = logsumexp(logs);
  return Float64Array.from(logs, (l) => Math.exp(l - lse));
}

/**
 * The multinomial distribution of the counts of n independent categorical trials with probabilities p.
 * Observations are Float64Array count vectors of length k summing to n; `n` is a fixed hyperparameter.
 * Coordinates θ = (p₁, …, p_{k−1}); the Fisher information is n·(diag(1/pᵢ) + (1/p_k) 11ᵀ). An exponential
 * family with ηᵢ = log(pᵢ/p_k), T(x) = (x₁, …, x_{k−1}) and log h(x) = log n! − Σ log xᵢ!.
 */
export const multinomial: Family<MultinomialParams, Float64Array> = defineFamily<
  MultinomialParams,
  Float64Array
>({
  name: 'multinomial',
  description:
    'Multinomial counts of n (fixed) trials over k categories with probabilities p; coordinates p[0..k−2].',
  parameters: [
    {
      name: 'n',
      shape: 'scalar',
      constraint: constraints.positiveInteger,
      fixed: true,
      description: 'number of trials n ≥ 1 (fixed)',
    },
    {
      name: 'p',
      shape: 'vector',
      constraint: constraints.simplex,
      description: 'category probabilities (entries > 0 summing to 1)',
    },
  ],
  examples: [
    { n: 5, p: Float64Array.of(0.2, 0.3, 0.5) },
    { n: 20, p: Float64Array.of(0.1, 0.2, 0.3, 0.4) },
    { n: 1, p: Float64Array.of(0.6, 0.4) },
  ],
  support: ({ p }) => ({ kind: 'vector', dimension: p.length, domain: 'counts' }),
  logProb: ({ n, p }, x) => logPmf(n, Float64Array.from(p, Math.log), x),
  logProbBatch: ({ n, p }, xs) => {
    const logP = Float64Array.from(p, Math.log);
    const table = xs.length > 4 ? logFactorialTable(n) : undefined;
    return Float64Array.from(xs, (x) => logPmf(n, logP, x, table));
  },
  sample: ({ n, p }, rng, count) =>
    Array.from({ length: count }, () => {
      const k = p.length;
      const x = new Float64Array(k);
      let remaining = n;
      let mass = 1;
      for (let i = 0; i < k - 1 && remaining > 0; i++) {
        const c = binomial(rng, remaining, Math.min(1, p[i]! / mass));
        x[i] = c;
        remaining -= c;
        mass -= p[i]!;
        if (mass <= 0) break;
      }
      x[k - 1]! += remaining;
      return x;
    }),
  mean: ({ n, p }) => Float64Array.from(p, (pi) => n * pi),
  variance: ({ n, p }) => Float64Array.from(p, (pi) => n * pi * (1 - pi)),
  entropy: ({ n, p }) => {
    // −E log p(x) = −log n! − n Σ pᵢ log pᵢ + Σᵢ E[log xᵢ!], with xᵢ ~ Binomial(n, pᵢ).
    let h = -lfactorial(n);
    for (const pi of p) {
      h -= n * pi * Math.log(pi);
      const lp = Math.log(pi);
      const lq = Math.log1p(-pi);
      for (let x = 2; x <= n; x++) h += Math.exp(lchoose(n, x) + x * lp + (n - x) * lq) * lfactorial(x);
    }
    return h;
  },
  score: ({ p }, x) => {
    const k = p.length;
    const last = x[k - 1]! / p[k - 1]!;
    return Float64Array.from({ length: k - 1 }, (_v, i) => x[i]! / p[i]! - last);
  },
  fisher: ({ n, p }) => {
    const k = p.length;
    const last = n / p[k - 1]!;
    return DenseMatrix.fromFunction(k - 1, k - 1, (i, j) => (i === j ? n / p[i]! : 0) + last);
  },
  check: ({ n }, argument) => {
    if (!Number.isSafeInteger(n)) throw new InvalidArgumentError(`${argument}.n`, n, 'an integer ≤ 2⁵³ − 1');
  },
  kl: (a, b) => {
    if (a.n !== b.n) throw new InvalidArgumentError('q.n', b.n, `p.n = ${a.n} (the same trial count)`);
    if (a.p.length !== b.p.length)
      throw new InvalidArgumentError('q.p.length', b.p.length, `p.p.length = ${a.p.length}`);
    let s = 0;
    for (let i = 0; i < a.p.length; i++) s += a.p[i]! * (Math.log(a.p[i]!) - Math.log(b.p[i]!));
    return Math.max(a.n * s, 0);
  },
  fit: (data, options) => {
    const first = data[0]!;
    const k = options.init?.p.length ?? options.fixed?.p?.length ?? first.length;
    const n = options.init?.n ?? options.fixed?.n ?? first.reduce((a, b) => a + b, 0);
    const w = options.weights;
    const counts = new Float64Array(k);
    let total = 0;
    data.forEach((x, i) => {
      if (!isCountVector(x, k, n))
        throw new InvalidArgumentError(`data[${i}]`, x, `${k} non-negative integer counts summing to ${n}`);
      const wi = w === undefined ? 1 : w[i]!;
      for (let j = 0; j < k; j++) counts[j]! += wi * x[j]!;
      total += wi * n;
    });
    counts.forEach((c, j) => {
      if (!(c > 0))
        throw new InvalidArgumentError(
          'data',
          `category ${j} never counted`,
          'every category counted with positive weight (otherwise the MLE lies on the boundary of the simplex)',
        );
    });
    const params = { n, p: Float64Array.from(counts, (c) => c / total) };
    const logP = Float64Array.from(params.p, Math.log);
    let ll = 0;
    data.forEach((x, i) => {
      ll += (w === undefined ? 1 : w[i]!) * logPmf(n, logP, x);
    });
    return { params, logLikelihood: ll, iterations: 0, converged: true, gradientNorm: 0 };
  },
  initialGuess: (data, base) => {
    const k = base.p.length;
    const counts = new Float64Array(k).fill(0.5);
    for (const x of data) for (let j = 0; j < k; j++) counts[j]! += x[j] ?? 0;
    const total = counts.reduce((a, b) => a + b, 0);
    return { ...base, p: Float64Array.from(counts, (c) => c / total) };
  },
  exponentialFamily: {
    toNatural: ({ p }) => {
      const k = p.length;
      const logLast = Math.log(p[k - 1]!);
      return Float64Array.from({ length: k - 1 }, (_v, i) => Math.log(p[i]!) - logLast);
    },
    fromNatural: (eta, base) => ({ ...base, p: softmaxWithReference(eta) }),
    sufficientStatistic: (x) => x.slice(0, x.length - 1),
    logBaseMeasure: (x, { n }) => {
      let h = lfactorial(n);
      for (const c of x) h -= lfactorial(c);
      return h;
    },
    logPartition: (eta, { n }) =>
      n * logsumexp(Float64Array.from({ length: eta.length + 1 }, (_v, i) => eta[i] ?? 0)),
    meanParameters: (eta, { n }) =>
      softmaxWithReference(eta)
        .subarray(0, eta.length)
        .map((q) => n * q),
    fromMean: (m, base) => {
      const k = m.length + 1;
      const p = new Float64Array(k);
      let s = 0;
      for (let i = 0; i < k - 1; i++) s += p[i] = m[i]! / base.n;
      p[k - 1] = 1 - s;
      return { ...base, p };
    },
    naturalFisher: (eta, { n }) => {
      const q = softmaxWithReference(eta);
      const d = eta.length;
      return DenseMatrix.fromFunction(d, d, (i, j) => n * ((i === j ? q[i]! : 0) - q[i]! * q[j]!));
    },
  },
});
