import { createRng, type Rng } from '@infogeom/linalg';

/** The generator an embedder uses: a given `Rng` as is, or a fresh one from a seed (default 0). */
export function resolveRng(seed: number | Rng | undefined): Rng {
  if (seed === undefined) return createRng(0);
  return typeof seed === 'number' ? createRng(seed) : seed;
}
