import type { GeneratedData, GeneratorOptions } from './generated-data.js';
import { addNoise, fillRows, resolveGeneratorOptions } from './generator-utils.js';

/** Options of {@link swissRoll}. */
export interface SwissRollOptions extends GeneratorOptions {
  /** Height of the roll (default 21, as scikit-learn). */
  readonly height?: number;
  /** Make a hole in the middle of the sheet (scikit-learn's `hole=True`; default false). */
  readonly hole?: boolean;
}

/**
 * The swiss roll, scikit-learn's `make_swiss_roll` definition: t = 1.5π(1 + 2u), height h = 21v,
 * point (t cos t, h, t sin t). Coordinates are (t, h); intrinsic dimension 2.
 * @param options - n, noise, seed, height, hole
 */
export function swissRoll(options: SwissRollOptions): GeneratedData {
  const { n, noise, rng } = resolveGeneratorOptions(options);
  const height = options.height ?? 21;
  const hole = options.hole === true;
  const coordinates = fillRows(n, 2, (_, c) => {
    for (;;) {
      const u = rng.uniform();
      const v = rng.uniform();
      // the hole: drop the middle third in t and in height (rejection keeps the sample uniform elsewhere)
      if (hole && u > 1 / 3 && u < 2 / 3 && v > 1 / 3 && v < 2 / 3) continue;
      c[0] = 1.5 * Math.PI * (1 + 2 * u);
      c[1] = height * v;
      return;
    }
  });
  const points = fillRows(n, 3, (i, p) => {
    const t = coordinates.data[2 * i]!;
    p[0] = t * Math.cos(t);
    p[1] = coordinates.data[2 * i + 1]!;
    p[2] = t * Math.sin(t);
  });
  return { points: addNoise(points, noise, rng), coordinates, intrinsicDimension: 2 };
}
