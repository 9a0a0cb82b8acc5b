import type { OutputFamily } from '../decoders/decoder.js';

/**
 * An output family with a diagonal Fisher information I(θ) = diag(φ(θᵢ)) whose entries depend on their own
 * coordinate only (independent outputs). `phi` returns NaN (or a non-positive value) outside the domain.
 */
export function diagonalOutput(
  name: string,
  phi: (t: number) => number,
  dphi: (t: number) => number,
): OutputFamily {
  const constantFisher = false;
  return {
    name,
    constantFisher,
    fisherApply(theta, a, out) {
      for (let i = 0; i < theta.length; i++) {
        const f = phi(theta[i]!);
        if (!(f > 0) || !Number.isFinite(f)) return false;
        out[i] = f * a[i]!;
      }
      return true;
    },
    fisherQuadGradient(theta, a, out) {
      for (let i = 0; i < theta.length; i++) {
        const g = dphi(theta[i]!);
        if (!Number.isFinite(g)) return false;
        out[i] = g * a[i]! * a[i]!;
      }
      return true;
    },
    fisherDirectional(theta, a, out) {
      // For a diagonal metric with φ depending on its own coordinate, dI[a]a = ∇(aᵀIa) entry-wise.
      return this.fisherQuadGradient(theta, a, out);
    },
  };
}
