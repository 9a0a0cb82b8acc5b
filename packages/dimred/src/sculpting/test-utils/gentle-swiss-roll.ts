import { createRng, DenseMatrix } from '@infogeom/linalg';

/** Arc length of the spiral r = t from 0 to t: ½(t√(1 + t²) + asinh t). */
export const spiralArcLength = (t: number): number => 0.5 * (t * Math.sqrt(1 + t * t) + Math.asinh(t));

/**
 * The swiss-roll section of Gashler et al.'s experiment: t = √(8i/n) + 2 (i = 0…n−1, so the sheet is sampled
 * evenly along its arc), width w uniform in [−6, 6], point (t sin t, w, t cos t). The truth is (arc length, w).
 */
export function gentleSwissRoll(n: number, seed: number): { points: DenseMatrix; truth: DenseMatrix } {
  const rng = createRng(seed);
  const points = new DenseMatrix(n, 3);
  const truth = new DenseMatrix(n, 2);
  for (let i = 0; i < n; i++) {
    const t = Math.sqrt((8 * i) / n) + 2;
    const w = -6 + 12 * rng.uniform();
    points.data[3 * i] = t * Math.sin(t);
    points.data[3 * i + 1] = w;
    points.data[3 * i + 2] = t * Math.cos(t);
    truth.data[2 * i] = spiralArcLength(t);
    truth.data[2 * i + 1] = w;
  }
  return { points, truth };
}
