/**
 * `@infogeom/dimred/fine` — FINE (Fisher Information Nonparametric Embedding): embeddings of collections
 * of distributions by their Fisher–Rao distances. Needs the optional peers `@infogeom/fisher` and
 * `@infogeom/distributions`.
 * @packageDocumentation
 */
export {
  type FamilyDistanceOptions,
  type FamilyDistances,
  familyFisherRaoDistances,
} from './family-fisher-rao-distances.js';
export {
  type FineEmbedderOptions,
  type FineInput,
  type FineOptions,
  type FineResult,
  fine,
  fineEmbedder,
} from './fine.js';
export { type GeodesicGraphOptions, geodesicGraphDistances } from './geodesic-graph-distances.js';
export { histogramFisherRaoDistances } from './histogram-fisher-rao-distances.js';
