/** The metric a neighbour search uses. */
export type KnnMetric = 'euclidean' | 'cosine';

/**
 * The k nearest neighbours of each of n points, excluding the point itself, sorted by increasing
 * distance: neighbour j of point i is `indices[i * k + j]` at distance `distances[i * k + j]`.
 * Produced by the exact and the approximate searches alike, consumed by every graph-based embedder.
 */
export interface KnnGraph {
  /** Number of points. */
  readonly n: number;
  /** Neighbours per point. */
  readonly k: number;
  /** n × k neighbour indices, row-major. */
  readonly indices: Int32Array;
  /** n × k distances (euclidean, or cosine distance 1 − cos), row-major, non-decreasing per row. */
  readonly distances: Float64Array;
  /** The metric used. */
  readonly metric: KnnMetric;
}
