export {
  type ManifoldSculptingOptions,
  type ManifoldSculptingRun,
  manifoldSculpting,
  manifoldSculptingEmbedder,
  startManifoldSculpting,
} from './manifold-sculpting.js';
