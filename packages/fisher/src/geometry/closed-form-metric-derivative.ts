import type { Params } from '@infogeom/distributions';
import { polygamma } from '@infogeom/linalg';

/** ∂G_ij/∂θ_k at θ flattened as `k·n² + i·n + j` (the layout of {@link FisherRaoManifold.metricDerivative}). */
export type MetricDerivativeFunction = (theta: Float64Array) => Float64Array;

const EULER_GAMMA = 0.5772156649015329;
const WEIBULL_C = 1 - EULER_GAMMA;
const WEIBULL_D = (1 - EULER_GAMMA) ** 2 + (Math.PI * Math.PI) / 6;

/**
 * Built-in closed-form metric derivatives (full coordinates, no frozen parameters), or undefined:
 * gamma (α, β): G = [[ψ₁(α), −1/β], [−1/β, α/β²]]; beta (α, β): G = [[ψ₁(α) − ψ₁(α+β), −ψ₁(α+β)], [·, ψ₁(β) − ψ₁(α+β)]];
 * Weibull (λ, k): G = [[k²/λ², −(1−γ)/λ], [·, ((1−γ)² + π²/6)/k²]].
 */
export function closedFormMetricDerivative(
  name: string,
  _base: Params,
): MetricDerivativeFunction | undefined {
  switch (name) {
    case 'gamma':
      return ([a, b]) => {
        const ib2 = 1 / (b! * b!);
        return Float64Array.of(polygamma(2, a!), 0, 0, ib2, 0, ib2, ib2, (-2 * a!) / (b! * b! * b!));
      };
    case 'beta':
      return ([a, b]) => {
        const t = polygamma(2, a! + b!);
        return Float64Array.of(polygamma(2, a!) - t, -t, -t, -t, -t, -t, -t, polygamma(2, b!) - t);
      };
    case 'weibull':
      return ([l, k]) => {
        const l2 = l! * l!;
        return Float64Array.of(
          (-2 * k! * k!) / (l2 * l!),
          WEIBULL_C / l2,
          WEIBULL_C / l2,
          0,
          (2 * k!) / l2,
          0,
          0,
          (-2 * WEIBULL_D) / (k! * k! * k!),
        );
      };
    default:
      return undefined;
  }
}
