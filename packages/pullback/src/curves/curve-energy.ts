import { DimensionMismatchError } from '@infogeom/linalg';
import type { EnergyDensity, LatentMetric } from '../decoders/decoder.js';
import { completeMetric } from '../metrics/complete-metric.js';
import { type CurveBasis, curveBasis } from './curve-basis.js';

/** Energy, length and energy gradient of a curve. */
export interface CurveEnergy {
  /** E = ½ ∫₀¹ ċᵀ G(c) ċ dt (quadrature). */
  energy: number;
  /** L = ∫₀¹ √(ċᵀ G(c) ċ) dt (quadrature). */
  length: number;
  /** ∂E/∂yᵢ for every node, (N+1)×d (ends included; solvers keep them fixed). */
  gradient: Float64Array;
}

/** Positions and velocities at quadrature points. */
export interface CurvePoints {
  /** Positions, Q×d. */
  Z: Float64Array;
  /** Velocities, Q×d. */
  V: Float64Array;
}

/** Positions and velocities of a curve at the quadrature points: Z = B Y, V = B′ Y (both Q×d). */
export function curveAtQuadrature(basis: CurveBasis, Y: Float64Array, d: number): CurvePoints {
  const n = basis.intervals + 1;
  if (Y.length !== n * d) throw new DimensionMismatchError('nodes.length', Y.length, `${n}×${d}`);
  const Q = basis.t.length;
  const Z = new Float64Array(Q * d);
  const V = new Float64Array(Q * d);
  for (let q = 0; q < Q; q++)
    for (let i = 0; i < n; i++) {
      const b = basis.B[q * n + i]!;
      const db = basis.dB[q * n + i]!;
      if (b === 0 && db === 0) continue;
      for (let k = 0; k < d; k++) {
        Z[q * d + k]! += b * Y[i * d + k]!;
        V[q * d + k]! += db * Y[i * d + k]!;
      }
    }
  return { Z, V };
}

/** Energy, length and gradient from an energy density evaluated at the quadrature points. */
export function energyFromDensity(basis: CurveBasis, dens: EnergyDensity, d: number): CurveEnergy {
  const n = basis.intervals + 1;
  const Q = basis.t.length;
  let energy = 0;
  let length = 0;
  const gradient = new Float64Array(n * d);
  for (let q = 0; q < Q; q++) {
    const w = basis.w[q]!;
    const qq = dens.quad[q]!;
    energy += 0.5 * w * qq;
    length += w * Math.sqrt(Math.max(qq, 0));
    for (let i = 0; i < n; i++) {
      const b = basis.B[q * n + i]!;
      const db = basis.dB[q * n + i]!;
      if (b === 0 && db === 0) continue;
      for (let k = 0; k < d; k++)
        gradient[i * d + k]! +=
          w * (db * dens.metricTimesVelocity[q * d + k]! + 0.5 * b * dens.positionGradient[q * d + k]!);
    }
  }
  return { energy, length, gradient };
}

/** Energy, length and exact energy gradient (including ∂G/∂z) of the curve with nodes `Y` ((N+1)×d). */
export function curveEnergy(metric: LatentMetric, basis: CurveBasis, Y: Float64Array): CurveEnergy {
  const m = completeMetric(metric);
  const d = m.dimension;
  const { Z, V } = curveAtQuadrature(basis, Y, d);
  return energyFromDensity(basis, m.energyDensity(Z, V, basis.t.length), d);
}

/** Options of {@link curveLength}. */
export interface CurveLengthOptions {
  /** Interpolation between the nodes (default `'spline'`). */
  kind?: 'spline' | 'polyline';
  /** Gauss–Legendre points per interval (default 4 for splines, 1 for polylines). */
  points?: number;
}

/** Riemannian length of the curve through `nodes` ((N+1)×d, N ≥ 1) under `metric`. */
export function curveLength(
  metric: LatentMetric,
  nodes: ArrayLike<number>,
  options: CurveLengthOptions = {},
): number {
  const d = metric.dimension;
  const n = nodes.length / d;
  const basis = curveBasis(options.kind ?? 'spline', n - 1, options.points);
  return curveEnergy(metric, basis, Float64Array.from(nodes)).length;
}
