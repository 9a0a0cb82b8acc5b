import { AliasTable, DenseMatrix, InvalidArgumentError, log1p, logsumexp } from '@infogeom/linalg';
import { constraints } from '../constraint.js';
import { defineFamily } from '../define-family.js';
import type { Family, FitOptions } from '../family.js';

/** Parameters of the categorical distribution: a probability vector over k ≥ 2 categories. */
export type CategoricalParams = {
  /** Probabilities p₁..p_k (each > 0, summing to 1); coordinates are the first k − 1. */
  readonly p: Float64Array;
};

/** log pₓ when x is a category index 0..k − 1, else −∞. */
function logPmf(p: Float64Array, x: number): number {
  return Number.isInteger(x) && x >= 0 && x < p.length ? Math.log(p[x]!) : Number.NEGATIVE_INFINITY;
}

/** Softmax of (η, 0): the probabilities with natural parameters ηᵢ = log(pᵢ/p_k). */
function softmaxWithReference(eta: ArrayLike<number>): Float64Array {
  const k = eta.length + 1;
  const logs = Float64Array.from({ length: k }, (_v, i) => (i < k - 1 ? eta[i]! : 0));
  const lse = logsumexp(logs);
  return Float64Array.from(logs, (l) => Math.exp(l - lse));
}

/** The number of categories implied by fit options or data. */
function categoriesOf(data: readonly number[], options: FitOptions<CategoricalParams>): number {
  const k = options.init?.p.length ?? options.fixed?.p?.length;
  if (k !== undefined) return k;
  let max = 0;
  for (const x of data) max = Math.max(max, x);
  return Math.max(max + 1, 2);
}

/**
 * The categorical distribution over category indices 0..k − 1 with probabilities p. Coordinates θ are
 * (p₁, …, p_{k−1}) with p_k = 1 − Σθ; the Fisher information is diag(1/pᵢ) + (1/p_k) 11ᵀ. An exponential
 * family with natural parameters ηᵢ = log(pᵢ/p_k) and sufficient statistic the one-hot indicator of the
 * first k − 1 categories. `fit` reads k from `options.init` or `options.fixed.p` (else the largest
 * observed index + 1) and throws when a category is unobserved (the MLE is then on the simplex boundary).
 */
export const categorical: Family<CategoricalParams, number> = defineFamily<CategoricalParams, number>({
  name: 'categorical',
  description:
    'Categorical over indices 0..k−1 with probability vector p (k ≥ 2); coordinates p[0..k−2], the last entry is 1 − Σ.',
  parameters: [
    {
      name: 'p',
      shape: 'vector',
      constraint: constraints.simplex,
      description: 'category probabilities (entries > 0 summing to 1)',
    },
  ],
  examples: [
    { p: Float64Array.of(0.3, 0.7) },
    { p: Float64Array.of(0.1, 0.2, 0.3, 0.4) },
    { p: Float64Array.of(0.5, 0.25, 0.125, 0.125) },
  ],
  support: ({ p }) => ({ kind: 'discrete', lower: 0, upper: p.length - 1 }),
  logProb: ({ p }, x) => logPmf(p, x),
  logProbBatch: ({ p }, xs) => {
    const logs = Float64Array.from(p, Math.log);
    return Float64Array.from(xs, (x) =>
      Number.isInteger(x) && x >= 0 && x < p.length ? logs[x]! : Number.NEGATIVE_INFINITY,
    );
  },
  sample: ({ p }, rng, n) => {
    const table = new AliasTable(p);
    return Array.from({ length: n }, () => table.sample(rng));
  },
  mean: ({ p }) => p.reduce((acc, pi, i) => acc + i * pi, 0),
  variance: ({ p }) => {
    const m = p.reduce((acc, pi, i) => acc + i * pi, 0);
    return p.reduce((acc, pi, i) => acc + pi * (i - m) * (i - m), 0);
  },
  entropy: ({ p }) => -p.reduce((acc, pi) => acc + pi * Math.log(pi), 0),
  score: ({ p }, x) => {
    const k = p.length;
    const s = new Float64Array(k - 1);
    if (!(Number.isInteger(x) && x >= 0 && x < k)) return s.fill(Number.NaN);
    if (x < k - 1) s[x] = 1 / p[x]!;
    else s.fill(-1 / p[k - 1]!);
    return s;
  },
  fisher: ({ p }) => {
    const k = p.length;
    const last = 1 / p[k - 1]!;
    return DenseMatrix.fromFunction(k - 1, k - 1, (i, j) => (i === j ? 1 / p[i]! : 0) + last);
  },
  kl: (a, b) => {
    if (a.p.length !== b.p.length)
      throw new InvalidArgumentError('q.p.length', b.p.length, `p.p.length = ${a.p.length}`);
    let s = 0;
    for (let i = 0; i < a.p.length; i++) {
      // log(pᵢ/qᵢ) through log1p when pᵢ ≈ qᵢ (pᵢ − qᵢ is then exact): no cancellation between logs.
      const pi = a.p[i]!;
      const qi = b.p[i]!;
      s += pi * (pi <= 2 * qi && qi <= 2 * pi ? log1p((pi - qi) / qi) : Math.log(pi / qi));
    }
    return Math.max(s, 0);
  },
  fit: (data, options) => {
    const k = categoriesOf(data, options);
    const w = options.weights;
    const counts = new Float64Array(k);
    let total = 0;
    data.forEach((x, i) => {
      if (!(Number.isInteger(x) && x >= 0 && x < k))
        throw new InvalidArgumentError(`data[${i}]`, x, `a category index in 0..${k - 1}`);
      const wi = w === undefined ? 1 : w[i]!;
      counts[x]! += wi;
      total += wi;
    });
    counts.forEach((c, i) => {
      if (!(c > 0))
        throw new InvalidArgumentError(
          'data',
          `category ${i} unobserved`,
          'every category observed with positive weight (otherwise the MLE lies on the boundary of the simplex)',
        );
    });
    const p = Float64Array.from(counts, (c) => c / total);
    let ll = 0;
    for (let i = 0; i < k; i++) ll += counts[i]! * Math.log(p[i]!);
    return { params: { p }, logLikelihood: ll, iterations: 0, converged: true, gradientNorm: 0 };
  },
  initialGuess: (data, base) => {
    const k = base.p.length;
    const counts = new Float64Array(k).fill(0.5);
    for (const x of data) if (Number.isInteger(x) && x >= 0 && x < k) counts[x]! += 1;
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
    sufficientStatistic: (x, base) => {
      const t = new Float64Array(base.p.length - 1);
      if (x < t.length) t[x] = 1;
      return t;
    },
    logBaseMeasure: () => 0,
    logPartition: (eta) => logsumexp(Float64Array.from({ length: eta.length + 1 }, (_v, i) => eta[i] ?? 0)),
    meanParameters: (eta) => softmaxWithReference(eta).subarray(0, eta.length),
    fromMean: (m, base) => {
      const k = m.length + 1;
      const p = new Float64Array(k);
      let s = 0;
      for (let i = 0; i < k - 1; i++) s += p[i] = m[i]!;
      p[k - 1] = 1 - s;
      return { ...base, p };
    },
    naturalFisher: (eta) => {
      const q = softmaxWithReference(eta);
      const n = eta.length;
      return DenseMatrix.fromFunction(n, n, (i, j) => (i === j ? q[i]! : 0) - q[i]! * q[j]!);
    },
  },
});
