import type { GeneratedData, GeneratorOptions } from './generated-data.js';
import { addNoise, fillRows, resolveGeneratorOptions } from './generator-utils.js';

/** Options of {@link helix}. */
export interface HelixOptions extends GeneratorOptions {
  /** Number of turns (default 3). */
  readonly turns?: number;
  /** Radius (default 1). */
  readonly radius?: number;
  /** Rise per turn (default 1). */
  readonly pitch?: number;
}

/**
 * Points on a circular helix in R³: t uniform on [0, 2π·turns), point (r cos t, r sin t, pitch·t/2π).
 * Coordinates are (t); intrinsic dimension 1.
 * @param options - n, noise, seed, turns, radius, pitch
 */
export function helix(options: HelixOptions): GeneratedData {
  const { n, noise, rng } = resolveGeneratorOptions(options);
  const turns = options.turns ?? 3;
  const r = options.radius ?? 1;
  const pitch = options.pitch ?? 1;
  const coordinates = fillRows(n, 1, (_, c) => {
    c[0] = 2 * Math.PI * turns * rng.uniform();
  });
  const points = fillRows(n, 3, (i, p) => {
    const t = coordinates.data[i]!;
    p[0] = r * Math.cos(t);
    p[1] = r * Math.sin(t);
    p[2] = (pitch * t) / (2 * Math.PI);
  });
  return { points: addNoise(points, noise, rng), coordinates, intrinsicDimension: 1 };
}
