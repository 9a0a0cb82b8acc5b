import {
  constantSpeed,
  curveLength,
  type GeodesicResult,
  geodesic,
  type LatentMetric,
  magnificationGrid,
} from '@infogeom/pullback';
import type { LatentModel } from './latent-geodesics-model.js';

// Figure 4's computations, pure and deterministic (the browser test runs them in Node and compares): the
// magnification factor on a grid, the geodesic between two codes, the straight line and the decoded frames.

/** The latent box shown (it holds 99.5 % of the training codes on each axis). */
export const LATENT_BOX = { x: [-4.6, 3.4], y: [-4.4, 5.6] } as const;

/** Heat-map grid: TILES×TILES tiles of TILE×TILE points, evaluated tile by tile (progress between tiles). */
export const TILE = 8;
/** Tiles per axis. */
export const TILES = 8;
/** Points per axis of the heat map. */
export const HEAT_RESOLUTION = TILE * TILES;

/** Geodesic solver settings: a cubic spline through 16 nodes, energy minimisation only (no shooting polish). */
export const GEODESIC_OPTIONS = { nodes: 16, refine: false, tol: 1e-6, maxIterations: 300 } as const;

/** Nodes of the straight spline whose length is shown (its quadrature error is < 1e-7 relative here). */
export const STRAIGHT_NODES = 64;

/** Decoded frames per row. */
export const FRAMES = 10;

/** The metric of one setting of the variance toggle. */
export function figureMetric(model: LatentModel, variance: boolean): LatentMetric {
  if (!variance) return model.mean;
  if (model.withVariance === undefined) throw new Error('the variance network is not loaded');
  return model.withVariance;
}

/**
 * log₁₀ √det G(z) on the HEAT_RESOLUTION² grid over {@link LATENT_BOX} (row-major, y outer, y increasing),
 * computed with pullback's `magnificationGrid` on TILES² sub-grids of the same spacing.
 */
export function magnificationHeatmap(
  metric: LatentMetric,
  onProgress?: (fraction: number) => void,
): Float64Array {
  const r = HEAT_RESOLUTION;
  const hx = (LATENT_BOX.x[1] - LATENT_BOX.x[0]) / (r - 1);
  const hy = (LATENT_BOX.y[1] - LATENT_BOX.y[0]) / (r - 1);
  const out = new Float64Array(r * r);
  for (let ty = 0; ty < TILES; ty++)
    for (let tx = 0; tx < TILES; tx++) {
      const x0 = LATENT_BOX.x[0] + tx * TILE * hx;
      const y0 = LATENT_BOX.y[0] + ty * TILE * hy;
      const tile = magnificationGrid(metric, {
        x: [x0, x0 + (TILE - 1) * hx],
        y: [y0, y0 + (TILE - 1) * hy],
        resolution: TILE,
      });
      for (let i = 0; i < TILE; i++)
        for (let j = 0; j < TILE; j++) {
          const m = tile[i * TILE + j]!;
          out[(ty * TILE + i) * r + tx * TILE + j] = m > 0 ? Math.log10(m) : Number.NaN;
        }
      onProgress?.((ty * TILES + tx + 1) / (TILES * TILES));
    }
  return out;
}

/** Result of {@link latentGeodesic}. */
export interface LatentGeodesic {
  /** The solve: nodes ((N+1)×2), length, convergence, iterations. */
  geodesic: GeodesicResult;
  /** Riemannian length of the straight segment z₀ → z₁. */
  straightLength: number;
  /** Geodesic length / straight-line length (≤ 1 up to discretisation). */
  ratio: number;
  /** FRAMES codes along the straight line, equally spaced in Riemannian arc length, FRAMES×2. */
  straightCodes: Float64Array;
  /** FRAMES codes along the geodesic, equally spaced in Riemannian arc length, FRAMES×2. */
  geodesicCodes: Float64Array;
  /** Decoded means μ(z) of the straight-line codes, FRAMES×784. */
  straightImages: Float64Array;
  /** Decoded means μ(z) of the geodesic codes, FRAMES×784. */
  geodesicImages: Float64Array;
}

/** The straight segment z₀ → z₁ through `nodes` equally spaced nodes, nodes×2. */
export function straightNodes(z0: readonly number[], z1: readonly number[], nodes: number): Float64Array {
  const out = new Float64Array(nodes * 2);
  for (let k = 0; k < nodes; k++) {
    const t = k / (nodes - 1);
    out[2 * k] = z0[0]! + t * (z1[0]! - z0[0]!);
    out[2 * k + 1] = z0[1]! + t * (z1[1]! - z0[1]!);
  }
  return out;
}

/**
 * The geodesic z₀ → z₁ of the chosen metric (pullback's `geodesic` with {@link GEODESIC_OPTIONS}), the
 * length of the straight line under the same metric and the decoded frames along both.
 */
export function latentGeodesic(
  model: LatentModel,
  variance: boolean,
  z0: readonly number[],
  z1: readonly number[],
  onProgress?: (iteration: number, residual: number) => void,
): LatentGeodesic {
  const metric = figureMetric(model, variance);
  const g = geodesic(metric, z0, z1, {
    ...GEODESIC_OPTIONS,
    ...(onProgress !== undefined ? { onProgress: (p) => onProgress(p.iteration, p.residual) } : {}),
  });
  const straightLength = curveLength(metric, straightNodes(z0, z1, STRAIGHT_NODES));
  const straightCodes = constantSpeed(metric, straightNodes(z0, z1, 8), FRAMES);
  const geodesicCodes = constantSpeed(metric, g.points, FRAMES);
  return {
    geodesic: g,
    straightLength,
    ratio: g.length / straightLength,
    straightCodes,
    geodesicCodes,
    straightImages: model.decode(straightCodes, FRAMES),
    geodesicImages: model.decode(geodesicCodes, FRAMES),
  };
}
