import {
  type EmbedProgress,
  embedderByName,
  listEmbedders,
  mleDimension,
  trustworthiness,
  twoNnDimension,
} from '@infogeom/dimred';
import '@infogeom/dimred/register-all';
import type { DenseMatrix } from '@infogeom/linalg';

/**
 * Registered embedders that are not unsupervised reductions of one data set: they need a second data set
 * (alignment) or labels (manifold regularisation), so the figure lists them without offering them.
 */
export const NOT_APPLICABLE: Readonly<Record<string, string>> = {
  manifoldAlignment: 'needs a second data set',
  lapRls: 'needs class labels (semi-supervised)',
  lapSvm: 'needs class labels (semi-supervised)',
};

/** The embedders the figure offers: every registered one that embeds a single unlabelled data set. */
export function figureEmbedders(): string[] {
  return listEmbedders().filter((name) => !(name in NOT_APPLICABLE));
}

/** How the neighbourhood control maps onto a method's options, and its default. */
export interface NeighbourControl {
  /** The option it sets (`nNeighbors`, or `perplexity` for t-SNE), or null when the method has none. */
  readonly option: 'nNeighbors' | 'perplexity' | null;
  /** The default value shown. */
  readonly initial: number;
}

/** The neighbourhood control of method `name`: k neighbours for graph methods, the perplexity for t-SNE. */
export function neighbourControl(name: string): NeighbourControl {
  if (name === 'tsne') return { option: 'perplexity', initial: 30 };
  const defaults = embedderByName(name).defaults as Record<string, unknown>;
  if (!('nNeighbors' in defaults)) return { option: null, initial: 0 };
  // umap counts the point itself (umap-learn's 15); the spectral methods get 12, the README's swiss-roll setting
  return { option: 'nNeighbors', initial: name === 'umap' ? 15 : 12 };
}

/** One embedding of a data set with its scores. */
export interface ManifoldResult {
  /** The n × 2 embedding, row-major. */
  readonly embedding: Float64Array;
  /** Trustworthiness T(5) of the embedding (scikit-learn's definition). */
  readonly trustworthiness: number;
  /** Levina–Bickel MLE intrinsic dimension of the data (k from 10 to 20). */
  readonly mle: number;
  /** TwoNN intrinsic dimension of the data. */
  readonly twoNn: number;
  /** Embedding time in ms (the embedder only, not the scores). */
  readonly runtimeMs: number;
}

/**
 * Embeds `points` in 2-D with the registered embedder `method` (neighbourhood control `k`, seed), stepping
 * its run so iterative methods report progress, then scores it: T(5), MLE and TwoNN dimension.
 * `onProgress(fraction)` receives the embedder's progress (scaled to 0.9; the scores take the rest).
 */
export function manifoldEmbedding(
  points: DenseMatrix,
  method: string,
  k: number,
  seed: number,
  onProgress?: (fraction: number) => void,
  now: () => number = () => performance.now(),
): ManifoldResult {
  const control = neighbourControl(method);
  const options: Record<string, unknown> = { nComponents: 2, seed };
  if (control.option !== null) options[control.option] = k;
  if (onProgress !== undefined)
    options['onProgress'] = (p: EmbedProgress) => onProgress(0.9 * Math.min(1, Math.max(0, p.fraction)));
  const t0 = now();
  const run = embedderByName(method).start(points, options);
  while (!run.done) {
    run.step(1);
    if (onProgress !== undefined && run.totalIterations > 1)
      onProgress((0.9 * run.iteration) / run.totalIterations);
  }
  const embedding = run.result().embedding;
  const runtimeMs = now() - t0;
  const trust = trustworthiness(points, embedding, { k: 5 });
  onProgress?.(0.95);
  const mle = mleDimension(points).dimension;
  const twoNn = twoNnDimension(points).dimension;
  onProgress?.(1);
  return { embedding: embedding.data, trustworthiness: trust, mle, twoNn, runtimeMs };
}
