import type { KnnMetric } from '../knn/knn-graph.js';

/** t-SNE's own options (scikit-learn names in camelCase, same defaults). */
export interface TsneOptions {
  /** Effective number of neighbours (default 30; must be below n). */
  readonly perplexity?: number;
  /** Factor on P during the first `explorationIterations` iterations (default 12). */
  readonly earlyExaggeration?: number;
  /** Step size, or `'auto'` = max(n / earlyExaggeration / 4, 50) (default, as scikit-learn ≥ 1.2). */
  readonly learningRate?: number | 'auto';
  /** Total gradient iterations (default 1000); one step = one iteration. */
  readonly maxIterations?: number;
  /** Iterations with exaggeration and momentum 0.5 (default 250); momentum 0.8 afterwards. */
  readonly explorationIterations?: number;
  /** `'exact'` (O(n²)), `'barnes-hut'` (O(n log n), 2-D/3-D) or `'auto'` (default: exact for n ≤ 500). */
  readonly method?: 'auto' | 'exact' | 'barnes-hut';
  /** Barnes–Hut accuracy θ (default 0.5). */
  readonly theta?: number;
  /** `'pca'` (default) or `'random'` (N(0, 1e-4²)). */
  readonly init?: 'pca' | 'random';
  /** Input metric (default `'euclidean'`; affinities use squared euclidean distances). */
  readonly metric?: KnnMetric;
  /** Stop when the gradient norm falls below this at a check (every 50 iterations; default 1e-7). */
  readonly minGradNorm?: number;
  /** Stop a phase when the error has not improved for this many iterations (default 300). */
  readonly nIterWithoutProgress?: number;
}

/** Defaults of {@link TsneOptions}. */
export const TSNE_DEFAULTS: Readonly<Required<TsneOptions>> = {
  perplexity: 30,
  earlyExaggeration: 12,
  learningRate: 'auto',
  maxIterations: 1000,
  explorationIterations: 250,
  method: 'auto',
  theta: 0.5,
  init: 'pca',
  metric: 'euclidean',
  minGradNorm: 1e-7,
  nIterWithoutProgress: 300,
};
