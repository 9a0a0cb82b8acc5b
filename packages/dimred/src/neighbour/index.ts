export { tsne } from './tsne.js';
export { TSNE_DEFAULTS, type TsneOptions } from './tsne-options.js';
export { umap } from './umap.js';
export { findAbParams, type UmapCurve } from './umap-ab.js';
export {
  type FuzzySimplicialSet,
  fuzzySimplicialSet,
  type SmoothKnnDistances,
  smoothKnnDistances,
} from './umap-fuzzy-graph.js';
export { UMAP_DEFAULTS, type UmapDefaulted, type UmapOptions } from './umap-options.js';
