import { InvalidArgumentError } from '@infogeom/linalg';
import type { OutputFamily } from '../decoders/decoder.js';
import { diagonalOutput } from './diagonal-output.js';

/**
 * Gaussian outputs N(θ, σ²) with fixed σ (a scalar, or one σ per output): I = diag(1/σ²), so the pullback
 * metric is JᵀJ/σ².
 */
export function gaussianOutput(sigma: number | ArrayLike<number> = 1): OutputFamily {
  const s = typeof sigma === 'number' ? [sigma] : Array.from(sigma);
  for (const v of s)
    if (!(v > 0) || !Number.isFinite(v)) throw new InvalidArgumentError('sigma', v, 'finite σ > 0');
  const w = s.map((v) => 1 / (v * v));
  const weight = (i: number): number => (w.length === 1 ? w[0]! : w[i]!);
  return {
    name: 'gaussian',
    constantFisher: true,
    fisherApply(theta, a, out) {
      if (w.length !== 1 && w.length !== theta.length)
        throw new InvalidArgumentError('sigma.length', w.length, `1 or the output dimension ${theta.length}`);
      for (let i = 0; i < a.length; i++) out[i] = weight(i) * a[i]!;
      return true;
    },
    fisherQuadGradient(_theta, _a, out) {
      out.fill(0);
      return true;
    },
    fisherDirectional(_theta, _a, out) {
      out.fill(0);
      return true;
    },
  };
}

/**
 * Gaussian outputs with a predicted scale: θ = (μ₁…μ_m, σ₁…σ_m) (means first, then standard deviations),
 * I = diag(1/σ², 2/σ²) per output, the Fisher metric of N(μ, σ²) in (μ, σ).
 */
export function gaussianScaleOutput(): OutputFamily {
  const check = (theta: Float64Array): number => {
    const m = theta.length >> 1;
    if (2 * m !== theta.length)
      throw new InvalidArgumentError('theta.length', theta.length, 'an even length (means, then scales)');
    for (let i = m; i < 2 * m; i++) if (!(theta[i]! > 0) || !Number.isFinite(theta[i]!)) return -1;
    return m;
  };
  return {
    name: 'gaussianScale',
    constantFisher: false,
    fisherApply(theta, a, out) {
      const m = check(theta);
      if (m < 0) return false;
      for (let i = 0; i < m; i++) {
        const p = 1 / (theta[m + i]! * theta[m + i]!);
        out[i] = p * a[i]!;
        out[m + i] = 2 * p * a[m + i]!;
      }
      return true;
    },
    fisherQuadGradient(theta, a, out) {
      const m = check(theta);
      if (m < 0) return false;
      for (let i = 0; i < m; i++) {
        const s = theta[m + i]!;
        out[i] = 0;
        out[m + i] = (-2 * a[i]! * a[i]! - 4 * a[m + i]! * a[m + i]!) / (s * s * s);
      }
      return true;
    },
    fisherDirectional(theta, a, out) {
      const m = check(theta);
      if (m < 0) return false;
      for (let i = 0; i < m; i++) {
        const s = theta[m + i]!;
        const ds = (-2 * a[m + i]!) / (s * s * s);
        out[i] = ds * a[i]!;
        out[m + i] = 2 * ds * a[m + i]!;
      }
      return true;
    },
  };
}

/** Parameterisation of Bernoulli and Poisson outputs: the mean itself or its canonical (natural) parameter. */
export type OutputParameterisation = 'mean' | 'natural';

/**
 * Independent Bernoulli outputs, θ = probabilities p ∈ (0, 1) (`'mean'`, I = 1/(p(1−p))) or logits
 * (`'natural'`, I = p(1−p) with p = sigmoid θ).
 */
export function bernoulliOutput(parameterisation: OutputParameterisation = 'mean'): OutputFamily {
  if (parameterisation === 'natural')
    return diagonalOutput(
      'bernoulli',
      (t) => {
        const p = 1 / (1 + Math.exp(-t));
        return p * (1 - p);
      },
      (t) => {
        const p = 1 / (1 + Math.exp(-t));
        return p * (1 - p) * (1 - 2 * p);
      },
    );
  return diagonalOutput(
    'bernoulli',
    (p) => (p > 0 && p < 1 ? 1 / (p * (1 - p)) : Number.NaN),
    (p) => {
      const q = p * (1 - p);
      return p > 0 && p < 1 ? -(1 - 2 * p) / (q * q) : Number.NaN;
    },
  );
}

/**
 * Independent Poisson outputs, θ = rates λ > 0 (`'mean'`, I = 1/λ) or log-rates (`'natural'`, I = e^θ).
 */
export function poissonOutput(parameterisation: OutputParameterisation = 'mean'): OutputFamily {
  if (parameterisation === 'natural') return diagonalOutput('poisson', Math.exp, Math.exp);
  return diagonalOutput(
    'poisson',
    (l) => (l > 0 ? 1 / l : Number.NaN),
    (l) => (l > 0 ? -1 / (l * l) : Number.NaN),
  );
}
