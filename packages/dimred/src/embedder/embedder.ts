import type { DenseMatrix, Rng } from '@infogeom/linalg';

/** Progress of a long computation, reported through {@link EmbedOptions.onProgress}. */
export interface EmbedProgress {
  /** The embedder's name. */
  readonly embedder: string;
  /** What is being computed now, e.g. `'knn'`, `'shortest-paths'`, `'eigensolve'`, `'optimise'`. */
  readonly stage: string;
  /** Overall completion in [0, 1]; reaches exactly 1 when the run is done. */
  readonly fraction: number;
  /** Optimiser iteration for iterative embedders (t-SNE, UMAP, sculpting), else 0. */
  readonly iteration: number;
}

/** Options every embedder accepts beside its own. */
export interface EmbedOptions {
  /** Target dimension d of the embedding (default 2). */
  readonly nComponents?: number;
  /** Seed or generator for every random choice; the same seed gives bit-identical results (default seed 0). */
  readonly seed?: number | Rng;
  /** Checked between steps; an aborted signal stops the run with an `AbortError`. */
  readonly signal?: AbortSignal;
  /** Called as the run advances (at most a few hundred times per run). */
  readonly onProgress?: (progress: EmbedProgress) => void;
}

/** What a finished embedding returns. */
export interface EmbeddingResult {
  /** The n × d coordinates, one row per input point. */
  readonly embedding: DenseMatrix;
  /**
   * Maps new points (m × D, same columns as the training data) into the embedding, by the method's
   * own out-of-sample rule or a Nyström extension; absent when the method has none.
   */
  readonly transform?: (points: DenseMatrix) => DenseMatrix;
  /** Method-specific diagnostics (eigenvalues, reconstruction error, final KL, …), JSON-safe. */
  readonly info: Readonly<Record<string, number | string | boolean | readonly number[]>>;
}

/**
 * A run in progress: one-shot methods finish in one step, iterative ones (t-SNE, UMAP, Manifold
 * Sculpting) advance one optimiser epoch per step so a page can animate them (DESIGN convention 11).
 */
export interface EmbedderRun {
  /** Advances by up to `n` steps (default 1); returns `true` while the run is not done. */
  step(n?: number): boolean;
  /** `true` once the run has finished. */
  readonly done: boolean;
  /** Steps taken so far. */
  readonly iteration: number;
  /** Total steps the run will take. */
  readonly totalIterations: number;
  /** The current coordinates (n × d); for iterative methods a snapshot of the live state. */
  current(): DenseMatrix;
  /** The final result; throws `InvalidArgumentError` when called before `done`. */
  result(): EmbeddingResult;
}

/**
 * An embedder plugin: a plain config object (DESIGN, "registration is data"). `O` is the method's own
 * options type, merged with {@link EmbedOptions}.
 */
export interface Embedder<O extends object = object> {
  /** Registry name, an identifier such as `'isomap'`. */
  readonly name: string;
  /** One line on what the method preserves. */
  readonly description: string;
  /** Whether results carry a `transform` for new points. */
  readonly hasTransform: boolean;
  /** Whether runs take more than one step (iterative optimisers). */
  readonly iterative: boolean;
  /** Default values of the method's own options. */
  readonly defaults: Readonly<O>;
  /** Starts a run on data `points` (n × D, finite). Validation errors are thrown here. */
  start(points: DenseMatrix, options?: O & EmbedOptions): EmbedderRun;
}
