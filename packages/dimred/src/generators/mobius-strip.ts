import type { GeneratedData, GeneratorOptions } from './generated-data.js';
import { addNoise, fillRows, resolveGeneratorOptions } from './generator-utils.js';

/** Options of {@link mobiusStrip}. */
export interface MobiusStripOptions extends GeneratorOptions {
  /** Radius of the centre circle (default 1). */
  readonly radius?: number;
  /** Half-width of the strip (default 0.4). */
  readonly halfWidth?: number;
}

/**
 * Points on a Möbius strip in R³: u uniform on [0, 2π), v uniform on [−w, w], point
 * ((R + v cos(u/2)) cos u, (R + v cos(u/2)) sin u, v sin(u/2)). Coordinates are (u, v); intrinsic
 * dimension 2 (non-orientable: no embedding in R² preserves its neighbourhoods globally).
 * @param options - n, noise, seed, radius, half-width
 */
export function mobiusStrip(options: MobiusStripOptions): GeneratedData {
  const { n, noise, rng } = resolveGeneratorOptions(options);
  const R = options.radius ?? 1;
  const w = options.halfWidth ?? 0.4;
  const coordinates = fillRows(n, 2, (_, c) => {
    c[0] = 2 * Math.PI * rng.uniform();
    c[1] = w * (2 * rng.uniform() - 1);
  });
  const points = fillRows(n, 3, (i, p) => {
    const u = coordinates.data[2 * i]!;
    const v = coordinates.data[2 * i + 1]!;
    p[0] = (R + v * Math.cos(u / 2)) * Math.cos(u);
    p[1] = (R + v * Math.cos(u / 2)) * Math.sin(u);
    p[2] = v * Math.sin(u / 2);
  });
  return { points: addNoise(points, noise, rng), coordinates, intrinsicDimension: 2 };
}
