import type { Params } from '@infogeom/distributions';
import { fastTetragamma, fastTrigamma } from './fast-polygamma.js';

/** ∂G_ij/∂θ_k at θ flattened as `k·n² + i·n + j` (the layout of {@link FisherRaoManifold.metricDerivative}). */
export type MetricDerivativeFunction = (theta: Float64Array) => Float64Array;

/**
 * Writes the metric G(θ) (row-major, n²) and its derivative ∂G_ij/∂θ_k (`k·n² + i·n + j`, n³) into `G` and
 * `dG` from raw coordinates, without allocating; θ must lie inside the domain.
 */
export type MetricJetFunction = (theta: Float64Array, G: Float64Array, dG: Float64Array) => void;

const EULER_GAMMA = 0.5772156649015329;
const WEIBULL_C = 1 - EULER_GAMMA;
const WEIBULL_D = (1 - EULER_GAMMA) ** 2 + (Math.PI * Math.PI) / 6;

/**
 * Built-in closed-form metric and metric derivative on raw coordinates (full coordinates, no frozen
 * parameters), or undefined: gamma (α, β): G = [[ψ₁(α), −1/β], [−1/β, α/β²]]; beta (α, β):
 * G = [[ψ₁(α) − ψ₁(α+β), −ψ₁(α+β)], [·, ψ₁(β) − ψ₁(α+β)]]; Weibull (λ, k):
 * G = [[k²/λ², −(1−γ)/λ], [·, ((1−γ)² + π²/6)/k²]]; Dirichlet (α₁…α_m): G = diag ψ₁(αᵢ) − ψ₁(α₀) 𝟙𝟙ᵀ.
 */
export function closedFormMetricJet(name: string, base: Params): MetricJetFunction | undefined {
  switch (name) {
    case 'gamma':
      return (t, G, dG) => {
        const a = t[0]!;
        const ib = 1 / t[1]!;
        const ib2 = ib * ib;
        G[0] = fastTrigamma(a);
        G[1] = G[2] = -ib;
        G[3] = a * ib2;
        dG[0] = fastTetragamma(a);
        dG[1] = dG[2] = 0;
        dG[3] = ib2;
        dG[4] = 0;
        dG[5] = dG[6] = ib2;
        dG[7] = -2 * a * ib2 * ib;
      };
    case 'beta':
      return (t, G, dG) => {
        const a = t[0]!;
        const b = t[1]!;
        const s1 = fastTrigamma(a + b);
        const s2 = fastTetragamma(a + b);
        G[0] = fastTrigamma(a) - s1;
        G[1] = G[2] = -s1;
        G[3] = fastTrigamma(b) - s1;
        dG[0] = fastTetragamma(a) - s2;
        dG[1] = dG[2] = dG[3] = dG[4] = dG[5] = dG[6] = -s2;
        dG[7] = fastTetragamma(b) - s2;
      };
    case 'weibull':
      return (t, G, dG) => {
        const l = t[0]!;
        const k = t[1]!;
        const l2 = l * l;
        G[0] = (k * k) / l2;
        G[1] = G[2] = -WEIBULL_C / l;
        G[3] = WEIBULL_D / (k * k);
        dG[0] = (-2 * k * k) / (l2 * l);
        dG[1] = dG[2] = WEIBULL_C / l2;
        dG[3] = 0;
        dG[4] = (2 * k) / l2;
        dG[5] = dG[6] = 0;
        dG[7] = (-2 * WEIBULL_D) / (k * k * k);
      };
    case 'dirichlet': {
      const alpha = base['alpha'];
      if (!(alpha instanceof Float64Array)) return undefined;
      const m = alpha.length;
      return (t, G, dG) => {
        let a0 = 0;
        for (let i = 0; i < m; i++) a0 += t[i]!;
        const s1 = fastTrigamma(a0);
        const s2 = fastTetragamma(a0);
        G.fill(-s1, 0, m * m);
        dG.fill(-s2, 0, m * m * m);
        for (let i = 0; i < m; i++) {
          G[i * m + i]! += fastTrigamma(t[i]!);
          dG[i * m * m + i * m + i]! += fastTetragamma(t[i]!);
        }
      };
    }
    default:
      return undefined;
  }
}

/**
 * Built-in closed-form metric derivatives (full coordinates, no frozen parameters), or undefined: gamma,
 * beta, Weibull and Dirichlet (see {@link closedFormMetricJet} for their metrics).
 */
export function closedFormMetricDerivative(name: string, base: Params): MetricDerivativeFunction | undefined {
  const jet = closedFormMetricJet(name, base);
  if (jet === undefined) return undefined;
  return (theta) => {
    const n = theta.length;
    const dG = new Float64Array(n * n * n);
    jet(theta, new Float64Array(n * n), dG);
    return dG;
  };
}
