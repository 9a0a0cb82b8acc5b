import { InvalidArgumentError, jacobian } from '@infogeom/linalg';
import type { FisherRaoManifold } from './fisher-rao-manifold.js';

/**
 * ∂G_ij/∂θ_k at θ, flattened as `k·n² + i·n + j`, by Ridders-extrapolated central differences of the
 * flattened metric (linalg's `jacobian`), with steps scaled per coordinate by the distance to the
 * boundary ({@link FisherRaoManifold.scales}); points off the domain count as non-finite so the steps shrink.
 */
export function numericMetricDerivative(manifold: FisherRaoManifold, theta: Float64Array): Float64Array {
  const n = manifold.dimension;
  const scale = manifold.scales(theta);
  const x = new Float64Array(n);
  const f = (s: Float64Array): Float64Array => {
    for (let k = 0; k < n; k++) x[k] = theta[k]! + scale[k]! * s[k]!;
    try {
      return manifold.metric(x).data;
    } catch (e) {
      if (e instanceof InvalidArgumentError) return new Float64Array(n * n).fill(Number.NaN);
      throw e;
    }
  };
  const J = jacobian(f, new Float64Array(n), { step: 0.1, maxSteps: 8, name: 'metric' });
  const out = new Float64Array(n * n * n);
  for (let k = 0; k < n; k++)
    for (let ij = 0; ij < n * n; ij++) out[k * n * n + ij] = J.data[ij * n + k]! / scale[k]!;
  return out;
}
