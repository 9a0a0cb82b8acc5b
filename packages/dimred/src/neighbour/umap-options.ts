import type { KnnGraph, KnnMetric } from '../knn/knn-graph.js';

/** UMAP's own options (umap-learn names in camelCase, same defaults). */
export interface UmapOptions {
  /** Neighbourhood size, counting the point itself as umap-learn does (default 15, ≥ 2). */
  readonly nNeighbors?: number;
  /** Minimum distance between embedded points (default 0.1). */
  readonly minDist?: number;
  /** Scale of embedded points (default 1). */
  readonly spread?: number;
  /** SGD epochs (default 500 for n ≤ 10,000, else 200, as umap-learn); one step = one epoch. */
  readonly nEpochs?: number;
  /** Input metric (default `'euclidean'`). */
  readonly metric?: KnnMetric;
  /** `'spectral'` (default; fallback per component for disconnected graphs) or `'random'`. */
  readonly init?: 'spectral' | 'random';
  /** Initial SGD learning rate (default 1). */
  readonly learningRate?: number;
  /** Negative samples per positive sample (default 5). */
  readonly negativeSampleRate?: number;
  /** Weight of negative samples γ (default 1). */
  readonly repulsionStrength?: number;
  /** Nearest neighbours assumed connected (default 1). */
  readonly localConnectivity?: number;
  /** Curve parameter a (default: fitted from minDist and spread). */
  readonly a?: number;
  /** Curve parameter b (default: fitted from minDist and spread). */
  readonly b?: number;
  /**
   * A precomputed neighbour graph with k = nNeighbors − 1 neighbours per point (excluding the point);
   * default: NN-descent on the data.
   */
  readonly knn?: KnnGraph;
}

/** The options that have data-independent defaults. */
export type UmapDefaulted =
  | 'nNeighbors'
  | 'minDist'
  | 'spread'
  | 'metric'
  | 'init'
  | 'learningRate'
  | 'negativeSampleRate'
  | 'repulsionStrength'
  | 'localConnectivity';

/** Defaults of {@link UmapOptions} (nEpochs, a, b and knn depend on the data). */
export const UMAP_DEFAULTS: Readonly<Required<Pick<UmapOptions, UmapDefaulted>>> = {
  nNeighbors: 15,
  minDist: 0.1,
  spread: 1,
  metric: 'euclidean',
  init: 'spectral',
  learningRate: 1,
  negativeSampleRate: 5,
  repulsionStrength: 1,
  localConnectivity: 1,
};
