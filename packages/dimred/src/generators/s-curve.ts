import type { GeneratedData, GeneratorOptions } from './generated-data.js';
import { addNoise, fillRows, resolveGeneratorOptions } from './generator-utils.js';

/**
 * The S-curve, scikit-learn's `make_s_curve` definition: t = 3π(u − ½), height h = 2v, point
 * (sin t, h, sign(t)(cos t − 1)). Coordinates are (t, h); intrinsic dimension 2.
 * @param options - n, noise, seed
 */
export function sCurve(options: GeneratorOptions): GeneratedData {
  const { n, noise, rng } = resolveGeneratorOptions(options);
  const coordinates = fillRows(n, 2, (_, c) => {
    c[0] = 3 * Math.PI * (rng.uniform() - 0.5);
    c[1] = 2 * rng.uniform();
  });
  const points = fillRows(n, 3, (i, p) => {
    const t = coordinates.data[2 * i]!;
    p[0] = Math.sin(t);
    p[1] = coordinates.data[2 * i + 1]!;
    p[2] = Math.sign(t) * (Math.cos(t) - 1);
  });
  return { points: addNoise(points, noise, rng), coordinates, intrinsicDimension: 2 };
}
