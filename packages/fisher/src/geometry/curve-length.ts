import { derivative, InvalidArgumentError } from '@infogeom/linalg';
import type { FisherRaoManifold } from './fisher-rao-manifold.js';

/** Options of {@link curveLength} for a parametrised curve. */
export interface CurveLengthOptions {
  /** Start of the parameter interval (default 0). */
  start?: number;
  /** End of the parameter interval (default 1). */
  end?: number;
  /** Number of Gauss–Legendre panels (default 32, 5 nodes each). */
  panels?: number;
  /** The velocity γ̇(t) (default: Ridders differences of γ). */
  velocity?: (t: number) => ArrayLike<number>;
}

const GL_X = [0, -0.5384693101056831, 0.5384693101056831, -0.906179845938664, 0.906179845938664];
const GL_W = [
  0.5688888888888889, 0.47862867049936647, 0.47862867049936647, 0.2369268850561891, 0.2369268850561891,
];

/**
 * Fisher–Rao length of a curve. A discrete curve (an array of points θ) has length Σ ‖θ_{s+1} − θ_s‖ measured
 * in the metric at the segment midpoint (second-order accurate); a parametrised curve γ(t) is integrated,
 * ∫ ‖γ̇(t)‖_{G(γ(t))} dt, by composite 5-point Gauss–Legendre quadrature.
 * @throws InvalidArgumentError when a point has the wrong length or lies outside the domain
 */
export function curveLength(
  manifold: FisherRaoManifold,
  curve: readonly ArrayLike<number>[] | ((t: number) => ArrayLike<number>),
  options: CurveLengthOptions = {},
): number {
  const n = manifold.dimension;
  if (typeof curve !== 'function') {
    let total = 0;
    for (let s = 0; s + 1 < curve.length; s++) {
      const a = curve[s]!;
      const b = curve[s + 1]!;
      if (a.length !== n || b.length !== n)
        throw new InvalidArgumentError(`points[${s}]`, a, `a point of length ${n}`);
      const m = Float64Array.from({ length: n }, (_v, i) => 0.5 * (a[i]! + b[i]!));
      const d = Float64Array.from({ length: n }, (_v, i) => b[i]! - a[i]!);
      total += manifold.norm(m, d);
    }
    return total;
  }
  const { start = 0, end = 1, panels = 32 } = options;
  const velocity =
    options.velocity ??
    ((t: number) =>
      Float64Array.from({ length: n }, (_v, i) =>
        derivative((u) => curve(u)[i]!, t, {
          step: (0.25 * Math.max(Math.abs(end - start), 1e-300)) / panels,
        }),
      ));
  const h = (end - start) / panels;
  let total = 0;
  for (let k = 0; k < panels; k++) {
    const c = start + (k + 0.5) * h;
    for (let g = 0; g < 5; g++) {
      const t = c + 0.5 * h * GL_X[g]!;
      total += 0.5 * h * GL_W[g]! * manifold.norm(curve(t), velocity(t));
    }
  }
  return Math.abs(total);
}
