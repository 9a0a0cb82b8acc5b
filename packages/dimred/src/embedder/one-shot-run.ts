import { type DenseMatrix, InvalidArgumentError } from '@infogeom/linalg';
import type { EmbedderRun, EmbeddingResult } from './embedder.js';

/**
 * An {@link EmbedderRun} for methods that compute their result in one go (spectral methods, PCA, MDS):
 * the first `step()` computes it. Used by built-in embedders and available to plugins.
 * @param compute - computes the result (may report progress itself)
 */
export function oneShotRun(compute: () => EmbeddingResult): EmbedderRun {
  let result: EmbeddingResult | undefined;
  return {
    step(): boolean {
      result ??= compute();
      return false;
    },
    get done(): boolean {
      return result !== undefined;
    },
    get iteration(): number {
      return result === undefined ? 0 : 1;
    },
    totalIterations: 1,
    current(): DenseMatrix {
      result ??= compute();
      return result.embedding;
    },
    result(): EmbeddingResult {
      if (result === undefined)
        throw new InvalidArgumentError('run', 'not done', 'a finished run (call step() first)');
      return result;
    },
  };
}
