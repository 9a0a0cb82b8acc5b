import type { GeneratedData, GeneratorOptions } from './generated-data.js';
import { addNoise, fillRows, resolveGeneratorOptions } from './generator-utils.js';

/** Options of {@link sphere}. */
export interface SphereOptions extends GeneratorOptions {
  /** Radius (default 1). */
  readonly radius?: number;
}

/**
 * Points uniform on the 2-sphere of the given radius in R³ (normalised Gaussians). Coordinates are
 * (polar angle θ ∈ [0, π], azimuth φ ∈ (−π, π]); intrinsic dimension 2.
 * @param options - n, noise, seed, radius
 */
export function sphere(options: SphereOptions): GeneratedData {
  const { n, noise, rng } = resolveGeneratorOptions(options);
  const r = options.radius ?? 1;
  const points = fillRows(n, 3, (_, p) => {
    let s = 0;
    while (s < 1e-24) {
      for (let j = 0; j < 3; j++) p[j] = rng.normal();
      s = p[0]! * p[0]! + p[1]! * p[1]! + p[2]! * p[2]!;
    }
    const f = r / Math.sqrt(s);
    for (let j = 0; j < 3; j++) p[j]! *= f;
  });
  const coordinates = fillRows(n, 2, (i, c) => {
    const x = points.data[3 * i]!;
    const y = points.data[3 * i + 1]!;
    const z = points.data[3 * i + 2]!;
    c[0] = Math.acos(Math.max(-1, Math.min(1, z / r)));
    c[1] = Math.atan2(y, x);
  });
  return { points: addNoise(points, noise, rng), coordinates, intrinsicDimension: 2 };
}
