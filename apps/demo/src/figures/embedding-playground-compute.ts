import { type EmbedderRun, trustworthiness, tsne, umap } from '@infogeom/dimred';
import type { DenseMatrix } from '@infogeom/linalg';
import type { DatasetName } from './dimred-data.js';

/** The two neighbour embeddings of the playground. */
export type PlaygroundMethod = 'tsne' | 'umap';

/** Everything that defines a playground run (all of it lives in the URL). */
export interface PlaygroundParams {
  /** t-SNE or UMAP. */
  readonly method: PlaygroundMethod;
  /** Data set. */
  readonly data: DatasetName;
  /** Number of points. */
  readonly n: number;
  /** Seed of the data and the optimiser. */
  readonly seed: number;
  /** Length of the run: t-SNE gradient iterations or UMAP epochs. */
  readonly iterations: number;
  /** t-SNE perplexity. */
  readonly perplexity: number;
  /** t-SNE learning rate; 0 means scikit-learn's 'auto' = max(n / exaggeration / 4, 50). */
  readonly learningRate: number;
  /** t-SNE early exaggeration (first 250 iterations). */
  readonly exaggeration: number;
  /** Barnes–Hut accuracy θ; 0 runs the exact O(n²) gradient. */
  readonly theta: number;
  /** UMAP neighbourhood size (counting the point itself, as umap-learn). */
  readonly nNeighbors: number;
  /** UMAP minimum distance. */
  readonly minDist: number;
  /** UMAP spread. */
  readonly spread: number;
  /** UMAP negative samples per positive one. */
  readonly negativeSampleRate: number;
}

/** The playground's defaults (scikit-learn's and umap-learn's, run lengths included). */
export const PLAYGROUND_DEFAULTS: PlaygroundParams = {
  method: 'tsne',
  data: 'digits',
  n: 1000,
  seed: 0,
  iterations: 1000,
  perplexity: 30,
  learningRate: 0,
  exaggeration: 12,
  theta: 0.5,
  nNeighbors: 15,
  minDist: 0.1,
  spread: 1,
  negativeSampleRate: 5,
};

/** Allowed range of each numeric parameter: [min, max, integer?]. */
export const PLAYGROUND_RANGES: Readonly<
  Record<Exclude<keyof PlaygroundParams, 'method' | 'data'>, readonly [number, number, boolean]>
> = {
  n: [100, 2000, true],
  seed: [0, 1e9, true],
  iterations: [1, 5000, true],
  perplexity: [2, 100, false],
  learningRate: [0, 5000, false],
  exaggeration: [1, 50, false],
  theta: [0, 1, false],
  nNeighbors: [2, 100, true],
  minDist: [0, 3, false],
  spread: [0.1, 5, false],
  negativeSampleRate: [1, 30, true],
};

/** Starts the run of `params` on `points` (nothing is computed until the first step or `current()`). */
export function startPlayground(points: DenseMatrix, params: PlaygroundParams): EmbedderRun {
  if (params.method === 'tsne')
    return tsne.start(points, {
      nComponents: 2,
      seed: params.seed,
      perplexity: params.perplexity,
      learningRate: params.learningRate === 0 ? 'auto' : params.learningRate,
      earlyExaggeration: params.exaggeration,
      method: params.theta === 0 ? 'exact' : 'barnes-hut',
      theta: params.theta,
      maxIterations: params.iterations,
    });
  return umap.start(points, {
    nComponents: 2,
    seed: params.seed,
    nNeighbors: params.nNeighbors,
    minDist: params.minDist,
    spread: params.spread,
    negativeSampleRate: params.negativeSampleRate,
    nEpochs: params.iterations,
  });
}

/** Scores of a layout: trustworthiness T(5), and for a finished t-SNE run its final KL divergence. */
export interface PlaygroundScores {
  /** Trustworthiness T(5) of the current layout. */
  readonly trustworthiness: number;
  /** KL(P‖Q) of a finished t-SNE run (`info.klDivergence`), else NaN. */
  readonly kl: number;
}

/** Scores the run's current layout (T(5)); adds the final KL once a t-SNE run is done. */
export function playgroundScores(points: DenseMatrix, run: EmbedderRun): PlaygroundScores {
  const trust = trustworthiness(points, run.current(), { k: 5 });
  const info = run.done ? run.result().info : {};
  const kl = typeof info['klDivergence'] === 'number' ? info['klDivergence'] : Number.NaN;
  return { trustworthiness: trust, kl };
}

/** Runs `params` to the end in one go (what the page reaches by playing to the end) and scores it. */
export function runPlayground(
  points: DenseMatrix,
  params: PlaygroundParams,
): PlaygroundScores & { iteration: number } {
  const run = startPlayground(points, params);
  while (!run.done) run.step(50);
  return { ...playgroundScores(points, run), iteration: run.iteration };
}
