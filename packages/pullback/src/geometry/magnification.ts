import { DimensionMismatchError, InvalidArgumentError } from '@infogeom/linalg';
import type { LatentMetric } from '../decoders/decoder.js';
import { completeMetric } from '../metrics/complete-metric.js';

function sqrtDet(G: Float64Array, off: number, d: number): number {
  // Cholesky-based determinant of a PSD matrix (0 when singular).
  const L = new Float64Array(d * d);
  let logdet = 0;
  for (let j = 0; j < d; j++) {
    let s = G[off + j * d + j]!;
    for (let k = 0; k < j; k++) s -= L[j * d + k]! ** 2;
    if (!(s > 0)) return 0;
    const l = Math.sqrt(s);
    L[j * d + j] = l;
    logdet += Math.log(l);
    for (let i = j + 1; i < d; i++) {
      let t = G[off + i * d + j]!;
      for (let k = 0; k < j; k++) t -= L[i * d + k]! * L[j * d + k]!;
      L[i * d + j] = t / l;
    }
  }
  return Math.exp(logdet);
}

/** The magnification factor √det G(z): the local volume change of the decoder. */
export function magnificationFactor(metric: LatentMetric, z: ArrayLike<number>): number {
  const d = metric.dimension;
  if (z.length !== d) throw new DimensionMismatchError('z.length', z.length, `${d}`);
  return sqrtDet(metric.metric(Float64Array.from(z)), 0, d);
}

/** A regular grid over a 2-D latent box. */
export interface LatentGrid {
  /** [min, max] of the first coordinate. */
  x: readonly [number, number];
  /** [min, max] of the second coordinate. */
  y: readonly [number, number];
  /** Points per axis (default 50). */
  resolution?: number;
}

/** √det G on a resolution×resolution grid (row-major, y outer), for 2-D latent spaces; 0 where singular. */
export function magnificationGrid(metric: LatentMetric, grid: LatentGrid): Float64Array {
  if (metric.dimension !== 2) throw new InvalidArgumentError('metric.dimension', metric.dimension, '2');
  const r = grid.resolution ?? 50;
  if (!Number.isInteger(r) || r < 2) throw new InvalidArgumentError('grid.resolution', r, 'an integer ≥ 2');
  const Z = new Float64Array(r * r * 2);
  for (let i = 0; i < r; i++)
    for (let j = 0; j < r; j++) {
      Z[(i * r + j) * 2] = grid.x[0] + ((grid.x[1] - grid.x[0]) * j) / (r - 1);
      Z[(i * r + j) * 2 + 1] = grid.y[0] + ((grid.y[1] - grid.y[0]) * i) / (r - 1);
    }
  const Gs = completeMetric(metric).metricBatch(Z, r * r);
  const out = new Float64Array(r * r);
  for (let p = 0; p < r * r; p++) out[p] = sqrtDet(Gs, p * 4, 2);
  return out;
}
