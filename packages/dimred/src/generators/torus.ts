import type { GeneratedData, GeneratorOptions } from './generated-data.js';
import { addNoise, fillRows, resolveGeneratorOptions } from './generator-utils.js';

/** Options of {@link torus}. */
export interface TorusOptions extends GeneratorOptions {
  /** Distance from the centre of the tube to the centre of the torus (default 3). */
  readonly majorRadius?: number;
  /** Radius of the tube (default 1). */
  readonly minorRadius?: number;
}

/**
 * Points on a ring torus in R³ with angles (u, v) uniform on [0, 2π)²: ((R + r cos v) cos u,
 * (R + r cos v) sin u, r sin v). Coordinates are (u, v); intrinsic dimension 2.
 * @param options - n, noise, seed, radii
 */
export function torus(options: TorusOptions): GeneratedData {
  const { n, noise, rng } = resolveGeneratorOptions(options);
  const R = options.majorRadius ?? 3;
  const r = options.minorRadius ?? 1;
  const coordinates = fillRows(n, 2, (_, c) => {
    c[0] = 2 * Math.PI * rng.uniform();
    c[1] = 2 * Math.PI * rng.uniform();
  });
  const points = fillRows(n, 3, (i, p) => {
    const u = coordinates.data[2 * i]!;
    const v = coordinates.data[2 * i + 1]!;
    p[0] = (R + r * Math.cos(v)) * Math.cos(u);
    p[1] = (R + r * Math.cos(v)) * Math.sin(u);
    p[2] = r * Math.sin(v);
  });
  return { points: addNoise(points, noise, rng), coordinates, intrinsicDimension: 2 };
}
