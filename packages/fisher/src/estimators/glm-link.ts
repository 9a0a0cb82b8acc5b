import { erfc } from '@infogeom/linalg';

/**
 * The inverse link of a generalised linear model: the mean μ = g⁻¹(η) of the response as a function of
 * the linear predictor η = xᵀw, with its first two derivatives.
 */
export interface GlmLink {
  /** Name of the link g (e.g. `'logit'`). */
  readonly name: string;
  /** μ = g⁻¹(η). */
  mean(eta: number): number;
  /** dμ/dη. */
  meanDerivative(eta: number): number;
  /** d²μ/dη². */
  meanSecondDerivative(eta: number): number;
}

function sigmoid(t: number): number {
  return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** The logit link (canonical for Bernoulli): μ = 1/(1 + e^{−η}). */
export const logitLink: GlmLink = {
  name: 'logit',
  mean: sigmoid,
  meanDerivative: (eta) => {
    const p = sigmoid(eta);
    return p * (1 - p);
  },
  meanSecondDerivative: (eta) => {
    const p = sigmoid(eta);
    return p * (1 - p) * (1 - 2 * p);
  },
};

/** The probit link (non-canonical for Bernoulli): μ = Φ(η). */
export const probitLink: GlmLink = {
  name: 'probit',
  mean: (eta) => 0.5 * erfc(-eta / Math.SQRT2),
  meanDerivative: (eta) => INV_SQRT_2PI * Math.exp(-0.5 * eta * eta),
  meanSecondDerivative: (eta) => -eta * INV_SQRT_2PI * Math.exp(-0.5 * eta * eta),
};

/** The log link (canonical for Poisson): μ = e^η. */
export const logLink: GlmLink = {
  name: 'log',
  mean: Math.exp,
  meanDerivative: Math.exp,
  meanSecondDerivative: Math.exp,
};

/** The identity link (canonical for a normal with known σ): μ = η. */
export const identityLink: GlmLink = {
  name: 'identity',
  mean: (eta) => eta,
  meanDerivative: () => 1,
  meanSecondDerivative: () => 0,
};
