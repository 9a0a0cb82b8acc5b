import type { GeneratedData, GeneratorOptions } from './generated-data.js';
import { addNoise, fillRows, resolveGeneratorOptions } from './generator-utils.js';

/**
 * Two interleaving half circles in R², scikit-learn's `make_moons` geometry: the outer moon
 * (cos s, sin s) and the inner moon (1 − cos s, ½ − sin s), s ∈ [0, π]. The first ⌈n/2⌉ points are
 * the outer moon (label 0), the rest the inner (label 1); s is drawn uniformly. Coordinates are (s);
 * intrinsic dimension 1.
 * @param options - n, noise, seed
 */
export function twoMoons(options: GeneratorOptions): GeneratedData {
  const { n, noise, rng } = resolveGeneratorOptions(options);
  const nOuter = Math.ceil(n / 2);
  const labels = new Int32Array(n);
  const coordinates = fillRows(n, 1, (i, c) => {
    c[0] = Math.PI * rng.uniform();
    labels[i] = i < nOuter ? 0 : 1;
  });
  const points = fillRows(n, 2, (i, p) => {
    const s = coordinates.data[i]!;
    if (labels[i] === 0) {
      p[0] = Math.cos(s);
      p[1] = Math.sin(s);
    } else {
      p[0] = 1 - Math.cos(s);
      p[1] = 0.5 - Math.sin(s);
    }
  });
  return { points: addNoise(points, noise, rng), coordinates, labels, intrinsicDimension: 1 };
}
