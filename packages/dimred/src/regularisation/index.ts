export { type LapRlsModel, type LapRlsOptions, lapRls } from './lap-rls.js';
export {
  type LapRlsEmbedderOptions,
  type LapSvmEmbedderOptions,
  lapRlsEmbedder,
  lapSvmEmbedder,
} from './lap-rls-embedder.js';
export { type LapSvmModel, type LapSvmOptions, lapSvm } from './lap-svm.js';
export {
  type NeighbourhoodGraph,
  type NeighbourhoodLaplacianOptions,
  neighbourhoodLaplacian,
} from './neighbourhood-laplacian.js';
export { medianPairwiseDistance, rbfKernel } from './rbf-kernel.js';
