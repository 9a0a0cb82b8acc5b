import type { Params } from '@infogeom/distributions';
import { type DenseMatrix, spdSolve } from '@infogeom/linalg';
import type { ChristoffelFunction, FisherRaoManifold } from './fisher-rao-manifold.js';

/**
 * Christoffel symbols of the second kind Γᵏᵢⱼ = ½ gᵏˡ (∂ᵢ g_lj + ∂ⱼ g_li − ∂ₗ g_ij) from the metric G and its
 * derivative `dG` (`dG[k·n² + i·n + j]` = ∂G_ij/∂θ_k); flattened as `k·n² + i·n + j`.
 */
export function christoffelFromMetric(G: DenseMatrix, dG: Float64Array): Float64Array {
  const n = G.rows;
  const n2 = n * n;
  const out = new Float64Array(n2 * n);
  const rhs = new Float64Array(n);
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) {
      for (let l = 0; l < n; l++)
        rhs[l] = 0.5 * (dG[i * n2 + l * n + j]! + dG[j * n2 + l * n + i]! - dG[l * n2 + i * n + j]!);
      const g = spdSolve(G, rhs);
      for (let k = 0; k < n; k++) out[k * n2 + i * n + j] = out[k * n2 + j * n + i] = g[k]!;
    }
  return out;
}

/** Γ at θ from the metric and its numerical derivative. */
export function numericChristoffel(manifold: FisherRaoManifold, theta: Float64Array): Float64Array {
  return christoffelFromMetric(manifold.metric(theta), manifold.metricDerivative(theta));
}

/**
 * Christoffel symbols of a scaled half-plane metric (α dμ² + β dσ²)/σ² in coordinates (μ, σ):
 * Γ^μ_μσ = −1/σ, Γ^σ_μμ = α/(βσ), Γ^σ_σσ = −1/σ (all others 0).
 */
export function halfPlaneChristoffel(alpha: number, beta: number): ChristoffelFunction {
  return (theta) => {
    const s = theta[1]!;
    // Index k·4 + i·2 + j with coordinates 0 = μ, 1 = σ.
    return Float64Array.of(0, -1 / s, -1 / s, 0, alpha / (beta * s), 0, 0, -1 / s);
  };
}

/** The (α, β) of families whose Fisher metric in (location, scale) is (α dμ² + β dσ²)/σ². */
export function halfPlaneCoefficients(name: string, base: Params): [number, number] | undefined {
  if (name === 'normal' || name === 'logNormal') return [1, 2];
  if (name === 'laplace') return [1, 1];
  if (name === 'studentT') {
    const nu = base['nu'] as number;
    return [(nu + 1) / (nu + 3), (2 * nu) / (nu + 3)];
  }
  return undefined;
}

/** Built-in closed-form Christoffel symbols for a family's full coordinates, or undefined. */
export function closedFormChristoffel(name: string, base: Params): ChristoffelFunction | undefined {
  const ab = halfPlaneCoefficients(name, base);
  if (ab !== undefined) return halfPlaneChristoffel(ab[0], ab[1]);
  // One-dimensional metrics c·θ^m: Γ = ½ g'/g = m/(2θ).
  if (name === 'poisson') return (t) => Float64Array.of(-0.5 / t[0]!);
  if (name === 'exponential') return (t) => Float64Array.of(-1 / t[0]!);
  return undefined;
}

/**
 * In-place {@link christoffelFromMetric} on raw arrays: Γ from G (row-major n², overwritten by its Cholesky
 * factor) and `dG` into `out` (n³), with `rhs` (n) as workspace. Returns false when G is not positive
 * definite (or not finite).
 */
export function christoffelFromMetricInto(
  n: number,
  G: Float64Array,
  dG: Float64Array,
  out: Float64Array,
  rhs: Float64Array,
): boolean {
  const n2 = n * n;
  // Cholesky G = L Lᵀ, L in the lower triangle of G.
  for (let j = 0; j < n; j++) {
    let d = G[j * n + j]!;
    for (let k = 0; k < j; k++) d -= G[j * n + k]! * G[j * n + k]!;
    if (!(d > 0) || !Number.isFinite(d)) return false;
    const l = Math.sqrt(d);
    G[j * n + j] = l;
    for (let i = j + 1; i < n; i++) {
      let s = G[i * n + j]!;
      for (let k = 0; k < j; k++) s -= G[i * n + k]! * G[j * n + k]!;
      G[i * n + j] = s / l;
    }
  }
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) {
      for (let l = 0; l < n; l++) {
        let s = 0.5 * (dG[i * n2 + l * n + j]! + dG[j * n2 + l * n + i]! - dG[l * n2 + i * n + j]!);
        for (let k = 0; k < l; k++) s -= G[l * n + k]! * rhs[k]!;
        rhs[l] = s / G[l * n + l]!;
      }
      for (let l = n - 1; l >= 0; l--) {
        let s = rhs[l]!;
        for (let k = l + 1; k < n; k++) s -= G[k * n + l]! * rhs[k]!;
        rhs[l] = s / G[l * n + l]!;
      }
      for (let k = 0; k < n; k++) out[k * n2 + i * n + j] = out[k * n2 + j * n + i] = rhs[k]!;
    }
  return true;
}
