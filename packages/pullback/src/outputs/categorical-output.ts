import type { OutputFamily } from '../decoders/decoder.js';
import { diagonalOutput } from './diagonal-output.js';
import type { OutputParameterisation } from './output-families.js';

function softmax(theta: Float64Array): Float64Array {
  let m = -Infinity;
  for (const t of theta) m = Math.max(m, t);
  const p = new Float64Array(theta.length);
  let s = 0;
  for (let i = 0; i < theta.length; i++) s += p[i] = Math.exp(theta[i]! - m);
  for (let i = 0; i < theta.length; i++) p[i]! /= s;
  return p;
}

/**
 * One categorical output over D classes. `'mean'`: θ = the probabilities p (the decoder keeps Σp = 1, so its
 * Jacobian columns sum to 0), I = diag(1/p). `'natural'`: θ = logits (p = softmax θ), I = diag(p) − ppᵀ.
 * Either way the pullback is the Fisher–Rao metric of the simplex, of distance 2·arccos Σ√(pᵢqᵢ).
 */
export function categoricalOutput(parameterisation: OutputParameterisation = 'mean'): OutputFamily {
  if (parameterisation === 'mean')
    return diagonalOutput(
      'categorical',
      (p) => (p > 0 ? 1 / p : Number.NaN),
      (p) => (p > 0 ? -1 / (p * p) : Number.NaN),
    );
  const moments = (theta: Float64Array, a: Float64Array): [Float64Array, number, number] => {
    const p = softmax(theta);
    let m1 = 0;
    let m2 = 0;
    for (let i = 0; i < p.length; i++) {
      m1 += p[i]! * a[i]!;
      m2 += p[i]! * a[i]! * a[i]!;
    }
    return [p, m1, m2];
  };
  return {
    name: 'categorical',
    constantFisher: false,
    fisherApply(theta, a, out) {
      const [p, m1] = moments(theta, a);
      for (let i = 0; i < p.length; i++) out[i] = p[i]! * (a[i]! - m1);
      return true;
    },
    fisherQuadGradient(theta, a, out) {
      // ∇_η (Σ pₖaₖ² − (Σ pₖaₖ)²) with ∂pₖ/∂ηⱼ = pₖ(δₖⱼ − pⱼ).
      const [p, m1, m2] = moments(theta, a);
      for (let i = 0; i < p.length; i++)
        out[i] = p[i]! * (a[i]! * a[i]! - m2) - 2 * m1 * p[i]! * (a[i]! - m1);
      return true;
    },
    fisherDirectional(theta, a, out) {
      // d/dε [p ⊙ a − p (pᵀa)] along a: ṗ = p ⊙ (a − m1).
      const [p, m1, m2] = moments(theta, a);
      for (let i = 0; i < p.length; i++) {
        const c = a[i]! - m1;
        out[i] = p[i]! * c * c - p[i]! * (m2 - m1 * m1);
      }
      return true;
    },
  };
}
