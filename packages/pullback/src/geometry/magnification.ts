import { DimensionMismatchError, InvalidArgumentError, throwIfAborted } from '@infogeom/linalg';
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
  /** Points per axis: one number for a square grid or [along x, along y] (default 50). */
  resolution?: number | readonly [number, number];
}

/** Options of {@link magnificationGrid}. */
export interface MagnificationGridOptions {
  /** Cancels between row blocks. */
  signal?: AbortSignal;
  /** Called after each block of rows with the rows done so far and the total. */
  onProgress?: (progress: { rows: number; total: number }) => void;
  /** Grid points per metric call (default 1024; whole rows, at least one). */
  blockSize?: number;
}

/**
 * √det G on a regular grid over a 2-D latent box (row-major, y outer: entry i·nx + j is at x_j, y_i);
 * 0 where G is singular. Evaluated a block of rows at a time through the metric's batched `metricBatch`
 * (one decoder call per block for a batched decoder), with progress and cancellation between blocks.
 * @param metric - a 2-D latent metric
 * @param grid - the box and its resolution
 * @param options - progress, cancellation, block size
 * @example
 * ```ts
 * import { magnificationGrid, pullbackMetric, linearDecoder } from '@infogeom/pullback';
 *
 * // θ(z) = (2z₁, z₁ + z₂, z₂): √det AᵀA = √(5·2 − 1) = 3 everywhere.
 * const metric = pullbackMetric(linearDecoder([2, 0, 1, 1, 0, 1], 3, 2));
 * const grid = magnificationGrid(metric, { x: [-1, 1], y: [0, 2], resolution: [4, 3] });
 * console.log(grid.length, Array.from(grid, (v) => v.toFixed(6)).every((v) => v === '3.000000'));
 * ```
 *
 * ```txt [output]
 * 12 true
 * ```
 */
export function magnificationGrid(
  metric: LatentMetric,
  grid: LatentGrid,
  options: MagnificationGridOptions = {},
): Float64Array {
  if (metric.dimension !== 2) throw new InvalidArgumentError('metric.dimension', metric.dimension, '2');
  const res = grid.resolution ?? 50;
  const [nx, ny] = typeof res === 'number' ? [res, res] : res;
  for (const [name, r] of [
    ['grid.resolution (x)', nx],
    ['grid.resolution (y)', ny],
  ] as const)
    if (!Number.isInteger(r) || r < 2) throw new InvalidArgumentError(name, r, 'an integer ≥ 2');
  for (const [name, [lo, hi]] of [
    ['grid.x', grid.x],
    ['grid.y', grid.y],
  ] as const)
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi))
      throw new InvalidArgumentError(name, [lo, hi], 'finite [min, max] with min < max');
  const block = options.blockSize ?? 1024;
  if (!(Number.isInteger(block) && block >= 1))
    throw new InvalidArgumentError('options.blockSize', block, 'an integer ≥ 1');
  const m = completeMetric(metric);
  const rowsPerBlock = Math.max(1, Math.floor(block / nx));
  const out = new Float64Array(nx * ny);
  for (let i0 = 0; i0 < ny; i0 += rowsPerBlock) {
    throwIfAborted(options.signal);
    const rows = Math.min(rowsPerBlock, ny - i0);
    const Z = new Float64Array(rows * nx * 2);
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < nx; j++) {
        Z[(i * nx + j) * 2] = grid.x[0] + ((grid.x[1] - grid.x[0]) * j) / (nx - 1);
        Z[(i * nx + j) * 2 + 1] = grid.y[0] + ((grid.y[1] - grid.y[0]) * (i0 + i)) / (ny - 1);
      }
    const Gs = m.metricBatch(Z, rows * nx);
    for (let p = 0; p < rows * nx; p++) out[i0 * nx + p] = sqrtDet(Gs, p * 4, 2);
    options.onProgress?.({ rows: i0 + rows, total: ny });
  }
  return out;
}
