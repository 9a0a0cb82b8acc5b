import {
  assertFiniteNumber,
  assertInteger,
  DenseMatrix,
  InvalidArgumentError,
  type Rng,
} from '@infogeom/linalg';
import { resolveRng } from '../embedder/resolve-rng.js';
import type { GeneratorOptions } from './generated-data.js';

/** Validated common options: n, noise level and the generator. */
export interface ResolvedGeneratorOptions {
  /** Number of points. */
  readonly n: number;
  /** Noise standard deviation. */
  readonly noise: number;
  /** The random source. */
  readonly rng: Rng;
}

/** Validates {@link GeneratorOptions}. */
export function resolveGeneratorOptions(options: GeneratorOptions): ResolvedGeneratorOptions {
  assertInteger('n', options.n, 1);
  const noise = options.noise ?? 0;
  assertFiniteNumber('noise', noise);
  if (noise < 0) throw new InvalidArgumentError('noise', noise, 'a standard deviation ≥ 0');
  return { n: options.n, noise, rng: resolveRng(options.seed) };
}

/** Adds N(0, noise²) to every entry of `points` (drawn after the coordinates, row by row). */
export function addNoise(points: DenseMatrix, noise: number, rng: Rng): DenseMatrix {
  if (noise > 0) for (let i = 0; i < points.data.length; i++) points.data[i]! += noise * rng.normal();
  return points;
}

/** A rows × cols matrix filled row by row from `f(i)`. */
export function fillRows(rows: number, cols: number, f: (i: number, row: Float64Array) => void): DenseMatrix {
  const M = new DenseMatrix(rows, cols);
  for (let i = 0; i < rows; i++) f(i, M.data.subarray(i * cols, (i + 1) * cols));
  return M;
}
