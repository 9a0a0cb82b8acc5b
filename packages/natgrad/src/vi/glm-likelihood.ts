import { InvalidArgumentError } from '@infogeom/linalg';
import { gaussHermite } from './gauss-hermite.js';

/** E[ℓ(y, a)], E[ℓ′(y, a)] and E[ℓ″(y, a)] for a ~ N(m, v). */
export interface LikelihoodExpectations {
  /** E[log p(y | a)]. */
  value: number;
  /** E[∂ log p / ∂a]. */
  d1: number;
  /** E[∂² log p / ∂a²] (≤ 0 for log-concave likelihoods). */
  d2: number;
}

/**
 * The log-likelihood of one observation as a function of the GLM's linear predictor a = xᵀw, with its
 * first two derivatives. `expect` gives closed-form Gaussian expectations when they exist; otherwise
 * they are computed by Gauss–Hermite quadrature.
 */
export interface GlmLikelihood {
  /** Name, e.g. `'logistic'`. */
  readonly name: string;
  /** log p(y | a). */
  logLik(y: number, a: number): number;
  /** ∂ log p(y | a) / ∂a. */
  d1(y: number, a: number): number;
  /** ∂² log p(y | a) / ∂a². */
  d2(y: number, a: number): number;
  /** Closed-form expectations under a ~ N(m, v), when known. */
  expect?(y: number, m: number, v: number): LikelihoodExpectations;
}

const log1pExp = (a: number): number => (a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a)));
const sigmoid = (a: number): number => (a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a)));

/** Bernoulli with logit link (logistic regression), y ∈ {0, 1}. */
export const logisticLikelihood: GlmLikelihood = {
  name: 'logistic',
  logLik: (y, a) => y * a - log1pExp(a),
  d1: (y, a) => y - sigmoid(a),
  d2: (_y, a) => {
    const s = sigmoid(a);
    return -s * (1 - s);
  },
};

/** Poisson with log link, y ∈ {0, 1, 2, …} (closed-form expectations: E[eᵃ] = e^{m + v/2}). */
export const poissonLikelihood: GlmLikelihood = {
  name: 'poisson',
  logLik: (y, a) => y * a - Math.exp(a) - lgammaInt(y),
  d1: (y, a) => y - Math.exp(a),
  d2: (_y, a) => -Math.exp(a),
  expect: (y, m, v) => {
    const e = Math.exp(m + v / 2);
    return { value: y * m - e - lgammaInt(y), d1: y - e, d2: -e };
  },
};

function lgammaInt(y: number): number {
  let s = 0;
  for (let k = 2; k <= y; k++) s += Math.log(k);
  return s;
}

/**
 * Normal with identity link and known noise standard deviation σ (Bayesian linear regression), with
 * closed-form expectations — so the variational posterior is exact.
 * @param sigma - noise standard deviation σ > 0
 */
export function gaussianLikelihood(sigma: number): GlmLikelihood {
  if (!(sigma > 0) || !Number.isFinite(sigma))
    throw new InvalidArgumentError('sigma', sigma, 'a finite number > 0');
  const s2 = sigma * sigma;
  const c = -0.5 * Math.log(2 * Math.PI * s2);
  return {
    name: 'gaussian',
    logLik: (y, a) => c - (y - a) ** 2 / (2 * s2),
    d1: (y, a) => (y - a) / s2,
    d2: () => -1 / s2,
    expect: (y, m, v) => ({ value: c - ((y - m) ** 2 + v) / (2 * s2), d1: (y - m) / s2, d2: -1 / s2 }),
  };
}

/** Gaussian expectations of a likelihood: its closed form, else `nodes`-point Gauss–Hermite. */
export function likelihoodExpectations(
  lik: GlmLikelihood,
  y: number,
  m: number,
  v: number,
  nodes: number,
): LikelihoodExpectations {
  if (lik.expect !== undefined) return lik.expect(y, m, v);
  const { nodes: z, weights } = gaussHermite(nodes);
  const sd = Math.sqrt(Math.max(v, 0));
  let value = 0;
  let d1 = 0;
  let d2 = 0;
  for (let i = 0; i < z.length; i++) {
    const a = m + sd * z[i]!;
    const w = weights[i]!;
    value += w * lik.logLik(y, a);
    d1 += w * lik.d1(y, a);
    d2 += w * lik.d2(y, a);
  }
  return { value, d1, d2 };
}
