import { DimensionMismatchError } from '@infogeom/linalg';
import type { KnnGraph } from './knn-graph.js';

/**
 * Recall of an approximate neighbour graph against an exact one: the fraction of the exact k
 * neighbours of each point that the approximate graph also lists, averaged over points (ties at the
 * k-th distance are not credited).
 * @param approx - the graph to assess (n points, any k ≥ exact.k is compared on its first exact.k)
 * @param exact - the reference graph
 */
export function knnRecall(approx: KnnGraph, exact: KnnGraph): number {
  if (approx.n !== exact.n) throw new DimensionMismatchError('approx.n', approx.n, `${exact.n}`);
  if (approx.k < exact.k) throw new DimensionMismatchError('approx.k', approx.k, `≥ ${exact.k}`);
  const k = exact.k;
  let hits = 0;
  for (let i = 0; i < exact.n; i++) {
    const row = new Set<number>();
    for (let j = 0; j < k; j++) row.add(approx.indices[i * approx.k + j]!);
    for (let j = 0; j < k; j++) if (row.has(exact.indices[i * k + j]!)) hits++;
  }
  return exact.n === 0 ? 1 : hits / (exact.n * k);
}
