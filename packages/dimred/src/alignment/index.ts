export { type FeatureLevelAlignment, featureLevelAlignment } from './feature-level-alignment.js';
export { type JointEmbedding, jointAdjacency, jointLaplacianEmbedding } from './joint-laplacian-embedding.js';
export { type LocalGeometryMatchOptions, localGeometryMatches } from './local-geometry-matches.js';
export {
  type ManifoldAlignmentEmbedderOptions,
  type ManifoldAlignmentOptions,
  type ManifoldAlignmentResult,
  manifoldAlignment,
  manifoldAlignmentEmbedder,
} from './manifold-alignment.js';
