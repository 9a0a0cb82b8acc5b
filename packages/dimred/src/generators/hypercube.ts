import { InvalidArgumentError, qr } from '@infogeom/linalg';
import type { GeneratedData, GeneratorOptions } from './generated-data.js';
import { addNoise, fillRows, resolveGeneratorOptions } from './generator-utils.js';

/** Options of {@link hypercube}. */
export interface HypercubeOptions extends GeneratorOptions {
  /** Intrinsic dimension d (default 2). */
  readonly dimension?: number;
  /** Ambient dimension D ≥ d (default d). */
  readonly ambientDimension?: number;
  /** Embed by a random orthonormal map R^d → R^D instead of zero padding (default false). */
  readonly rotate?: boolean;
}

/**
 * Points uniform in the unit hypercube [0, 1]^d, placed in R^D by zero padding or (with `rotate`)
 * a random isometry. Coordinates are the d cube coordinates; intrinsic dimension d.
 * @param options - n, noise, seed, dimension, ambient dimension, rotation
 */
export function hypercube(options: HypercubeOptions): GeneratedData {
  const { n, noise, rng } = resolveGeneratorOptions(options);
  const d = options.dimension ?? 2;
  const D = options.ambientDimension ?? d;
  if (!Number.isInteger(d) || d < 1) throw new InvalidArgumentError('dimension', d, 'an integer ≥ 1');
  if (!Number.isInteger(D) || D < d)
    throw new InvalidArgumentError('ambientDimension', D, `an integer ≥ dimension = ${d}`);
  const coordinates = fillRows(n, d, (_, c) => {
    for (let j = 0; j < d; j++) c[j] = rng.uniform();
  });
  let Q: Float64Array | undefined;
  if (options.rotate === true) {
    const G = fillRows(D, d, (_, row) => {
      for (let j = 0; j < d; j++) row[j] = rng.normal();
    });
    Q = qr(G).Q.data; // D × d with orthonormal columns (economy QR)
  }
  const points = fillRows(n, D, (i, p) => {
    const c = coordinates.data.subarray(i * d, (i + 1) * d);
    if (Q === undefined) p.set(c);
    else
      for (let a = 0; a < D; a++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += Q[a * d + j]! * c[j]!;
        p[a] = s;
      }
  });
  return { points: addNoise(points, noise, rng), coordinates, intrinsicDimension: d };
}
