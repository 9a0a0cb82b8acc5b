import { normal } from '@infogeom/distributions';
import { exponentialMap, fisherRaoManifold, geodesicDistance, logarithmMap } from '@infogeom/fisher';

/** A point (μ, σ) of the normal family's parameter half-plane. */
export type Point = readonly [number, number];

/** Everything the Fisher–Rao figure shows, computed by the packages (also run by the browser test in Node). */
export interface NormalGeometry {
  /** Fisher–Rao distance (closed form). */
  readonly fisherRao: number;
  /** Euclidean distance in (μ, σ). */
  readonly euclidean: number;
  /** KL(p ‖ q). */
  readonly klPQ: number;
  /** KL(q ‖ p). */
  readonly klQP: number;
  /** The geodesic from p to q: exp_p(t·log_p(q)) for t ∈ [0, 1]. */
  readonly geodesic: Point[];
  /** Whether the logarithm map converged. */
  readonly converged: boolean;
}

const manifold = fisherRaoManifold(normal, { mu: 0, sigma: 1 });

/** Distances, divergences and the geodesic between p and q. */
export function normalGeometry(p: Point, q: Point, samples = 41): NormalGeometry {
  const P = { mu: p[0], sigma: p[1] };
  const Q = { mu: q[0], sigma: q[1] };
  const log = logarithmMap(manifold, Float64Array.from(p), Float64Array.from(q));
  const geodesic: Point[] = [];
  for (let i = 0; i < samples; i++) {
    const t = i / (samples - 1);
    const v = Float64Array.from(log.velocity, (x) => x * t);
    const e = exponentialMap(manifold, p, v);
    geodesic.push([e.point[0]!, e.point[1]!]);
  }
  return {
    fisherRao: geodesicDistance(normal, P, Q).distance,
    euclidean: Math.hypot(p[0] - q[0], p[1] - q[1]),
    klPQ: normal.kl(P, Q),
    klQP: normal.kl(Q, P),
    geodesic,
    converged: log.converged,
  };
}

/**
 * The unit ball {δ : δᵀI(θ)δ = r²} of the Fisher metric at θ = (μ, σ): I = diag(1/σ², 2/σ²), an ellipse with
 * semi-axes rσ (in μ) and rσ/√2 (in σ).
 */
export function metricEllipse(center: Point, r: number, n = 48): Point[] {
  const I = normal.fisher({ mu: center[0], sigma: center[1] });
  const a = r / Math.sqrt(I.get(0, 0));
  const b = r / Math.sqrt(I.get(1, 1));
  return Array.from({ length: n + 1 }, (_, k) => {
    const t = (2 * Math.PI * k) / n;
    return [center[0] + a * Math.cos(t), center[1] + b * Math.sin(t)] as const;
  });
}
